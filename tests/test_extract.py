"""Each claim family: its own should-find / should-ignore examples, plus the tricky forms."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.document import document_from_text
from factcheck.errors import UsageError
from factcheck.extract import FAMILIES, extract_claims, select_families
from factcheck.models import ClaimKind

AS_OF = dt.date(2019, 11, 6)


def claims_of(text: str, family: str | None = None, as_of: dt.date | None = AS_OF):
    document = document_from_text(text, as_of=as_of)
    return extract_claims(document, [family] if family else None)


def test_every_family_has_examples_of_both_kinds():
    for family in FAMILIES:
        assert family.examples.find, f"{family.name} has no should-find examples"
        assert family.examples.ignore, f"{family.name} has no should-ignore examples"


FIND = [(f.name, text, values) for f in FAMILIES for text, values in f.examples.find]
IGNORE = [(f.name, text) for f in FAMILIES for text in f.examples.ignore]


@pytest.mark.parametrize(("family", "text", "values"), FIND)
def test_family_finds_its_examples(family, text, values):
    assert tuple(c.value for c in claims_of(text, family)) == values


@pytest.mark.parametrize(("family", "text"), IGNORE)
def test_family_ignores_its_counter_examples(family, text):
    assert claims_of(text, family) == []


def test_unknown_family_names_the_available_ones():
    with pytest.raises(UsageError, match="available: instruments, people, sets, dates, numbers"):
        select_families(["weather"])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("signed on Nov. 6, 2019", "2019-11-06"),
        ("signed on Nov 6 2019", "2019-11-06"),
        ("signed on Sept. 3, 1997", "1997-09-03"),
        ("signed on the 3rd of July 1997", "1997-07-03"),
        ("signed on 21st March 1998", "1998-03-21"),
        ("signed on July 3rd, 1997", "1997-07-03"),
        ("met on Nov. 6", "2019-11-06"),  # the year comes from the article date
        ("met in May 1994", "1994-05"),
        ("met in July of 1997", "1997-07"),
    ],
)
def test_date_forms(text, value):
    (claim,) = claims_of(text, "dates")
    assert claim.value == value


def test_a_date_without_year_and_without_article_date_is_not_guessed():
    assert claims_of("They met on Nov. 6 in Baku.", "dates", as_of=None) == []


def test_weekday_is_kept_for_the_consistency_check():
    (claim,) = claims_of("It happened on Tuesday, Nov. 5, 2019.", "dates")
    assert claim.weekday == "tuesday"
    assert claim.span.text == "Tuesday, Nov. 5, 2019"


def test_impossible_dates_are_not_claims():
    assert claims_of("It happened on February 30, 2019.", "dates") == []


@pytest.mark.parametrize(
    ("text", "value", "low", "high"),
    [
        ("for almost 30 years", "30", 27.0, 30.0),
        ("about 20 percent", "20", 18.0, 22.0),
        ("nearly 16%", "16", 14.4, 16.0),
        ("more than 20 percent", "20", 20.0, None),
        ("at least 600 people", "600", 600.0, None),
        ("fewer than 12 observers", "12", None, 12.0),
        ("twenty-two observers", "22", 22.0, 22.0),
        ("two hundred and fifty soldiers", "250", 250.0, 250.0),
        ("1.2 million refugees", "1200000", 1_200_000.0, 1_200_000.0),
        ("30,000 people", "30000", 30_000.0, 30_000.0),
    ],
)
def test_numbers_and_hedges(text, value, low, high):
    (claim,) = claims_of(text, "numbers")
    assert claim.value == value
    assert claim.quantity is not None
    assert claim.quantity.low == (pytest.approx(low) if low is not None else None)
    assert claim.quantity.high == (pytest.approx(high) if high is not None else None)


def test_count_keeps_the_counted_noun():
    (claim,) = claims_of("Armenia ignored four UN Security Council resolutions.", "numbers")
    assert (claim.kind, claim.value, claim.unit) == (ClaimKind.COUNT, "4", "resolutions")


def test_percentage_points_are_not_percentages():
    assert [c.kind for c in claims_of("It rose 3 percentage points.", "numbers")] == []


def test_resolution_list_shares_one_group():
    claims = claims_of("It backed resolutions 822, 853, 874 and 884 adopted in 1993.")
    resolutions = [c for c in claims if c.kind is ClaimKind.RESOLUTION]
    assert [c.span.text for c in resolutions] == ["822", "853", "874", "884"]
    assert {c.group for c in resolutions} == {resolutions[0].group}
    assert {c.group_size for c in resolutions} == {4}
    assert [c.value for c in claims if c.kind is ClaimKind.YEAR] == ["1993"]


def test_oxford_comma_list():
    claims = claims_of("Resolutions 822, 853, and 874 were adopted.", "instruments")
    assert [c.value for c in claims] == ["S/RES/822", "S/RES/853", "S/RES/874"]


def test_resolution_year_in_brackets_is_a_year_claim_not_a_resolution():
    claims = claims_of("Resolution 884 (1993) reaffirmed them.")
    assert [(c.kind, c.span.text) for c in claims] == [
        (ClaimKind.RESOLUTION, "884"),
        (ClaimKind.YEAR, "1993"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "received by Deputy Foreign Minister Khalaf Khalafov on Monday",
            "Khalaf Khalafov",
            "Deputy Foreign Minister",
        ),
        (
            "Ambassador Extraordinary and Plenipotentiary of the Russian Federation to the "
            "Republic of Azerbaijan Mikhail Bocharnikov was invited",
            "Mikhail Bocharnikov",
            "Ambassador Extraordinary and Plenipotentiary of the Russian Federation to the "
            "Republic of Azerbaijan",
        ),
        ("Later, Ambassador Bocharnikov said so.", "Bocharnikov", "Ambassador"),
        (
            "summoned Russian Ambassador Mikhail Bocharnikov on Wednesday",
            "Mikhail Bocharnikov",
            "Russian Ambassador",
        ),
        ("Foreign Minister\nElmar Mammadyarov was absent", "Elmar Mammadyarov", "Foreign Minister"),
        (
            "Khalaf Khalafov, Azerbaijan's deputy foreign minister, said",
            "Khalaf Khalafov",
            "Azerbaijan's deputy foreign minister",
        ),
    ],
)
def test_titles_before_and_after_names(text, name, title):
    (claim,) = claims_of(text, "people")
    assert (claim.value, claim.title) == (name, title)


def test_claims_never_overlap_and_come_in_text_order(reference):
    text = (
        EXAMPLE := "BAKU, Nov. 6 — Resolution 884 (1993) and 20 percent of seven districts "
        "for almost 30 years, Deputy Foreign Minister Khalaf Khalafov said on Nov. 6, 2019."
    )
    claims = claims_of(EXAMPLE)
    assert text
    for before, after in zip(claims, claims[1:], strict=False):
        assert before.span.end <= after.span.start


def test_urls_front_matter_and_comments_carry_no_claims():
    text = (
        "---\ndate: 2019-11-06\ntitle: 12 May 1994\n---\n"
        "See [the text](https://example.org/2019/05/12/20-percent.html) and "
        "https://example.org/1994/resolution-822 <!-- signed on 3 July 1997 -->\n"
    )
    assert claims_of(text) == []


def test_second_mentions_take_the_last_person_with_that_title():
    text = (
        "Ambassador Vladimir Dorokhin left. Deputy Foreign Minister Khalaf Khalafov met "
        "Ambassador Mikhail Bocharnikov. The ambassador said so, and the deputy foreign "
        "minister agreed. The ambassador of France was not there."
    )
    claims = claims_of(text, "people")
    assert [(c.span.text, c.value) for c in claims] == [
        ("Ambassador Vladimir Dorokhin", "Vladimir Dorokhin"),
        ("Deputy Foreign Minister Khalaf Khalafov", "Khalaf Khalafov"),
        ("Ambassador Mikhail Bocharnikov", "Mikhail Bocharnikov"),
        ("The ambassador", "Mikhail Bocharnikov"),
        ("the deputy foreign minister", "Khalaf Khalafov"),
    ]


def test_a_comparison_is_not_a_hedge():
    (claim,) = claims_of("Voters abroad were twice as many as five years ago.", "numbers")
    assert claim.span.text == "five years"
    assert claim.quantity is not None and claim.quantity.hedge == ""


@pytest.mark.parametrize(
    ("text", "as_of", "value"),
    [
        ("The lower house passed it on December 3.", dt.date(2025, 1, 16), "2024-12-03"),
        ("Talks resume on January 5.", dt.date(2024, 12, 20), "2025-01-05"),
        ("The next session is on June 30.", dt.date(2025, 5, 14), "2025-06-30"),
    ],
)
def test_a_date_without_a_year_falls_within_half_a_year_of_the_story(text, as_of, value):
    (claim,) = claims_of(text, "dates", as_of=as_of)
    assert claim.value == value
