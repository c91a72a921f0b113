"""Persons and organisations that the news of 2011-2025 names (issue 15): each added entity
resolves in its usual forms, and its nearest neighbour in the tables keeps its own id."""

from __future__ import annotations

import pytest

import aliasres

CASES = [
    # post-2024 Syrian government, and the neighbours that share a name part
    ("Maher al-Sharaa", "person/maher-al-sharaa"),
    ("ماهر الشرع", "person/maher-al-sharaa"),
    ("al-Sharaa", "person/ahmed-al-sharaa"),
    ("Mohammed al-Bashir", "person/mohammed-al-bashir"),
    ("محمد البشير", "person/mohammed-al-bashir"),
    ("Abdul-Ilah al-Bashir", "person/abdul-ilah-al-bashir"),
    ("Abdulsalam Haykal", "person/abdulsalam-haykal"),
    ("Mohammed Abdulsalam", "person/mohammed-abdulsalam"),
    ("Hamza al-Mustafa", "person/hamza-al-mustafa"),
    ("حمزة المصطفى", "person/hamza-al-mustafa"),
    ("Mohammed Yisr Barnieh", "person/mohammed-yisr-barnieh"),
    ("Amjad Badr", "person/amjad-badr"),
    ("Yarub Badr", "person/yarub-badr"),
    ("Azzam al-Gharib", "person/azzam-al-gharib"),
    ("Maher Marwan", "person/maher-marwan"),
    ("محافظ حماة عبد الرحمن السهيان", None),  # a title and a place glued on: not a name
    ("عبد الرحمن السهيان", "person/abdul-rahman-al-sahyan"),
    # factions of the north and the south
    ("Mohammed al-Jasim", "person/mohammad-al-jasim"),
    ("Abu Amsha", "person/mohammad-al-jasim"),
    ("Jasim", "place/sy/jasim"),
    ("Fahim Issa", "person/fehim-isa"),
    ("Sayf Boulad", "person/sayf-boulad"),
    ("Eighth Brigade", "org/eighth-brigade"),
    ("Southern Operations Room", "org/southern-operations-room"),
    ("Men of Dignity", "org/men-of-dignity"),
    ("حركة رجال الكرامة", "org/men-of-dignity"),
    ("Military Operations Command", "org/military-operations-command"),
    ("Manbij Military Council", "org/manbij-military-council"),
    ("Manbij", "place/sy/manbij"),
    ("Aldar Khalil", "person/aldar-khalil"),
    ("Hussein al-Salama", "person/hussein-al-salama"),  # Syrian intelligence chief
    ("Hossein Salami", "person/hossein-salami"),  # IRGC chief: the nearest neighbour
    ("حسين السلامة", "person/hussein-al-salama"),
    ("Khalil al-Wazir", "person/khalil-al-wazir"),
    # Houthis, Hezbollah, Iraqi militias and their media
    ("Yahya Saree", "person/yahya-saree"),
    ("يحيى سريع", "person/yahya-saree"),
    ("Ahmed al-Rahawi", "person/ahmed-al-rahawi"),
    ("Al-Masirah", "org/al-masirah"),
    ("Haytham Ali Tabatabai", "person/haytham-ali-tabatabai"),
    ("Mohammad Afif", "person/mohammad-afif"),
    ("Radwan Force", "org/radwan-force"),
    ("Abu Alaa al-Walai", "person/abu-alaa-al-walai"),
    ("Kataib al-Imam Ali", "org/kataib-al-imam-ali"),
    ("Kataib Hezbollah", "org/kataib-hezbollah"),
    ("Saraya al-Salam", "org/peace-companies"),
    ("Islamic Resistance in Iraq", "org/islamic-resistance-in-iraq"),
    ("المقاومة الإسلامية في العراق", "org/islamic-resistance-in-iraq"),
    # officials that news of the Syria file quotes
    ("Ned Price", "person/ned-price"),
    ("نيد برايس", "person/ned-price"),
    ("James Jeffrey", "person/james-jeffrey"),
    ("جيمس جيفري", "person/james-jeffrey"),
    ("Geir Pedersen", "person/geir-pedersen"),
    ("Avichay Adraee", "person/avichay-adraee"),
    ("Youssef Rajji", "person/youssef-rajji"),
    ("Mohammad Bagheri", "person/mohammad-bagheri"),
    ("White House", "org/white-house"),
    ("البيت الأبيض", "org/white-house"),
    ("Coalition mondiale contre Daech", "org/global-coalition-to-defeat-isis"),
    ("Daech", "org/islamic-state"),
    ("UKMTO", "org/united-kingdom-maritime-trade-operations"),
    ("Lebanese Health Ministry", "org/lebanese-ministry-of-public-health"),
    ("Gaza Health Ministry", "org/gaza-health-ministry"),
    ("Syrian Foreign Ministry", "org/syrian-ministry-of-foreign-affairs"),
    ("Iranian Foreign Ministry", "org/iranian-ministry-of-foreign-affairs"),
    ("Foreign Ministry", None),  # whose? not said
    ("وزارة الصحة", None),
    # bare given or family names stay unresolved
    ("Price", None),
    ("Marwan", None),
    ("Mustafa", None),
]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_news_entity(name: str, expected: str | None) -> None:
    match = aliasres.resolve(name)
    assert (match.id if match else None) == expected, aliasres.explain(name)
