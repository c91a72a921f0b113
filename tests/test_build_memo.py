"""The memoized build (issue 16): the same results as the plain computation.

``normalize_words`` is ``normalize`` computed word by word; the index built with the
build-time memos answers exactly as one built without them (``Index(..., memo=False)``).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aliasres.normalize import _normalize, has_letters, normalize_words

from test_properties import COMBINING, texts

TEXT = settings(max_examples=500, deadline=None)
# words that repeat, with combining marks and odd spaces at their edges: what a word memo
# could get wrong
WORDS = st.lists(
    st.text(alphabet=st.sampled_from(COMBINING + "\u00a8\u0640\u00a0 ,.'ʿ-ابتثجحخهةىيأإآؤئءکیşSsç"
                                     "AaİIıé\u0327\u0301Σσ"), max_size=4),
    max_size=5,
)


@TEXT
@given(texts)
def test_normalize_words_is_normalize(text: str) -> None:
    assert normalize_words(text) == _normalize(text)
    assert has_letters(text) == bool(_normalize(text))


@TEXT
@given(WORDS, st.lists(st.integers(0, 4), max_size=8))
def test_normalize_words_with_repeated_words(words: list[str], picks: list[int]) -> None:
    chosen = [words[i % len(words)] for i in picks] if words else []
    text = " ".join(chosen)
    assert normalize_words(text) == _normalize(text)
    assert normalize_words(text) == _normalize(text)  # again, from the memo
    assert has_letters(text) == bool(_normalize(text))


@TEXT
@given(texts, st.sampled_from("azAZ09m"), texts)
def test_an_ascii_letter_or_digit_survives_normalize(before: str, ch: str, after: str) -> None:
    # what the table loader's quick check of "has letters or digits" relies on
    assert _normalize(before + ch + after)
