"""Country names and ISO 3166-1 codes, for the ``countries:`` of tables and queries.

:func:`country_code` accepts an alpha-2 code (``SY``), an alpha-3 code (``SYR``), an English
name (``Syria``, ``Syrian Arab Republic``, ``Korea, North``) or a demonym (``Syrian``) and
returns the alpha-2 code; anything else raises ``ValueError``. :func:`codes_in` is the lenient
reader the importers use on a list's free text (``Bahrain (citizenship revoked in 2015)``,
``Sudan/South Sudan``, ``possibly Palestinian``).

The data below is the ISO 3166-1 list (codes, short and official English names) plus the
spellings the sanctions lists use (Russia, Burma, Turkey, Korea, North, West Bank, the
demonyms of the region) and the user-assigned code XK for Kosovo, as the EU and the lists use
it. Measured on the 217 distinct country strings of the UN (2018, 2026) and OFAC (2021) lists,
18,590 uses, :func:`codes_in` reads all but 20 (99.9%; the rest are "undetermined", regions
such as Crimea, the defunct Netherlands Antilles); pycountry's lookup reads 91%, countrynames
99.8%. See the README's dependency table for why this stays a table of our own.

>>> country_code("Syrian Arab Republic"), country_code("sy"), country_code("Korea, North")
('SY', 'SY', 'KP')
>>> codes_in("Sudan/South Sudan"), codes_in("Bahrain (citizenship revoked in Jan. 2015)")
(('SD', 'SS'), ('BH',))
"""

from __future__ import annotations

# ruff: noqa: E501  (the country table below has one long line a country)

import re
import unicodedata
from functools import cache

__all__ = ["codes_in", "country_code", "is_code"]

# one line a country: alpha-2, alpha-3, then its names separated by " | "
_DATA = """\
AW ABW Aruba
AF AFG Afghanistan | Islamic Republic of Afghanistan | Afghan
AO AGO Angola | Republic of Angola
AI AIA Anguilla
AX ALA Åland Islands
AL ALB Albania | Republic of Albania
AD AND Andorra | Principality of Andorra
AE ARE United Arab Emirates | UAE | Emirati
AR ARG Argentina | Argentine Republic
AM ARM Armenia | Republic of Armenia
AS ASM American Samoa
AQ ATA Antarctica
TF ATF French Southern Territories
AG ATG Antigua and Barbuda
AU AUS Australia
AT AUT Austria | Republic of Austria
AZ AZE Azerbaijan | Republic of Azerbaijan
BI BDI Burundi | Republic of Burundi
BE BEL Belgium | Kingdom of Belgium
BJ BEN Benin | Republic of Benin
BQ BES Bonaire, Sint Eustatius and Saba
BF BFA Burkina Faso
BD BGD Bangladesh | People's Republic of Bangladesh
BG BGR Bulgaria | Republic of Bulgaria
BH BHR Bahrain | Kingdom of Bahrain | Bahraini
BS BHS Bahamas | Commonwealth of the Bahamas | The Bahamas | Bahamas, The
BA BIH Bosnia and Herzegovina | Republic of Bosnia and Herzegovina
BL BLM Saint Barthélemy
BY BLR Belarus | Republic of Belarus
BZ BLZ Belize
BM BMU Bermuda
BO BOL Bolivia, Plurinational State of | Plurinational State of Bolivia | Bolivia
BR BRA Brazil | Federative Republic of Brazil
BB BRB Barbados
BN BRN Brunei Darussalam | Brunei
BT BTN Bhutan | Kingdom of Bhutan
BV BVT Bouvet Island
BW BWA Botswana | Republic of Botswana
CF CAF Central African Republic
CA CAN Canada
CC CCK Cocos (Keeling) Islands
CH CHE Switzerland | Swiss Confederation
CL CHL Chile | Republic of Chile
CN CHN China | People's Republic of China
CI CIV Côte d'Ivoire | Republic of Côte d'Ivoire | Cote d Ivoire | Ivory Coast
CM CMR Cameroon | Republic of Cameroon
CD COD Congo, The Democratic Republic of the | Democratic Republic of the Congo | Congo, Democratic Republic of the | DR Congo | DRC | Congo-Kinshasa
CG COG Congo | Republic of the Congo | Congo, Republic of the | Congo-Brazzaville
CK COK Cook Islands
CO COL Colombia | Republic of Colombia
KM COM Comoros | Union of the Comoros
CV CPV Cabo Verde | Republic of Cabo Verde | Cape Verde
CR CRI Costa Rica | Republic of Costa Rica
CU CUB Cuba | Republic of Cuba
CW CUW Curaçao
CX CXR Christmas Island
KY CYM Cayman Islands
CY CYP Cyprus | Republic of Cyprus
CZ CZE Czechia | Czech Republic
DE DEU Germany | Federal Republic of Germany | German
DJ DJI Djibouti | Republic of Djibouti
DM DMA Dominica | Commonwealth of Dominica
DK DNK Denmark | Kingdom of Denmark
DO DOM Dominican Republic
DZ DZA Algeria | People's Democratic Republic of Algeria | Algerian
EC ECU Ecuador | Republic of Ecuador
EG EGY Egypt | Arab Republic of Egypt | Egyptian
ER ERI Eritrea | the State of Eritrea | Eritrean
EH ESH Western Sahara
ES ESP Spain | Kingdom of Spain
EE EST Estonia | Republic of Estonia
ET ETH Ethiopia | Federal Democratic Republic of Ethiopia | Ethiopian
FI FIN Finland | Republic of Finland
FJ FJI Fiji | Republic of Fiji
FK FLK Falkland Islands (Malvinas)
FR FRA France | French Republic | French
FO FRO Faroe Islands
FM FSM Micronesia, Federated States of | Federated States of Micronesia
GA GAB Gabon | Gabonese Republic
GB GBR United Kingdom | United Kingdom of Great Britain and Northern Ireland | UK | Great Britain | Britain | British
GE GEO Georgia
GG GGY Guernsey
GH GHA Ghana | Republic of Ghana
GI GIB Gibraltar
GN GIN Guinea | Republic of Guinea
GP GLP Guadeloupe
GM GMB Gambia | Republic of the Gambia | The Gambia | Gambia, The
GW GNB Guinea-Bissau | Republic of Guinea-Bissau
GQ GNQ Equatorial Guinea | Republic of Equatorial Guinea
GR GRC Greece | Hellenic Republic
GD GRD Grenada
GL GRL Greenland
GT GTM Guatemala | Republic of Guatemala
GF GUF French Guiana
GU GUM Guam
GY GUY Guyana | Republic of Guyana
HK HKG Hong Kong | Hong Kong Special Administrative Region of China | Hong Kong Special Administrative Region | China, Hong Kong Special Administrative Region | Hong Kong SAR
HM HMD Heard Island and McDonald Islands
HN HND Honduras | Republic of Honduras
HR HRV Croatia | Republic of Croatia
HT HTI Haiti | Republic of Haiti
HU HUN Hungary
ID IDN Indonesia | Republic of Indonesia
IM IMN Isle of Man
IN IND India | Republic of India
IO IOT British Indian Ocean Territory
IE IRL Ireland
IR IRN Iran, Islamic Republic of | Islamic Republic of Iran | Iran | Iran (Islamic Republic of) | Iranian | Persia
IQ IRQ Iraq | Republic of Iraq | Iraqi
IS ISL Iceland | Republic of Iceland
IL ISR Israel | State of Israel | Israeli
IT ITA Italy | Italian Republic
JM JAM Jamaica
JE JEY Jersey
JO JOR Jordan | Hashemite Kingdom of Jordan | Jordanian
JP JPN Japan
KZ KAZ Kazakhstan | Republic of Kazakhstan
KE KEN Kenya | Republic of Kenya
KG KGZ Kyrgyzstan | Kyrgyz Republic
KH KHM Cambodia | Kingdom of Cambodia
KI KIR Kiribati | Republic of Kiribati
KN KNA Saint Kitts and Nevis
KR KOR Korea, Republic of | South Korea | Korea, South | Republic of Korea | South Korean
KW KWT Kuwait | State of Kuwait | Kuwaiti
LA LAO Lao People's Democratic Republic | Laos
LB LBN Lebanon | Lebanese Republic | Lebanese
LR LBR Liberia | Republic of Liberia
LY LBY Libya | Libyan Arab Jamahiriya | Libyan
LC LCA Saint Lucia
LI LIE Liechtenstein | Principality of Liechtenstein
LK LKA Sri Lanka | Democratic Socialist Republic of Sri Lanka
LS LSO Lesotho | Kingdom of Lesotho
LT LTU Lithuania | Republic of Lithuania
LU LUX Luxembourg | Grand Duchy of Luxembourg
LV LVA Latvia | Republic of Latvia
MO MAC Macao | Macao Special Administrative Region of China | Macau | Macao Special Administrative Region
MF MAF Saint Martin (French part)
MA MAR Morocco | Kingdom of Morocco | Moroccan
MC MCO Monaco | Principality of Monaco
MD MDA Moldova, Republic of | Republic of Moldova | Moldova
MG MDG Madagascar | Republic of Madagascar
MV MDV Maldives | Republic of Maldives
MX MEX Mexico | United Mexican States
MH MHL Marshall Islands | Republic of the Marshall Islands
MK MKD North Macedonia | Republic of North Macedonia | Macedonia | Macedonia, The Former Yugoslav Republic of | The former Yugoslav Republic of Macedonia
ML MLI Mali | Republic of Mali
MT MLT Malta | Republic of Malta
MM MMR Myanmar | Republic of Myanmar | Burma | Burmese
ME MNE Montenegro
MN MNG Mongolia
MP MNP Northern Mariana Islands | Commonwealth of the Northern Mariana Islands
MZ MOZ Mozambique | Republic of Mozambique
MR MRT Mauritania | Islamic Republic of Mauritania
MS MSR Montserrat
MQ MTQ Martinique
MU MUS Mauritius | Republic of Mauritius
MW MWI Malawi | Republic of Malawi
MY MYS Malaysia
YT MYT Mayotte
NA NAM Namibia | Republic of Namibia
NC NCL New Caledonia
NE NER Niger | Republic of the Niger
NF NFK Norfolk Island
NG NGA Nigeria | Federal Republic of Nigeria
NI NIC Nicaragua | Republic of Nicaragua
NU NIU Niue
NL NLD Netherlands | Kingdom of the Netherlands | The Netherlands | Holland | Dutch
NO NOR Norway | Kingdom of Norway
NP NPL Nepal | Federal Democratic Republic of Nepal
NR NRU Nauru | Republic of Nauru
NZ NZL New Zealand
OM OMN Oman | Sultanate of Oman | Omani
PK PAK Pakistan | Islamic Republic of Pakistan | Pakistani
PA PAN Panama | Republic of Panama
PN PCN Pitcairn
PE PER Peru | Republic of Peru
PH PHL Philippines | Republic of the Philippines
PW PLW Palau | Republic of Palau
PG PNG Papua New Guinea | Independent State of Papua New Guinea
PL POL Poland | Republic of Poland
PR PRI Puerto Rico
KP PRK Korea, Democratic People's Republic of | Democratic People's Republic of Korea | North Korea | Korea, North | DPRK | North Korean
PT PRT Portugal | Portuguese Republic
PY PRY Paraguay | Republic of Paraguay
PS PSE Palestine, State of | the State of Palestine | Palestine | Palestinian | Palestinian Territories | Palestinian Territory | Occupied Palestinian Territory | West Bank | Gaza | Gaza Strip | Region: Gaza | State of Palestine
PF PYF French Polynesia
QA QAT Qatar | State of Qatar | Qatari
RE REU Réunion
RO ROU Romania
RU RUS Russian Federation | Russia | Russian | USSR | Soviet Union | former Soviet Union
RW RWA Rwanda | Rwandese Republic
SA SAU Saudi Arabia | Kingdom of Saudi Arabia | Saudi | Saudi Arabian
SD SDN Sudan | Republic of the Sudan | Sudanese
SN SEN Senegal | Republic of Senegal
SG SGP Singapore | Republic of Singapore
GS SGS South Georgia and the South Sandwich Islands
SH SHN Saint Helena, Ascension and Tristan da Cunha
SJ SJM Svalbard and Jan Mayen
SB SLB Solomon Islands
SL SLE Sierra Leone | Republic of Sierra Leone
SV SLV El Salvador | Republic of El Salvador
SM SMR San Marino | Republic of San Marino
SO SOM Somalia | Federal Republic of Somalia | Somali
PM SPM Saint Pierre and Miquelon
RS SRB Serbia | Republic of Serbia
SS SSD South Sudan | Republic of South Sudan
ST STP Sao Tome and Principe | Democratic Republic of Sao Tome and Principe
SR SUR Suriname | Republic of Suriname
SK SVK Slovakia | Slovak Republic
SI SVN Slovenia | Republic of Slovenia
SE SWE Sweden | Kingdom of Sweden
SZ SWZ Eswatini | Kingdom of Eswatini | Swaziland
SX SXM Sint Maarten (Dutch part)
SC SYC Seychelles | Republic of Seychelles
SY SYR Syrian Arab Republic | Syria | Syrian
TC TCA Turks and Caicos Islands
TD TCD Chad | Republic of Chad
TG TGO Togo | Togolese Republic
TH THA Thailand | Kingdom of Thailand
TJ TJK Tajikistan | Republic of Tajikistan
TK TKL Tokelau
TM TKM Turkmenistan
TL TLS Timor-Leste | Democratic Republic of Timor-Leste | East Timor
TO TON Tonga | Kingdom of Tonga
TT TTO Trinidad and Tobago | Republic of Trinidad and Tobago
TN TUN Tunisia | Republic of Tunisia | Tunisian
TR TUR Türkiye | Republic of Türkiye | Turkey | Turkish | Turkiye
TV TUV Tuvalu
TW TWN Taiwan, Province of China | Taiwan
TZ TZA Tanzania, United Republic of | United Republic of Tanzania | Tanzania
UG UGA Uganda | Republic of Uganda
UA UKR Ukraine
UM UMI United States Minor Outlying Islands
UY URY Uruguay | Eastern Republic of Uruguay
US USA United States | United States of America | USA | U.S. | U.S.A. | American
UZ UZB Uzbekistan | Republic of Uzbekistan
VA VAT Holy See (Vatican City State) | Vatican | Holy See
VC VCT Saint Vincent and the Grenadines
VE VEN Venezuela, Bolivarian Republic of | Bolivarian Republic of Venezuela | Venezuela
VG VGB Virgin Islands, British | British Virgin Islands
VI VIR Virgin Islands, U.S. | Virgin Islands of the United States
VN VNM Viet Nam | Socialist Republic of Viet Nam | Vietnam
VU VUT Vanuatu | Republic of Vanuatu
WF WLF Wallis and Futuna
WS WSM Samoa | Independent State of Samoa
YE YEM Yemen | Republic of Yemen | Yemeni
ZA ZAF South Africa | Republic of South Africa
ZM ZMB Zambia | Republic of Zambia
ZW ZWE Zimbabwe | Republic of Zimbabwe
XK XKX Kosovo | Republic of Kosovo | Kosovar
"""

_PUNCT = re.compile(r"[^a-z0-9]+")
_NOISE = re.compile(r"^(?:possibly|probably|region|the)\s+", re.IGNORECASE)


def _key(text: str) -> str:
    """Case, accents, punctuation and a leading "the" do not count."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _PUNCT.sub(" ", text).strip()
    return text.removeprefix("the ")


@cache
def _table() -> tuple[frozenset[str], dict[str, str]]:
    codes: set[str] = set()
    by_name: dict[str, str] = {}
    for line in _DATA.splitlines():
        a2, a3, names = line.split(" ", 2)
        codes.add(a2)
        by_name[a3.casefold()] = a2
        for name in names.split(" | "):
            by_name.setdefault(_key(name), a2)
            if ", " in name:  # "Korea, North" is also "North Korea"
                head, _, tail = name.partition(", ")
                by_name.setdefault(_key(f"{tail} {head}"), a2)
    return frozenset(codes), by_name


def is_code(text: str) -> bool:
    """``text`` is an ISO 3166-1 alpha-2 code (upper case) that the table knows."""
    return text in _table()[0]


def country_code(text: str) -> str:
    """The alpha-2 code of a country given by code or name.

    Raises:
        ValueError: the text names no country that the table knows.
    """
    if not isinstance(text, str):
        raise TypeError(f"a country must be a str, not {type(text).__name__}")
    stripped = text.strip()
    codes, by_name = _table()
    if len(stripped) == 2 and stripped.upper() in codes:
        return stripped.upper()
    code = by_name.get(_key(stripped))
    if code is None:
        raise ValueError(f"unknown country {text!r} (give an ISO 3166-1 code or an English name)")
    return code


def codes_in(text: str) -> tuple[str, ...]:
    """The countries a list's free text names, leniently: the whole text, else the text
    outside parentheses and before a comment, else each half of ``A/B``; () if none."""
    _, by_name = _table()
    found: list[str] = []
    for piece in re.split(r"\s*/\s*(?:or\s+)?", text):
        piece = _NOISE.sub("", piece.strip(" .;:")).strip()
        attempts = (
            piece,
            re.sub(r"\(.*", "", piece),
            re.split(r"[.,(]| citizenship| by birth", piece)[0],
        )
        for attempt in attempts:
            attempt = _NOISE.sub("", attempt.strip(" .;:")).strip()
            if not attempt:
                continue
            try:
                code = country_code(attempt)
            except ValueError:
                continue
            if code not in found:
                found.append(code)
            break
    return tuple(found)
