from __future__ import annotations

import pytest

from idpc_guard.policy.loader import load_rule_set
from idpc_guard.policy.taxonomy import Statute, Taxonomy

TAXONOMY: Taxonomy = load_rule_set().taxonomy

# Free text as case files and charges word it -> names it must (and must not) give.
VECTORS = [
    ("Burglary dwelling - theft s.9(1)(b) Theft Act 1968", {"burglary-dwelling"}, {"theft"}),
    (
        "Burglary of a dwelling, contrary to section 9(1)(b) of the Theft Act 1968",
        {"burglary-dwelling", "burglary"},
        set(),
    ),
    ("burglary (dwelling)", {"burglary-dwelling"}, set()),
    ("TH68036", {"burglary-dwelling", "burglary"}, set()),
    ("Attempt burglary dwelling TH68026A", {"burglary-dwelling"}, set()),
    ("contrary to section 9 of the Theft Act 1968", {"burglary"}, {"theft"}),
    (
        "sexual assault of a female child under 13",
        {"sexual-assault-child-under-13", "age-element", "sexual-offences"},
        {"assaults", "sexual-assault"},
    ),
    ("sexual assault on a child under 13", {"sexual-assault-child-under-13", "age-element"}, set()),
    (
        "Sexual assault of a child under 13, contrary to section 7 of the Sexual Offences Act 2003",
        {"sexual-assault-child-under-13", "age-element"},
        {"assaults"},
    ),
    ("Sexual assault on a female", {"sexual-assault", "sexual-offences"}, {"age-element"}),
    ("rape of a child under 13", {"rape-child-under-13", "age-element"}, {"rape"}),
    (
        "sexual activity with a child, s.9 Sexual Offences Act 2003",
        {"child-sex-offences-under-16", "age-element"},
        {"burglary"},
    ),
    ("common assault", {"common-assault", "assaults"}, set()),
    ("assault", {"assaults"}, {"sexual-offences"}),
    (
        "Assault occasioning actual bodily harm contrary to section 47 of the Offences Against "
        "the Person Act 1861",
        {"abh"},
        {"common-assault"},
    ),
    ("GBH with intent", {"gbh-with-intent", "assaults"}, set()),
    ("assault by beating", {"common-assault"}, {"domestic-abuse"}),
    ("assault by beating - domestic abuse", {"common-assault", "domestic-abuse"}, set()),
    ("controlling or coercive behaviour", {"coercive-control", "domestic-abuse"}, set()),
    ("robbery", {"robbery-offence", "robbery"}, set()),
    ("theft from a shop", {"shop-theft", "theft"}, set()),
    ("shoplifting", {"shop-theft"}, set()),
    (
        "Harassment contrary to s.2 Protection from Harassment Act 1997",
        {"harassment", "harassment-stalking"},
        set(),
    ),
    ("stalking involving fear of violence", {"stalking"}, set()),
    (
        "Criminal damage contrary to s.1(1) Criminal Damage Act 1971",
        {"criminal-damage-arson"},
        set(),
    ),
    ("arson", {"arson", "criminal-damage-arson"}, set()),
    ("affray", {"affray", "public-order"}, set()),
    ("possession with intent to supply class A", {"supply-of-drugs", "drugs"}, set()),
    ("fraud by false representation", {"fraud-by-false-representation", "fraud"}, set()),
    ("drive whilst disqualified", {"disqualified-driving", "driving"}, set()),
    (
        "Driving with excess alcohol contrary to section 5(1)(a) Road Traffic Act 1988",
        {"drink-driving", "driving"},
        set(),
    ),
    ("possession of a bladed article", {"bladed-article", "weapons"}, set()),
    ("being a nuisance", set(), {"burglary", "assaults", "theft"}),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), VECTORS)
def test_free_text_offences_match_the_taxonomy(
    text: str, wanted: set[str], unwanted: set[str]
) -> None:
    found = TAXONOMY.match([text])
    assert wanted <= found, sorted(found)
    assert not (unwanted & found), sorted(found)
    if not wanted:
        assert found == frozenset()


def test_every_family_the_issue_names_is_there() -> None:
    families = {n for n, t in TAXONOMY.terms.items() if t.kind.value == "family"}
    assert families >= {
        "burglary",
        "theft",
        "robbery",
        "assaults",
        "sexual-offences",
        "harassment-stalking",
        "criminal-damage-arson",
        "public-order",
        "drugs",
        "fraud",
        "driving",
        "weapons",
    }
    assert {"age-element", "domestic-abuse"} <= set(TAXONOMY.terms)


def test_rule_references_resolve_by_name_statute_or_code() -> None:
    assert TAXONOMY.resolve("burglary") == {"burglary"}
    assert TAXONOMY.resolve("Theft Act 1968 s.9") == {"burglary"}
    assert TAXONOMY.resolve("Sexual Offences Act 2003 s.7") == {"sexual-assault-child-under-13"}
    assert TAXONOMY.resolve("SX03017") == {"sexual-assault-child-under-13"}
    assert TAXONOMY.resolve("Road Traffic Act 1988 s.5(1)") == {"drink-driving"}
    assert TAXONOMY.resolve("burglery") == frozenset()
    assert TAXONOMY.resolve("Made Up Act 2001 s.1") == frozenset()


def test_statutes_parse_and_cover_subsections() -> None:
    s9 = Statute.parse("Theft Act 1968 s.9")
    assert s9 == Statute("theft act 1968", "9", "")
    sub = Statute.parse("Theft Act 1968 s.9(1)(b)")
    assert s9 is not None and sub is not None and s9.covers(sub) and not sub.covers(s9)
    assert Statute.parse("the theft act") is None
