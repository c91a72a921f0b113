"""Synthetic but realistic alias tables and query sets for the speed benchmark.

Names are assembled from real name parts: Arabic given names (male and female), ``Abd al-X``
compounds, nasab chains (``bin``/``ibn``), family names with and without the article, nisbas
(place and tribe adjectives) and kunyas (``Abu X``). Every part is written in Arabic script;
its Latin spellings come from the bundled name-token table ``aliases/rules/name_tokens.yaml``
(Wikidata-derived, most frequent first), weighted by the counts of
``shared/eval/wikidata_ar_en_name_tokens.jsonl`` when that file is present. Parts the token
table does not know fall back to the spellings written below. Given names are drawn by their
Wikidata frequency, so collisions are as common as in real lists (many Mohammeds).

Every alias remembers its Arabic tokens (its *key*). A query's right answer is the set of
entities that own its key or its exact text: a spelling variant of "Mohammed Ahmed al-Halabi"
belongs to every entity called محمد احمد الحلبي. A query with several owners is ambiguous and
may also rightly resolve to nothing.

Everything is deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN_TABLE = ROOT / "aliases" / "rules" / "name_tokens.yaml"
WIKIDATA_TOKENS = ROOT.parent / "shared" / "eval" / "wikidata_ar_en_name_tokens.jsonl"

QUERY_TYPES = ("exact", "variant", "arabic", "miss")

# ---------------------------------------------------------------------------------------------
# Name parts. One entry a line: the Arabic token, then Latin spellings used only when the token
# table does not know the token (most usual first, "|"-separated).
# Sources: common Levantine, Iraqi, Gulf and Maghrebi name usage.

MALE = """
محمد muhammad|mohammed|mohamed
أحمد ahmad|ahmed
علي ali
حسن hassan|hasan
حسين hussein|husayn|hussain
عمر omar|umar
خالد khalid|khaled
محمود mahmoud|mahmud
مصطفى mustafa|moustafa|mostafa
يوسف yusuf|youssef|yousef
إبراهيم ibrahim|ebrahim
سعيد said|saeed
صالح salih|saleh
إسماعيل ismail|ismael
عثمان uthman|othman|osman
عادل adel|adil
عباس abbas
طارق tariq|tarek
سعد saad
ناصر nasser|nasir
منصور mansour|mansur
يحيى yahya|yehia
عيسى issa|isa
عمرو amr
خليل khalil
فيصل faisal|faysal
عماد imad|emad
عصام issam|essam
قاسم qasim|kassem
عامر amer|aamer
عمار ammar
جمال jamal|gamal
كمال kamal
سامي sami|samy
سمير samir
نبيل nabil|nabeel
وليد walid|waleed
رامي rami
فادي fadi
ماهر maher
بشار bashar|bachar
حافظ hafez|hafiz
رفعت rifaat|rifat
ماجد majid|maged
مازن mazen
باسل basil|bassel
زياد ziad|ziyad
رياض riad|riyad
هشام hisham|hicham
هاني hani|hany
وائل wael|wail
فراس firas
غسان ghassan
جميل jamil|jameel
كريم karim|kareem
رشيد rashid|rachid
سليمان sulayman|suleiman|slimane
داود dawud|daoud|dawood
موسى musa|moussa
هارون harun|haroun
زكريا zakariya|zakaria
إدريس idris|driss
أنس anas
بلال bilal
حمزة hamza|hamzah
جعفر jafar|jaafar
حيدر haidar|haydar
كاظم kadhim|kazem
مهدي mahdi|mehdi
مرتضى murtada|mortada
نوري nuri|nouri
فاضل fadel|fadil
فؤاد fouad|fuad
فتحي fathi|fathy
فوزي fawzi|fawzy
صبحي subhi|sobhi
شوقي shawki|chawki
لؤي louay|luay
معاذ muadh|moaz
مالك malik|malek
معتز mutaz|moataz
مهند muhannad|mohanad
منذر mundhir|monzer
مروان marwan
نزار nizar
نضال nidal
أيمن ayman|aiman
أسامة usama|osama|oussama
أنور anwar|anouar
أمين amin|ameen
أمجد amjad
إيهاب ihab|ehab
بسام bassam
توفيق tawfiq|toufic
ثامر thamer|thamir
جلال jalal|galal
جهاد jihad
حاتم hatem|hatim
حازم hazem|hazim
حمد hamad
حمدي hamdi|hamdy
راشد rashed|rached
رضا rida|reda|ridha
زهير zuhair|zouheir
زيد zaid|zayd|zeid
سالم salem|salim
سلطان sultan
سليم selim|saleem
شادي shadi|chadi
شريف sharif|cherif
صابر saber|sabir
صلاح salah
ضياء diyaa|diaa
طلال talal
عاطف atef|atif
عبيد obaid|ubayd
عدنان adnan
عدي uday|oday
عزت izzat|ezzat
علاء alaa|ala
عوض awad
غازي ghazi
فارس fares|faris
فهد fahad|fahd
قصي qusay|qusai
محسن muhsin|mohsen
مختار mukhtar|mokhtar
مراد murad|mourad
مصعب musab|mosab
معاوية muawiya|muawiyah
منير munir|mounir
مؤيد muayyad|moayad
ناجي naji|nagy
نادر nader|nadir
نايف nayef|naif
هيثم haitham|haytham
وسام wissam|wisam
ياسر yasser|yasir
ياسين yassin|yacine
يونس yunus|younes
يعقوب yaqub|yacoub
جاسم jasim|jassem
حامد hamed
حميد hamid|hameed
راضي radi
رائد raed|raid
سفيان sufyan|soufiane
شاكر shakir|shaker
صدام saddam
طه taha
عاصم asim|assem
عزام azzam
عمران imran|omran
غالب ghalib|ghaleb
فرحان farhan
لطفي lutfi|lotfi
مجيد majeed|magid
نجيب najib|naguib
هادي hadi
وحيد wahid
رمضان ramadan|ramadhan
شعبان shaaban|chaabane
حسام hussam|hossam
حبيب habib
سلمان salman
نواف nawaf
بندر bandar
تركي turki
مشعل mishal|meshal
صفوان safwan
ثائر thaer|thair
"""

FEMALE = """
فاطمة fatima|fatma
عائشة aisha|aicha
خديجة khadija
زينب zainab|zeinab
مريم maryam|mariam
ليلى layla|leila
سعاد souad|suad
هدى huda|houda
نور nour|noor
رنا rana
ريم reem|rim
سلمى salma
أسماء asma|asmaa
أمل amal
هند hind
سميرة samira
نادية nadia
منال manal
لينا lina
رزان razan
سناء sanaa
وفاء wafaa
حنان hanan
"""

# The X of the Abd al-X compounds (servant of one of the divine names).
ABD = """
الله allah
رحمن rahman
رحيم rahim
كريم karim
عزيز aziz
لطيف latif
قادر qadir|kader
حميد hamid
مجيد majid
ملك malik
سلام salam
رزاق razzaq
وهاب wahhab
جبار jabbar
هادي hadi
حكيم hakim
حليم halim
غني ghani
فتاح fattah
باسط basit
جليل jalil
ناصر nasser
واحد wahid
باقي baqi
إله ilah
"""

# Family names written with the article (occupations, descriptions, houses).
FAMILY_AL = """
خطيب khatib|khateeb
حداد haddad
نجار najjar|naggar
عطار attar
صباغ sabbagh
حلاق hallak|hallaq
حكيم hakim
شيخ sheikh|shaikh
سيد sayed|sayyid
خوري khoury|khouri
دباغ dabbagh
طويل tawil
كبير kabir
أسمر asmar
أبيض abyad
أحمر ahmar
جندي jundi|gindi
قاضي qadi|kadi
بيطار bitar|baytar
زين zein|zain
خياط khayyat|khayat
صياد sayyad
سقا saqqa
عقاد aqqad
منجد munajjed
قباني qabbani|kabbani
رفاعي rifai
أتاسي atassi
كيالي kayyali
جابري jabiri
مدني madani
"""

# Nisbas: the adjective of a place or a tribe, written with the article.
NISBA = """
حلبي halabi
شامي shami|chami
دمشقي dimashqi
حمصي homsi
حموي hamawi
إدلبي idlibi
رقاوي raqqawi
ديري deiri|dairi
حوراني hourani|hawrani
درعاوي daraawi
طرطوسي tartousi
جزراوي jazrawi
مصري masri|misri
عراقي iraqi
بغدادي baghdadi
موصلي mosuli|mawsili
تكريتي tikriti
أنباري anbari
بصري basri
كردي kurdi
تركماني turkmani
شيشاني shishani
تونسي tunisi|tounsi
ليبي libi
جزائري jazairi
مغربي maghribi
سوداني sudani
يمني yamani|yemeni
كويتي kuwaiti
أردني urduni
فلسطيني filastini
لبناني lubnani
أنصاري ansari
قرشي qurashi
هاشمي hashimi|hashemi
حسيني husseini|husayni
جولاني jawlani|jolani
زرقاوي zarqawi
عدناني adnani
مقدسي maqdisi
بيروتي beiruti
طرابلسي trabulsi|tarabulsi
نابلسي nabulsi
غزاوي ghazawi
حجازي hijazi
نجدي najdi
عسيري asiri
أندلسي andalusi
شمري shammari
عنزي anazi|enezi
دليمي dulaimi
جبوري jubouri|jabouri
عبيدي obaidi|ubaydi
زبيدي zubaidi
تميمي tamimi
قحطاني qahtani
عتيبي otaibi|utaybi
مطيري mutairi
دوسري dosari|dawsari
حربي harbi
غامدي ghamdi
زهراني zahrani
خزرجي khazraji
كبيسي kubaisi
راوي rawi
عاني ani
جميلي jumaili
بدري badri
عزاوي azzawi
سامرائي samarrai
دوري douri|duri
زعبي zoubi|zubi
حريري hariri
"""

# Family names written without the article.
FAMILY_PLAIN = """
طلاس tlass
مخلوف makhlouf
شاليش shalish
جابر jaber
حمدان hamdan
عون aoun
فرنجية frangieh
جنبلاط jumblatt
شهاب shihab
حبش habash
عقل akl
حمود hammoud
عبود abboud
حسون hassoun
نعمة naameh
سلامة salameh|salama
عيد eid
زيدان zeidan|zidane
دياب diab|diyab
عطية attia|atiyah
عواد awad|awwad
عاشور ashour|achour
قدورة qaddoura
مرعي marai
"""

_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ئ": "ي", "ؤ": "و"})
_SUN = ("th", "sh", "dh", "t", "d", "r", "z", "s", "n")  # Latin starts of sun letters


def ar_fold(text: str) -> str:
    """The Arabic letter variants folded (hamza seats, alef maqsura, ta marbuta)."""
    return text.translate(_AR_FOLD)


@dataclass(frozen=True, slots=True)
class Token:
    """One name part: its Arabic form and its Latin spellings with their weights."""

    ar: str
    latin: tuple[str, ...]
    weights: tuple[float, ...]
    freq: float = 1.0  # how common the part is (draw weight)


@dataclass
class Vocab:
    """Every part list, each split into the parts used in tables and those kept for misses."""

    male: list[Token]
    female: list[Token]
    abd: list[Token]
    family_al: list[Token]
    nisba: list[Token]
    family_plain: list[Token]
    held_male: list[Token] = field(default_factory=list)
    held_family: list[Token] = field(default_factory=list)
    held_nisba: list[Token] = field(default_factory=list)


def _read_token_table(path: Path) -> dict[str, tuple[list[str], int]]:
    """Arabic token -> (Latin spellings, most frequent first; its Wikidata count)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader)
    out: dict[str, tuple[list[str], int]] = {}
    for entry in data.get("tokens", []):
        if isinstance(entry, dict):  # {ar, n, latin}
            ar, count, latin = entry["ar"], int(entry.get("n", 0)), list(entry["latin"])
        else:  # [ar, latin...]
            ar, count, latin = entry[0], 0, list(entry[1:])
        out[ar_fold(str(ar))] = ([str(x) for x in latin], count)
    return out


def _read_wikidata_counts(path: Path) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    if not path.exists():
        return out
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out[ar_fold(row["ar"])] = {str(s): int(c) for s, c in row["latin"]}
    return out


_ASCII_WORD = re.compile(r"^[a-z]{2,}$")


def _tokens(block: str, table: dict[str, tuple[list[str], int]],
            counts: dict[str, dict[str, int]]) -> list[Token]:
    out: list[Token] = []
    for line in block.strip().splitlines():
        ar, fallback = line.split()
        key = ar_fold(ar)
        known, count = table.get(key, ([], 0))
        # drop spellings with the article glued on (alsultan beside sultan): the article is a
        # part of its own here
        latin = [s for s in known if _ASCII_WORD.match(s)
                 and not (s[:2] in ("al", "el") and s[2:] in known)]
        own = fallback.split("|")
        if not latin:
            latin = own
        # the table's spellings, then ours that it lacks (each a real usage)
        latin = list(dict.fromkeys(latin + own))[:8]
        wd = counts.get(key, {})
        weights = [float(wd.get(s, 0)) if wd.get(s, 0) >= 2 else 0.0 for s in latin]
        if not any(weights):
            weights = [1.0 / (rank + 1) ** 1.5 for rank in range(len(latin))]
        else:  # spellings Wikidata never saw still occur, rarely
            floor = max(weights) * 0.02
            weights = [max(w, floor) for w in weights]
        # Wikidata over-represents the most famous names a little: flatten the counts somewhat
        out.append(Token(ar, tuple(latin), tuple(weights), float(max(count, 3)) ** 0.75))
    return out


def _fold_latin(word: str) -> str:
    """A coarse fold used only to keep held-out parts unlike any part in the tables."""
    w = word.lower()
    for a, b in (("sch", "sh"), ("ch", "sh"), ("dj", "j"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
                 ("q", "k"), ("gh", "g"), ("kh", "h"), ("dh", "d"), ("th", "t"), ("e", "a"),
                 ("o", "u"), ("y", "i"), ("w", "u")):
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)
    return re.sub(r"h$", "", w)


def _split_held(tokens: list[Token], every: int, skip_top: int) -> tuple[list[Token], list[Token]]:
    """Keep every ``every``-th part (after the ``skip_top`` most common) out of the tables."""
    ranked = sorted(range(len(tokens)), key=lambda i: (-tokens[i].freq, i))
    held_idx = {i for r, i in enumerate(ranked) if r >= skip_top and r % every == every - 1}
    kept = [t for i, t in enumerate(tokens) if i not in held_idx]
    held = [t for i, t in enumerate(tokens) if i in held_idx]
    return kept, held


def load_vocab(token_table: Path = TOKEN_TABLE, wikidata: Path | None = WIKIDATA_TOKENS) -> Vocab:
    """Read the name parts and their Latin spellings (deterministic)."""
    table = _read_token_table(token_table) if token_table.exists() else {}
    counts = _read_wikidata_counts(wikidata) if wikidata is not None else {}
    male = _tokens(MALE, table, counts)
    male_kept, held_male = _split_held(male, 8, 20)
    fam, held_family = _split_held(_tokens(FAMILY_AL, table, counts), 6, 0)
    nisba, held_nisba = _split_held(_tokens(NISBA, table, counts), 6, 0)
    vocab = Vocab(male_kept, _tokens(FEMALE, table, counts), _tokens(ABD, table, counts), fam,
                  nisba, _tokens(FAMILY_PLAIN, table, counts))
    # A held-out part must not look like any part in the tables, or a "miss" could rightly hit.
    used = {_fold_latin(s) for group in (vocab.male, vocab.female, vocab.abd, vocab.family_al,
                                         vocab.nisba, vocab.family_plain)
            for t in group for s in t.latin}
    used_ar = {ar_fold(t.ar) for group in (vocab.male, vocab.family_al, vocab.nisba,
                                           vocab.family_plain) for t in group}

    def clean(held: list[Token]) -> list[Token]:
        return [t for t in held if ar_fold(t.ar) not in used_ar
                and not any(_fold_latin(s) in used for s in t.latin)]

    vocab.held_male, vocab.held_family = clean(held_male), clean(held_family)
    vocab.held_nisba = clean(held_nisba)
    return vocab


# ---------------------------------------------------------------------------------------------
# A name is a tuple of parts; a part is (role, Token). Roles:
#   g given name, c Abd al-X compound, n connector (bin), k kunya (Abu X), m kunya (Umm X),
#   a family name or nisba with the article, p family name without it.
Part = tuple[str, Token]

_CONNECTOR = Token("بن", ("bin", "ibn", "ben"), (6.0, 3.0, 1.0))
_CONNECTOR_F = Token("بنت", ("bint", "binti"), (5.0, 1.0))
_ABU = (("Abu", 8.0), ("Abou", 2.0), ("Abo", 0.5))
_ARTICLE = (("al-", 10.0), ("Al-", 3.0), ("al ", 2.0), ("el-", 2.0), ("Al", 1.0), ("", 0.7),
            ("sun", 1.5))


def _pick(rng: random.Random, items: Sequence[str], weights: Sequence[float]) -> str:
    return rng.choices(items, weights)[0]


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _article(rng: random.Random, spelled: str, forced: str | None = None) -> str:
    style = forced or _pick(rng, [a for a, _ in _ARTICLE], [w for _, w in _ARTICLE])
    if style == "sun":
        sun = next((s for s in _SUN if spelled.startswith(s)), None)
        return f"a{sun}-{_cap(spelled)}" if sun else f"al-{_cap(spelled)}"
    if style == "Al":
        return "Al" + spelled  # glued: Alhalabi
    return style + _cap(spelled)


def _compound(rng: random.Random, spelled: str, is_allah: bool) -> str:
    if is_allah:
        return _pick(rng, ["Abdullah", "Abdallah", "Abd Allah", "Abdulla", "Abdellah", "Abd-Allah"],
                     [8, 4, 2, 1, 1, 1])
    x = _cap(spelled)
    forms = [f"Abd al-{x}", f"Abdul {x}", f"Abdel {x}", f"Abdul{spelled}", f"Abdel{spelled}",
             f"Abd-al-{x}", f"Abdul-{x}"]
    weights = [6, 4, 3, 3, 2, 1, 1]
    sun = next((s for s in _SUN if spelled.startswith(s)), None)
    if sun:  # Abd ar-Rahman, Abdurrahman, Abderrahmane
        c = sun[-1]
        forms += [f"Abd a{sun}-{x}", f"Abdu{c}{spelled}", f"Abde{c}{spelled}e"]
        weights += [2, 1, 1]
    return _pick(rng, forms, weights)


def render_latin(parts: Sequence[Part], rng: random.Random, *, house: dict[str, str] | None = None,
                 avoid: dict[str, str] | None = None,
                 chosen: dict[str, str] | None = None) -> str:
    """Write a name in Latin script, choosing a spelling and a style for every part.

    ``house`` maps an Arabic token to a spelling to prefer (an entity writes its names alike);
    ``avoid`` maps it to a spelling to change when another exists (a spelling variant);
    ``chosen``, when given, receives the spelling used for each token.
    """
    words: list[str] = []
    for role, tok in parts:
        latin, weights = tok.latin, tok.weights
        if avoid is not None and tok.ar in avoid and len(latin) > 1:
            others = [i for i, s in enumerate(latin) if s != avoid[tok.ar]]
            spelled = latin[rng.choice(others)] if rng.random() < 0.7 else avoid[tok.ar]
        elif house is not None and tok.ar in house and rng.random() < 0.75:
            spelled = house[tok.ar]
        else:
            spelled = _pick(rng, latin, weights)
        if house is not None:
            house.setdefault(tok.ar, spelled)
        if chosen is not None:
            chosen[tok.ar] = spelled
        if role == "g":
            words.append(_cap(spelled))
        elif role == "n":
            words.append(spelled)
        elif role == "c":
            words.append(_compound(rng, spelled, tok.ar == "الله"))
        elif role == "k":
            abu = _pick(rng, [a for a, _ in _ABU], [w for _, w in _ABU])
            words.append(f"{abu} {_cap(spelled)}")
        elif role == "m":
            words.append(f"{_pick(rng, ['Umm', 'Um', 'Oum'], [6, 2, 1])} {_cap(spelled)}")
        elif role == "a":
            words.append(_article(rng, spelled))
        else:  # p
            words.append(_cap(spelled))
    return " ".join(words)


def render_arabic(parts: Sequence[Part], rng: random.Random) -> str:
    """Write a name in Arabic script (compounds glued or not, as both are usual)."""
    words: list[str] = []
    for role, tok in parts:
        if role == "c":
            words.append(("عبدال" if rng.random() < 0.3 else "عبد ال") + tok.ar)
        elif role == "k":
            words.append("أبو " + tok.ar)
        elif role == "m":
            words.append("أم " + tok.ar)
        elif role == "a":
            words.append("ال" + tok.ar)
        else:
            words.append(tok.ar)
    return " ".join(words)


def name_key(parts: Sequence[Part]) -> str:
    """The identity of a name: its Arabic tokens, article and glue aside."""
    return " ".join(f"{role in 'ckm' and role or ''}{ar_fold(tok.ar)}" for role, tok in parts)


# ---------------------------------------------------------------------------------------------
# Latin spelling habits of English, French and German writers (applied to one word).

def _habits(word: str) -> list[str]:
    """Other spellings of ``word`` that a writer of another habit would produce."""
    lower = word.lower()
    out: list[str] = []

    def sub(pattern: str, repl: str, count: int = 1) -> None:
        new = re.sub(pattern, repl, word, count=count, flags=re.IGNORECASE)
        if new != word:
            # keep the capital of the first letter
            out.append(_cap(new) if word[:1].isupper() else new)

    sub(r"(?<!o)u", "ou")                 # French ou: Yusuf -> Yousuf
    sub(r"ou", "u")
    sub(r"sh", "ch")                      # French ch: Shami -> Chami
    sub(r"(?<!s)ch", "sh")
    sub(r"sh", "sch")                     # German sch
    sub(r"^j", "dj")                      # French dj: Jamal -> Djamal
    sub(r"dj", "j")
    sub(r"q", "k")                        # Qasim -> Kasim
    sub(r"kh", "ch") if lower.startswith("kh") else None   # German: Chaled
    sub(r"([bdfhjklmnrstz])\1", r"\1")    # doubled letters dropped: Hassan -> Hasan
    sub(r"(?<=[aeiou])([bdfjklmnrstz])(?=[aeiou])", r"\1\1")  # and added: Hasan -> Hassan
    sub(r"a$", "ah")                      # ta marbuta: Hamza -> Hamzah
    sub(r"ah$", "a")
    sub(r"eh$", "a")
    sub(r"i$", "y")                       # final i/y: Halabi -> Halaby
    sub(r"y$", "i")
    sub(r"ee", "i")
    sub(r"(?<=[^aeiou])i(?=[^aeiou])", "ee")  # English ee: Karim -> Kareem
    sub(r"(?<=[a-z])(ei|ai|ay)(?=[^aeiou]|$)", "ay" if "ei" in lower or "ai" in lower else "ei")
    sub(r"^w(?=[aeiou])", "ou")           # French: Walid -> Oualid
    sub(r"(?<=[bdfhjklmnrstz])an$", "ane")  # French final e: Adnan -> Adnane
    return out


def respell(parts: Sequence[Part], source: str, spelled: dict[str, str],
            rng: random.Random) -> str:
    """A spelling variant of a name: other Latin spellings of its tokens and other habits."""
    for _ in range(8):
        text = render_latin(parts, rng, avoid=spelled)
        words = text.split(" ")
        # one or two habit changes on random words
        for _ in range(rng.choice((0, 1, 1, 2))):
            i = rng.randrange(len(words))
            head, sep, tail = words[i].rpartition("-")
            options = _habits(tail)
            if options:
                words[i] = head + sep + rng.choice(options)
        if rng.random() < 0.08:  # lists often capitalize the family name: Omar AL-HALABI
            words[-1] = words[-1].upper()
        text = " ".join(words)
        if text.casefold() != source.casefold():
            return text
    return text


# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class TableAlias:
    entity: int
    text: str
    key: str
    parts: tuple[Part, ...] | None  # None for an Arabic-script alias
    spelled: dict[str, str]


@dataclass
class Dataset:
    """A generated alias table (as plain rows) and what the benchmark needs to query it."""

    size: int
    seed: int
    entities: list[tuple[str, str, list[tuple[str, str, str | None]]]]  # id, name, aliases
    aliases: list[TableAlias]
    owners_key: dict[str, set[int]]
    owners_text: dict[str, set[int]]
    vocab: Vocab

    @property
    def n_aliases(self) -> int:
        return len(self.aliases)


def _fold_text(text: str) -> str:
    return re.sub(r"[\s\-']+", " ", text).strip().casefold()


class _Drawer:
    """Weighted draws of parts, with cumulative weights computed once."""

    def __init__(self, rng: random.Random, tokens: list[Token]):
        self.rng, self.tokens = rng, tokens
        total = 0.0
        self.cum: list[float] = []
        for t in tokens:
            total += t.freq
            self.cum.append(total)

    def __call__(self) -> Token:
        return self.rng.choices(self.tokens, cum_weights=self.cum)[0]


def _person(rng: random.Random, draw: dict[str, _Drawer]) -> tuple[list[Part], list[Part] | None]:
    """A full name, and the family part (or None)."""
    female = rng.random() < 0.12
    given: Part = ("g", draw["female"]()) if female else (
        ("c", draw["abd"]()) if rng.random() < 0.15 else ("g", draw["male"]()))

    def father() -> Part:
        return ("c", draw["abd"]()) if rng.random() < 0.1 else ("g", draw["male"]())

    parts: list[Part] = [given]
    nasab = rng.random() < 0.2
    if nasab:
        parts.append(("n", _CONNECTOR_F if female else _CONNECTOR))
    parts.append(father())
    if rng.random() < 0.35:
        if nasab:
            parts.append(("n", _CONNECTOR))
        parts.append(father())
    r = rng.random()
    family: list[Part] | None
    if r < 0.45:
        family = [("a", draw["family_al"]())] if rng.random() < 0.6 else [("a", draw["male"]())]
    elif r < 0.75:
        family = [("a", draw["nisba"]())]
    elif r < 0.9:
        family = [("p", draw["family_plain"]())] if rng.random() < 0.5 else [("p", draw["male"]())]
    else:
        family = None
    return parts + (family or []), family


def father_of(full: Sequence[Part]) -> Part:
    """The part after the given name that is not a connector."""
    return next(p for p in full[1:] if p[0] != "n")


def generate(size: int, seed: int = 1, vocab: Vocab | None = None,
             arabic_share: float = 0.25) -> Dataset:
    """An alias table of ``size`` names (canonical names included), deterministic per seed."""
    vocab = vocab or load_vocab()
    rng = random.Random(f"table:{seed}:{size}")
    draw = {name: _Drawer(rng, getattr(vocab, name))
            for name in ("male", "female", "abd", "family_al", "nisba", "family_plain")}
    entities: list[tuple[str, str, list[tuple[str, str, str | None]]]] = []
    aliases: list[TableAlias] = []
    owners_key: dict[str, set[int]] = defaultdict(set)
    owners_text: dict[str, set[int]] = defaultdict(set)
    n_names_weights = (30, 35, 20, 15)  # 1..4 names an entity
    while len(aliases) < size:
        eidx = len(entities)
        full, family = _person(rng, draw)
        want = min(rng.choices((1, 2, 3, 4), n_names_weights)[0], size - len(aliases))
        house: dict[str, str] = {}
        forms: list[tuple[str, tuple[Part, ...] | None, str]] = [("canonical", tuple(full), "")]
        extras: list[tuple[str, tuple[Part, ...] | None, str]] = []
        given = full[0]
        tail = family or [("a", draw["nisba"]())]
        if family:  # the given and family name, with the father's name or without
            short = (given, *family) if rng.random() < 0.6 else (given, father_of(full), *family)
            extras.append(("spelling", short, ""))
        elif len(full) > 2:
            extras.append(("spelling", tuple(p for p in full if p[0] != "n")[:2], ""))
        if rng.random() < 0.5:
            kunya_of = draw["male"]()
            role = "m" if given[1] in vocab.female else "k"
            extras.append(("nom_de_guerre", ((role, kunya_of), *tail), ""))
        extras.append(("spelling", tuple(full), "respell"))
        if rng.random() < arabic_share * 2:
            extras.append(("spelling", tuple(full), "arabic"))
        rng.shuffle(extras)
        forms.extend(extras)
        seen: set[str] = set()
        names: list[tuple[str, str, str | None]] = []
        for kind, parts, how in forms:
            if len(names) == want:
                break
            assert parts is not None
            spelled: dict[str, str] = {}
            if how == "arabic":
                text, lang, kept = render_arabic(parts, rng), "ar", None
            else:
                text = render_latin(parts, rng, house=house if how == "" else None,
                                    chosen=spelled)
                lang, kept = None, parts
            folded = _fold_text(text)
            if folded in seen:
                continue
            seen.add(folded)
            names.append((text, kind, lang))
            key = name_key(parts)
            owners_key[key].add(eidx)
            owners_text[folded].add(eidx)
            aliases.append(TableAlias(eidx, text, key, kept, spelled))
        entities.append((f"person/gen-{eidx:07d}", names[0][0], names[1:]))
    return Dataset(size, seed, entities, aliases, dict(owners_key), dict(owners_text), vocab)


@dataclass(frozen=True, slots=True)
class Query:
    """A query and its right answers (entity ids; empty: it must resolve to nothing)."""

    kind: str
    text: str
    expected: tuple[str, ...]


def _expected(ds: Dataset, key: str, text: str) -> tuple[str, ...]:
    owners = ds.owners_key.get(key, set()) | ds.owners_text.get(_fold_text(text), set())
    return tuple(sorted(ds.entities[i][0] for i in owners))


def _miss_parts(rng: random.Random, vocab: Vocab, draw_male: _Drawer) -> list[Part]:
    r = rng.random()
    held_given = ("g", rng.choice(vocab.held_male))
    held_fam = ("a", rng.choice(vocab.held_family + vocab.held_nisba))
    if r < 0.4:  # unknown given name and unknown family
        return [held_given, ("g", draw_male()), held_fam]
    if r < 0.65:  # unknown given name, known father and family
        return [held_given, ("g", draw_male()), ("a", rng.choice(vocab.family_al + vocab.nisba))]
    if r < 0.9:  # known given name and father, unknown family
        return [("g", draw_male()), ("g", draw_male()), held_fam]
    return [("k", rng.choice(vocab.held_male)), held_fam]  # a kunya nobody has


def queries(ds: Dataset, n: int, seed: int = 1) -> dict[str, list[Query]]:
    """``n`` distinct queries of each type (exact, variant, arabic, miss), deterministic."""
    rng = random.Random(f"queries:{seed}:{ds.size}")
    out: dict[str, list[Query]] = {t: [] for t in QUERY_TYPES}
    seen: dict[str, set[str]] = {t: set() for t in QUERY_TYPES}
    latin = [i for i, a in enumerate(ds.aliases) if a.parts is not None]

    def add(kind: str, text: str, expected: tuple[str, ...]) -> None:
        if text.casefold() not in seen[kind] and len(out[kind]) < n:
            seen[kind].add(text.casefold())
            out[kind].append(Query(kind, text, expected))

    tries = 0
    while min(len(v) for v in out.values()) < n and tries < 50 * n:
        tries += 1
        a = ds.aliases[rng.randrange(len(ds.aliases))]
        add("exact", a.text, _expected(ds, a.key, a.text))
        b = ds.aliases[latin[rng.randrange(len(latin))]]
        assert b.parts is not None
        variant = respell(b.parts, b.text, b.spelled, rng)
        add("variant", variant, _expected(ds, b.key, variant))
        c = ds.aliases[latin[rng.randrange(len(latin))]]
        assert c.parts is not None
        arabic = render_arabic(c.parts, rng)
        add("arabic", arabic, _expected(ds, c.key, arabic))
    draw_male = _Drawer(rng, ds.vocab.male)
    tries = 0
    while len(out["miss"]) < n and tries < 50 * n:
        tries += 1
        parts = _miss_parts(rng, ds.vocab, draw_male)
        text = render_latin(parts, rng) if rng.random() < 0.8 else render_arabic(parts, rng)
        if not _expected(ds, name_key(parts), text):
            add("miss", text, ())
    return out


# ---------------------------------------------------------------------------------------------
# Files exchanged with the measuring subprocesses.

def write_table(ds: Dataset, path: Path) -> None:
    """One entity a line: ``[id, name, [[alias, kind, lang], ...]]``."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in ds.entities)


def read_table(path: Path) -> Iterator[tuple[str, str, list[list[str | None]]]]:
    """The rows written by :func:`write_table`, streamed."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            eid, name, aliases = json.loads(line)
            yield eid, name, aliases


def write_queries(qs: dict[str, list[Query]], path: Path) -> None:
    data = {k: [[q.text, list(q.expected)] for q in v] for k, v in qs.items()}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read_queries(path: Path) -> dict[str, list[Query]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: [Query(k, t, tuple(e)) for t, e in v] for k, v in data.items()}


if __name__ == "__main__":  # a quick look at what is generated
    import argparse

    parser = argparse.ArgumentParser(
        description="Print the first entities and some queries of a generated table."
    )
    parser.add_argument("size", type=int, nargs="?", default=30, help="aliases (default 30)")
    d = generate(parser.parse_args().size)
    for eid, name, als in d.entities[:12]:
        print(eid, "|", name, "|", " | ".join(f"{a} ({k})" for a, k, _ in als))
    for kind, qs in queries(d, 6).items():
        for q in qs:
            print(kind, "|", q.text, "|", ",".join(q.expected) or "-")
