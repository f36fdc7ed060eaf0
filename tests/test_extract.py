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


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("The plane has four Rolls-Royce engines.", "four Rolls-Royce engines", "engines"),
        ("It recalls about 48,300 cordless kettles.", "about 48,300 cordless kettles", "kettles"),
        ("They lost two previous finals.", "two previous finals", "finals"),
    ],
)
def test_a_count_reads_its_noun_past_names_and_adjectives(text, span, unit):
    (claim,) = claims_of(text, "numbers")
    assert (claim.span.text, claim.unit) == (span, unit)


def test_percentage_points_are_not_percentages():
    assert [c.kind for c in claims_of("It rose 3 percentage points.", "numbers")] == []


def test_resolution_list_shares_one_group():
    claims = claims_of("It backed resolutions 822, 853, 874 and 884 adopted in 1993.")
    resolutions = [c for c in claims if c.kind is ClaimKind.RESOLUTION]
    assert [c.span.text for c in resolutions] == ["822", "853", "874", "884"]
    assert {c.group for c in resolutions} == {resolutions[0].group}
    assert {c.group_size for c in resolutions} == {4}
    assert [c.value for c in claims if c.kind is ClaimKind.YEAR] == ["1993"]


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        # a list set off from its count by a comma, after words or a year
        (
            "The Council has adopted four resolutions on this conflict, 822 (1993), 853 (1993) "
            "and 874 (1993), and none was carried out.",
            ["822", "853", "874"],
        ),
        (
            "The four resolutions of 1993, 822, 853, 874 and 884, failed.",
            ["822", "853", "874", "884"],
        ),
        # the date in brackets is no number of the list
        ("Resolutions 874 (14 October 1993) and 884 (12 November 1993) follow.", ["874", "884"]),
        # one resolution in each item of a bulleted list
        (
            "It adopted three resolutions:\n\n- resolution 822 of 30 April 1993;\n"
            "- resolution 853 of 29 July 1993;\n- resolution 874 of 14 October 1993.\n\nNone held.",
            ["822", "853", "874"],
        ),
    ],
)
def test_a_list_of_resolutions_is_one_group_of_claims(text, listed):
    claims = [c for c in claims_of(text) if c.kind is ClaimKind.RESOLUTION]
    assert [c.span.text for c in claims] == listed
    assert {(c.group, c.group_size) for c in claims} == {(claims[0].span.start, len(listed))}
    # the years stay year claims, or parts of dates
    years = [c for c in claims_of(text) if "1993" in c.span.text]
    assert years and {c.kind for c in years} <= {ClaimKind.YEAR, ClaimKind.DATE}


@pytest.mark.parametrize(
    "text",
    [
        # a day and its month after another body's resolution
        "Parliamentary Assembly of the Council of Europe, Resolution 1416, 25 January 2005.",
        # a bulleted list with items that cite no resolution is no list of resolutions
        "Documents:\n\n- Helsinki Final Act, 1 August 1975\n- resolution 822 (1993)\n"
        "- resolution 853 of 29 July 1993",
    ],
)
def test_no_list_of_resolutions_where_there_is_none(text):
    claims = [c for c in claims_of(text) if c.kind is ClaimKind.RESOLUTION]
    assert [(c.value, c.group_size) for c in claims if c.value.startswith("S/RES/")] == [
        (f"S/RES/{number}", 0) for number in ("822", "853") if number in text
    ]


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
        # a time after the title is no part of it
        (
            "with Elmar Mammadyarov, Azerbaijan's foreign minister at the time, many times",
            "Elmar Mammadyarov",
            "Azerbaijan's foreign minister",
        ),
        (
            "and Igor Popov, Russia's co-chair for eleven years, whom",
            "Igor Popov",
            "Russia's co-chair",
        ),
        (
            "Our new Director of Finance, Tomasz Lewandowski, joined.",
            "Tomasz Lewandowski",
            "new Director of Finance",
        ),
        ("meet U.S. President Donald Trump at the White House", "Donald Trump", "U.S. President"),
        (
            "The Minsk Group closed. We met the Minsk Group's U.S. co-chair, Louis Bono, then.",
            "Louis Bono",
            "Minsk Group's U.S. co-chair",
        ),
        # a name in apposition may end its line
        (
            "Subject: a hearing with the Minister for Foreign Affairs, Dora Kessel\nDate: 3 May",
            "Dora Kessel",
            "Minister for Foreign Affairs",
        ),
        # the lexicon's qualifiers: "Lord Justice", "Senior Coroner"
        ("heard by Lord Justice Whitcombe on Tuesday", "Whitcombe", "Lord Justice"),
        ("Senior Coroner Julia Marsh will open it.", "Julia Marsh", "Senior Coroner"),
    ],
)
def test_titles_before_and_after_names(text, name, title):
    (claim,) = claims_of(text, "people")
    assert (claim.value, claim.title) == (name, title)


def test_a_plural_title_in_apposition_names_each_person_not_how_many():
    text = "The two foreign ministers, Ararat Mirzoyan and Jeyhun Bayramov, initialled it."
    claims = [(c.span.text, c.value) for c in claims_of(text, "people")]
    assert claims == [
        ("foreign ministers, Ararat Mirzoyan", "Ararat Mirzoyan"),
        ("Jeyhun Bayramov", "Jeyhun Bayramov"),
    ]


def test_a_label_on_the_next_line_is_no_name():
    text = "Answered by: Tomas Reval, Minister for Foreign Affairs\nAnswered on: 22 October 2025\n"
    claims = [(c.span.text, c.value) for c in claims_of(text, "people")]
    assert claims == [("Tomas Reval, Minister for Foreign Affairs", "Tomas Reval")]


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


@pytest.mark.parametrize(
    ("text", "as_of", "span", "value"),
    [
        # a year close before, in the same tight structure, dates the day
        ("Resolution 822 (1993) of 30 April demanded withdrawal.", AS_OF, "30 April", "1993-04-30"),
        (
            "Resolution 2734 (2024) of 13 June was adopted.",
            dt.date(2026, 1, 15),
            "13 June",
            "2024-06-13",
        ),
        (
            "The four resolutions of 1993, the last of them on Nov. 12.",
            AS_OF,
            "Nov. 12",
            "1993-11-12",
        ),
        ("It was adopted on 30 April 1993, and 853 on 29 July.", AS_OF, "29 July", "1993-07-29"),
        # a day without a year passes on the year it took: one list, one year
        (
            "They were adopted on 30 April 1993, 29 July, 14 October and 12 November.",
            AS_OF,
            "12 November",
            "1993-11-12",
        ),
        # a year further back dates something else: the day is the article's year
        (
            "The ceasefire of May 1994, brokered by Russia, had held with violations for 26 years "
            "until the fighting began on 27 September.",
            dt.date(2020, 11, 10),
            "27 September",
            "2020-09-27",
        ),
        (
            "Our treaty was signed in Tashkent on 15 May 1992, and I recall with gratitude the "
            "summit held in Moscow on 16 May.",
            dt.date(2022, 6, 9),
            "16 May",
            "2022-05-16",
        ),
        (
            "The agreement, signed in Geneva on 14 November 2024 after six years of negotiations, "
            "was ratified by Lorvania's parliament on 29 April and by Kestava's on 9 May.",
            dt.date(2025, 5, 14),
            "9 May",
            "2025-05-09",
        ),
        # a past year cannot date a day its clause puts in the future
        (
            "Relations began on 3 April 1992, 30 years ago, and on 29 August we will mark the "
            "anniversary.",
            dt.date(2022, 6, 9),
            "29 August",
            "2022-08-29",
        ),
    ],
)
def test_a_year_is_inherited_only_from_a_date_or_year_close_before(text, as_of, span, value):
    claims = {c.span.text: c.value for c in claims_of(text, "dates", as_of=as_of)}
    assert claims[span] == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # a timeline's entry dates the days in it
        (
            "Key dates:\n\n1993 - As forces take Kalbajar, Aghdam and other districts, the "
            "council adopts resolutions 822 (April 30) and 853 (July 29).\n",
            "July 29",
            "1993-07-29",
        ),
        (
            "Sept. 27, 2020 - An offensive begins. It takes the town on Nov. 8.\n",
            "Nov. 8",
            "2020-11-08",
        ),
        (
            "- **May 12, 1994** - A truce comes into force after the signatures collected on "
            "May 9-11.",
            "May 9-11",
            "1994-05-09/1994-05-11",
        ),
        # a list of days takes the year of the date that ends it
        (
            "Returned districts: Aghdam (20 November), Kalbajar (25 November) and Lachin "
            "(1 December 2020).",
            "20 November",
            "2020-11-20",
        ),
        # not across words that say something else: the story's year
        (
            "The talks resume on 20 November, a week after the 13 November 2020 statement.",
            "20 November",
            "2025-11-20",
        ),
        # a year and a dash inside a line open no entry
        (
            "The report of 1993 - a long one - was read out by the envoy who came back to the "
            "region on 30 April.",
            "30 April",
            "2025-04-30",
        ),
    ],
)
def test_a_day_takes_the_year_of_its_entry_or_of_the_list_it_opens(text, span, value):
    claims = {c.span.text: c.value for c in claims_of(text, "dates", as_of=dt.date(2025, 10, 1))}
    assert claims[span] == value


@pytest.mark.parametrize(
    ("text", "as_of", "value"),
    [
        # 16 August 1998 was a Sunday; 16 August 2025 a Saturday
        (
            "City, who last won in 1998, open on Saturday 16 August.",
            dt.date(2025, 7, 2),
            "2025-08-16",
        ),
        # half a year either way: the weekday settles it (10 January 2025 was a Friday)
        ("City play Ardmore on Saturday 10 January.", dt.date(2025, 7, 2), "2026-01-10"),
        # a day a year from the article is no candidate: the weekday is wrong instead
        ("The offensive began on Monday, Sept. 19.", dt.date(2023, 9, 20), "2023-09-19"),
        # a written year is never changed
        ("City opened on Saturday 16 August 1998.", dt.date(2025, 7, 2), "1998-08-16"),
        # the year read comes first when its day is that weekday (3 May 1993 and 3 May
        # 2021 were both Mondays)
        ("In 1993, the talks ran until Monday 3 May.", dt.date(2021, 11, 10), "1993-05-03"),
    ],
)
def test_a_weekday_picks_the_year_of_a_day_written_without_one(text, as_of, value):
    (claim,) = [c for c in claims_of(text, "dates", as_of=as_of) if c.weekday]
    assert claim.value == value


# Real copy (tests/corpus/real-style): relative dates, titles as written, who took part.

FRIDAY_8_AUGUST_2025 = dt.date(2025, 8, 8)


@pytest.mark.parametrize(
    ("text", "span", "kind", "value"),
    [
        ("Talks resumed on Tuesday's session.", "Tuesday", ClaimKind.DATE, "2025-08-05"),
        ("They met on Friday in Baku.", "Friday", ClaimKind.DATE, "2025-08-08"),
        ("The ministers will meet on Monday.", "Monday", ClaimKind.DATE, "2025-08-11"),
        ("It will end, officials said on Monday.", "Monday", ClaimKind.DATE, "2025-08-04"),
        ("It opened today.", "today", ClaimKind.DATE, "2025-08-08"),
        ("It closed yesterday.", "yesterday", ClaimKind.DATE, "2025-08-07"),
        ("Trade fell last year.", "last year", ClaimKind.YEAR, "2024"),
        ("It grows this year.", "this year", ClaimKind.YEAR, "2025"),
        ("It ends next year.", "next year", ClaimKind.YEAR, "2026"),
        ("Prices rose last month.", "last month", ClaimKind.DATE, "2025-07"),
        ("A ruling on 16 May last year stands.", "16 May last year", ClaimKind.DATE, "2024-05-16"),
        ("Talks on March 3 this year failed.", "March 3 this year", ClaimKind.DATE, "2025-03-03"),
        ("She took over in June last year.", "June last year", ClaimKind.DATE, "2024-06"),
        ("Incursions since May last year.", "May last year", ClaimKind.DATE, "2024-05"),
        ("It was posted last Friday.", "last Friday", ClaimKind.DATE, "2025-08-01"),
        ("It was posted last Tuesday.", "last Tuesday", ClaimKind.DATE, "2025-08-05"),
        ("They meet next Friday.", "next Friday", ClaimKind.DATE, "2025-08-15"),
        ("They meet this Friday.", "this Friday", ClaimKind.DATE, "2025-08-08"),
        # a month named with "last" or "next": the nearest one before or after August
        ("The ruling came last June.", "last June", ClaimKind.DATE, "2025-06"),
        ("It opened last November.", "last November", ClaimKind.DATE, "2024-11"),
        ("It opened last August.", "last August", ClaimKind.DATE, "2024-08"),
        ("Talks resume next March.", "next March", ClaimKind.DATE, "2026-03"),
        ("Talks resume next September.", "next September", ClaimKind.DATE, "2025-09"),
    ],
)
def test_relative_dates_resolve_against_the_article_date(text, span, kind, value):
    (claim,) = claims_of(text, "dates", as_of=FRIDAY_8_AUGUST_2025)
    assert (claim.span.text, claim.kind, claim.value, claim.relative) == (span, kind, value, span)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the next one: a word of the future before the weekday ...
        ("Talks with Baku are set for Tuesday in Yevlakh.", "2025-08-12"),
        ("Flights are cancelled, some 60 a day, until at least Sunday.", "2025-08-10"),
        # ... or after it, when nothing is reported before it
        ("The talks in Yevlakh on Tuesday will be the first.", "2025-08-12"),
        ("Members who wish to attend Tuesday's reception should register.", "2025-08-12"),
        # ... or no tense at all: a fixture
        ("City visit Ardmore on Wednesday in the quarter-finals.", "2025-08-13"),
        # the last one: a report before the weekday, a verb in the past
        ("Kestrel said on Tuesday it would close four plants.", "2025-08-05"),
        ("City visited Ardmore on Wednesday in the quarter-finals.", "2025-08-06"),
        ("The ministry did not respond to a request on Wednesday.", "2025-08-06"),
        ("Shares will rise, traders said on Tuesday.", "2025-08-05"),
        # a verb in the past in the weekday's clause, whatever follows it
        ("Police arrested 12 people on Tuesday and prosecutors will decide.", "2025-08-05"),
        ("The postponed talks on Tuesday will be held in Baku.", "2025-08-12"),
        # a report in the present, a headline in the present
        ("The Kremlin says on Tuesday it will send observers.", "2025-08-05"),
        ("# Thousands protest in Yerevan on Tuesday\n\nText.", "2025-08-05"),
    ],
)
def test_a_weekday_is_the_next_one_where_the_sentence_speaks_of_the_future(text, value):
    (claim,) = [c for c in claims_of(text, "dates", as_of=FRIDAY_8_AUGUST_2025) if c.relative]
    assert claim.value == value


def test_a_long_list_of_days_without_a_year_is_read_whole():
    # each day passes its year on to the next: followed back without end, the chain
    # of 3,000 days raised RecursionError
    text = "It happened on " + ", ".join(f"{d % 28 + 1} May" for d in range(3000)) + "."
    assert len(claims_of(text, "dates")) == 3000


def test_a_count_before_a_day_gives_it_no_year():
    claims = claims_of("The army sent 2000 troops on 12 May.", "dates")
    assert [c.value for c in claims] == ["2019-05-12"]


def test_written_dates_are_not_relative():
    (claim,) = claims_of("It was signed on 3 July 1997.", "dates")
    assert claim.relative == ""


@pytest.mark.parametrize(
    "text",
    ["They met on Friday.", "Trade fell last year.", "It closed yesterday.", "It fell last June."],
)
def test_no_relative_date_without_an_article_date(text):
    assert claims_of(text, "dates", as_of=None) == []


@pytest.mark.parametrize(
    "text", ["The last May Day parade was cancelled.", "Over the last March the rate fell."]
)
def test_a_named_month_after_last_is_no_date_in_a_name_or_a_stretch(text):
    assert claims_of(text, "dates", as_of=FRIDAY_8_AUGUST_2025) == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        (
            "It was signed on 3 October. The day before, talks failed.",
            "The day before",
            "2023-10-02",
        ),
        (
            "Signed on Tuesday, May 9,1994, it was ratified the next day.",
            "the next day",
            "1994-05-10",
        ),
        ("A day later, on 5 May 2020, it was ratified.", "A day later", "2020-05-06"),
    ],
)
def test_a_neighbouring_day_counts_from_the_date_written_beside_it(text, span, value):
    claims = claims_of(text, "dates", as_of=dt.date(2023, 11, 14))
    (claim,) = [c for c in claims if c.relative]
    assert (claim.span.text, claim.value) == (span, value)


def test_a_neighbouring_day_needs_an_explicit_date_nearby():
    assert claims_of("The day before, talks failed.", "dates") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("in November 12,1993 copy", "1993-11-12"),
        ("on Sept. 16-17", "2019-09-16/2019-09-17"),
        ("on the 3rd of July, 1997", "1997-07-03"),
        # spoken copy writes the day as a word
        ("on the ninth of November 2020", "2020-11-09"),
        ("on the twenty-first of May", "2019-05-21"),
        ("on Nov. 6", "2019-11-06"),
        ("between March 2016 and August 2022", "2016-03/2022-08"),
    ],
)
def test_date_forms_of_real_copy(text, value):
    (claim,) = claims_of(text, "dates")
    assert claim.value == value


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # a dash joins two days into one span without an opener ...
        ("**27 February - 1 March 1988** - Riots.", ["27 February - 1 March 1988"]),
        ("Talks ran from 6 May to 20 May 2023.", ["from 6 May to 20 May 2023"]),
        # ... "and" does not: two days
        ("They met on 6 May and 20 May 2023.", ["6 May", "20 May 2023"]),
        # years that label what follows: a birth, a results box's last election, a timeline
        ("Ilham Aliyev (born 1961) spoke.", ["1961"]),
        ("Turnout: 41.3% (2022: 63.9%).", ["2022"]),
        ("**1997** - France, Russia and the United States become co-chairs.", ["1997"]),
        # a year set against the time of the article
        ("As late as 2019, the two ministers still met.", ["2019"]),
        ("Talks began as early as 1992.", ["1992"]),
    ],
)
def test_ranges_and_labelling_years_of_reference_copy(text, spans):
    assert [c.span.text for c in claims_of(text, "dates")] == spans


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("the 1975 accords", "1975"),
        ("a 1966 covenant", "1966"),
        ("its 1990 invasion", "1990"),
        ("in fiscal 1989", "1989"),
        ("the 1984 and 1991 teams", "1984"),
    ],
)
def test_a_year_before_its_noun_is_a_year_never_a_count(text, year):
    claims = claims_of(text)
    assert claims and all(c.kind is ClaimKind.YEAR for c in claims)
    assert claims[0].value == year


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit"),
    [
        ("at least 30 minutes", "30", 30.0, None, "minutes"),
        ("a maximum of two months", "2", None, 2.0, "months"),
        ("a minimum of two weeks", "2", 2.0, None, "weeks"),
        ("14 pct", "14", 14.0, 14.0, "percent"),
        ("up to two mln common shares", "2000000", None, 2_000_000.0, "shares"),
        ("twelve Su-25 jets", "12", 12.0, 12.0, "jets"),
    ],
)
def test_hedges_units_and_number_words_of_real_copy(text, value, low, high, unit):
    (claim,) = claims_of(text, "numbers")
    assert (claim.value, claim.unit) == (value, unit)
    assert claim.quantity is not None
    assert (claim.quantity.low, claim.quantity.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit"),
    [
        # a number word before a hyphenated noun is a count, as "a 14-count indictment" is
        ("a nine-point plan", "nine-point", ClaimKind.COUNT, "9", "points"),
        ("a six-bed unit", "six-bed", ClaimKind.COUNT, "6", "beds"),
        ("a two-person team", "two-person", ClaimKind.COUNT, "2", "persons"),
        ("The three-judge court sat.", "three-judge", ClaimKind.COUNT, "3", "judges"),
        # a range of a unit of time is how long
        (
            "They napped for 20 to 30 minutes.",
            "20 to 30 minutes",
            ClaimKind.DURATION,
            "20/30",
            "minutes",
        ),
        (
            "between two and three hours",
            "between two and three hours",
            ClaimKind.DURATION,
            "2/3",
            "hours",
        ),
        # a scale between the number and its noun, a dimension after it
        (
            "a 3.1-billion-kilometre trip",
            "3.1-billion-kilometre",
            ClaimKind.COUNT,
            "3100000000",
            "kilometres",
        ),
        ("the 480-metre-wide asteroid", "480-metre", ClaimKind.COUNT, "480", "metres"),
        # "22 of the 28 days": the period is the claim
        ("She campaigned on 22 of the 28 days.", "28 days", ClaimKind.DURATION, "28", "days"),
    ],
)
def test_counts_and_durations_written_as_adjectives_ranges_and_parts(text, span, kind, value, unit):
    (claim,) = claims_of(text, "numbers")
    assert (claim.span.text, claim.kind, claim.value, claim.unit) == (span, kind, value, unit)


@pytest.mark.parametrize(
    "text",
    [
        # an adjective, not a noun, after the number word
        "a three-pronged attack",
        "a two-dimensional map",
        "a three-fold rise",
        "a two-sided deal",
        # an idiom (lexicon category not_counted_compound)
        "a two-state solution",
        "a two-time champion",
        "a five-star hotel",
    ],
)
def test_a_number_word_before_an_adjective_or_an_idiom_counts_nothing(text):
    assert claims_of(text, "numbers") == []


def test_a_figure_alone_in_a_table_cell_counts_nothing():
    row = "| ASHWORTH, Dan | Liberal Democrats | 1,412 | Elected |"
    assert claims_of(row, "numbers") == []
    # money in a currency the lexicon names is no count either
    assert claims_of("Exports were worth 18.6 billion marks.", "numbers") == []
    assert [c.span.text for c in claims_of("| Votes | 1,412 voters |", "numbers")] == [
        "1,412 voters"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Two-way trade grew.",  # "ways" are not counted
        "The text was one-sided.",
        "Forty-eighth year",
        "in the twenty-first century",
        "The swing from the Social Democrats to the Greens was 14.2 points.",
        "It took a swing of 9 points.",
        "He spoke under rule 37 of the provisional rules of procedure.",
        "They set up a 10-million-dollar fund.",
    ],
)
def test_no_count_in_idioms_ordinals_labels_money_or_a_swing_in_points(text):
    assert claims_of(text, "numbers") == []


@pytest.mark.parametrize("text", ["14.8 mln dlrs", "65 cts a share", "11.5 cents a share"])
def test_agency_money_is_not_a_count(text):
    assert claims_of(f"Net profit was {text}.", "numbers") == []


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "deputy foreign minister Andrey Rudenko said",
            "Andrey Rudenko",
            "deputy foreign minister",
        ),
        ("hosted by then-president Dmitry Medvedev", "Dmitry Medvedev", "then-president"),
        ("signed by the late President Heydar Aliyev", "Heydar Aliyev", "late President"),
        (
            "Armenia's acting foreign minister Armen Grigoryan",
            "Armen Grigoryan",
            "Armenia's acting foreign minister",
        ),
        ("state Senator Paul Greaves was charged", "Paul Greaves", "state Senator"),
        ("Ambassador Andrzej Kasprzyk spoke", "Andrzej Kasprzyk", "Ambassador"),
        ("Russian mediator Vladimir Kazimirov spoke", "Vladimir Kazimirov", "Russian mediator"),
        ("UN envoy Karin Alvestad spoke", "Karin Alvestad", "UN envoy"),
        (
            "Justin Trudeau, Prime Minister of Canada, spoke",
            "Justin Trudeau",
            "Prime Minister of Canada",
        ),
        (
            "Karine Jean-Pierre, the White House press secretary, said",
            "Karine Jean-Pierre",
            "the White House press secretary",
        ),
    ],
)
def test_titles_keep_every_qualifier_as_written(text, name, title):
    (claim,) = claims_of(text, "people")
    assert (claim.value, claim.title) == (name, title)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Foreign Ministers Sergey Lavrov of Russia and Jeyhun Bayramov of Azerbaijan met.",
            [
                ("Foreign Ministers Sergey Lavrov", "Foreign Minister of Russia"),
                ("Jeyhun Bayramov", "Foreign Minister of Azerbaijan"),
            ],
        ),
        (
            "the co-chairs Igor Popov of Russia, Stephane Visconti of France and Andrew "
            "Schofer of the United States",
            [
                ("co-chairs Igor Popov", "co-chair of Russia"),
                ("Stephane Visconti", "co-chair of France"),
                ("Andrew Schofer", "co-chair of the United States"),
            ],
        ),
        (
            "Judges Daniel Okafor and Priya Raman agreed.",
            [("Judges Daniel Okafor", "Judge"), ("Priya Raman", "Judge")],
        ),
    ],
)
def test_coordinated_titles_give_each_person_his_own_country(text, expected):
    claims = claims_of(text, "people")
    assert [(c.span.text, c.title) for c in claims] == expected


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("The truce, brokered by Iran, held.", "Iran", "Iran", "brokered by"),
        (
            "It was co-chaired by France, Russia and the United States since 1997.",
            "France, Russia and the United States",
            "France|Russia|United States",
            "co-chaired by",
        ),
        (
            "It was signed by the leaders of Azerbaijan, Armenia and the Russian Federation.",
            "Azerbaijan, Armenia and the Russian Federation",
            "Azerbaijan|Armenia|Russian Federation",
            "signed by",
        ),
        (
            "Its members were Sweden, Switzerland, Poland and Czechoslovakia.",
            "Sweden, Switzerland, Poland and Czechoslovakia",
            "Sweden|Switzerland|Poland|Czechoslovakia",
            "members",
        ),
        (
            "Its five member states are Armenia, Belarus and Russia.",
            "Armenia, Belarus and Russia",
            "Armenia|Belarus|Russia",
            "member states",
        ),
        # a date between the verb and its "by"
        (
            "A pact signed in Rome on 4 May 2001 by Ana Dias and Ivo Kral ended it.",
            "Ana Dias and Ivo Kral",
            "Ana Dias|Ivo Kral",
            "signed by",
        ),
        (
            "Accredited representatives of the United States and France will take part.",
            "United States and France",
            "United States|France",
            "representatives of",
        ),
        # the list before its relation: the unit is the lexicon's row
        (
            "France, Russia and the United States, which co-chaired the group from 1997, left.",
            "France, Russia and the United States",
            "France|Russia|United States",
            "co-chaired by",
        ),
        (
            "Armenia and Russia are both members of the CSTO.",
            "Armenia and Russia",
            "Armenia|Russia",
            "members",
        ),
        (
            "**1997** - France, Russia and Italy become co-chairs of the group.",
            "France, Russia and Italy",
            "France|Russia|Italy",
            "co-chairs",
        ),
        # a relation word set apart by "besides": the list is the one after "were"
        (
            "Besides the co-chairs, Armenia and Azerbaijan, the group's permanent members in "
            "its last years were Belarus, Finland, Germany, Italy, Sweden and Turkey.",
            "Belarus, Finland, Germany, Italy, Sweden and Turkey",
            "Belarus|Finland|Germany|Italy|Sweden|Turkey",
            "members",
        ),
        (
            "| Type | Mediation format |\n"
            "| Co-chairs | France, Russia, United States (1997–2025) |",
            "France, Russia, United States",
            "France|Russia|United States",
            "Co-chairs",
        ),
        # an "and" inside a name that more names of the list follow
        (
            "Members: Cape Verde, China, Spain, United Kingdom of Great Britain and Northern "
            "Ireland, United States of America, Venezuela",
            "Cape Verde, China, Spain, United Kingdom of Great Britain and Northern Ireland, "
            "United States of America, Venezuela",
            "Cape Verde|China|Spain|United Kingdom of Great Britain and Northern Ireland"
            "|United States of America|Venezuela",
            "Members",
        ),
        (
            "**SERGEY LAVROV:** France, Russia and the United States have co-chaired it.",
            "France, Russia and the United States",
            "France|Russia|United States",
            "co-chaired by",
        ),
        # one party alone where one can fill the relation
        (
            "- **The view from Moscow.** Russia, which mediated the 1994 ceasefire, was absent.",
            "Russia",
            "Russia",
            "mediated by",
        ),
    ],
)
def test_who_took_part_is_a_set(text, span, value, unit):
    (claim,) = claims_of(text, "sets")
    assert (claim.kind, claim.span.text, claim.value, claim.unit) == (
        ClaimKind.SET,
        span,
        value,
        unit,
    )


@pytest.mark.parametrize(
    ("text", "span", "title"),
    [
        # a role noun after the name, its complement in lower case up to the comma
        (
            "Mara Lind, chair of the county election board, said so.",
            "Mara Lind, chair of the county election board",
            "chair of the county election board",
        ),
        (
            "Tove Brandt, director of the peace programme at the Baltic Institute for Conflict "
            "Studies, said so.",
            "Tove Brandt, director of the peace programme at the Baltic Institute for Conflict "
            "Studies",
            "director of the peace programme at the Baltic Institute for Conflict Studies",
        ),
        (
            "Lena Ohr, spokesperson for the Finnish foreign ministry: no comment.",
            "Lena Ohr, spokesperson for the Finnish foreign ministry",
            "spokesperson for the Finnish foreign ministry",
        ),
        (
            "Ewan Hart, chief inspector of the accident office, said so.",
            "Ewan Hart, chief inspector of the accident office",
            "chief inspector of the accident office",
        ),
        (
            "Omar Haddad, a partner at the law firm Reed Hall, spoke.",
            "Omar Haddad, a partner at the law firm Reed Hall",
            "a partner at the law firm Reed Hall",
        ),
        (
            "Paul Weir, the State Department's new senior adviser for Balkan talks, left.",
            "Paul Weir, the State Department's new senior adviser for Balkan talks",
            "the State Department's new senior adviser for Balkan talks",
        ),
        (
            "Amir Khan, the agency's director of science, said so.",
            "Amir Khan, the agency's director of science",
            "the agency's director of science",
        ),
        # ... but never past the end of the title: a month, a verb, no closing comma
        (
            "Lev Orlov, Russia's ambassador to Armenia since January, said so.",
            "Lev Orlov, Russia's ambassador to Armenia",
            "Russia's ambassador to Armenia",
        ),
        ("Mara Lind, chair of the board said so.", "Mara Lind, chair", "chair"),
        # the name of a letterhead, after a style that is no name
        (
            "The Hon Dan Reid, Minister for Trade and Export Growth\n\nPort Elwin, 3 May 2025",
            "Dan Reid, Minister for Trade and Export Growth",
            "Minister for Trade and Export Growth",
        ),
        # titles before the name that the lexicon did not know
        ("It was signed before King Abdullah of Jordan.", "King Abdullah", "King"),
        (
            "said principal investigator Jonas Wik.",
            "principal investigator Jonas Wik",
            "principal investigator",
        ),
        (
            "Moderate Union leader Per Lind said so.",
            "Moderate Union leader Per Lind",
            "Moderate Union leader",
        ),
        ("Chief executive Marta Ruiz apologised.", "Chief executive Marta Ruiz", "Chief executive"),
        ("Host President Ana Dias opened it.", "Host President Ana Dias", "Host President"),
        # a capitalised title with "for": the portfolio is no part of the name
        (
            "Minister for Trade and Export Growth Dan Reid signed it.",
            "Minister for Trade and Export Growth Dan Reid",
            "Minister for Trade and Export Growth",
        ),
        # the article is no part of a title before a comma
        (
            "He took over from the acting minister, Armen Grigoryan, in August.",
            "acting minister, Armen Grigoryan",
            "acting minister",
        ),
        (
            "Western partners refused to work with the Russian co-chair, Igor Khovaev.",
            "Russian co-chair, Igor Khovaev",
            "Russian co-chair",
        ),
        (
            "The Minister of Trade of Peru, Ana Vela, signed.",
            "Minister of Trade of Peru, Ana Vela",
            "Minister of Trade of Peru",
        ),
        # batch 5: titles of courts, councils, clubs and universities
        (
            "It was declared by the acting returning officer, Janet Moss, at 3am.",
            "acting returning officer, Janet Moss",
            "acting returning officer",
        ),
        (
            "Detective Constable Priya Shah, of the economic crime unit, said so.",
            "Detective Constable Priya Shah",
            "Detective Constable",
        ),
        # a title after a name: two words of its own before the head, then a qualifier
        (
            "Jonas Pike, a co-author and senior lecturer in psychology, said so.",
            "Jonas Pike, a co-author and senior lecturer in psychology",
            "a co-author and senior lecturer in psychology",
        ),
        # never a verb: the name stands before a clause, its title after a comma
        (
            "The seat fell vacant when the sitting member, Paul Okafor, was appointed "
            "ambassador to Canada.",
            "sitting member, Paul Okafor",
            "sitting member",
        ),
        # the possessive is no part of the name
        (
            "Prime Minister Nikol Pashinyan's visit to Moscow set the course.",
            "Prime Minister Nikol Pashinyan",
            "Prime Minister",
        ),
    ],
)
def test_titles_of_real_copy(text, span, title):
    (claim,) = claims_of(text, "people")
    assert (claim.span.text, claim.title) == (span, title)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a title word that names nobody after it ends the name: a surname
        ("Senator Angus King said so.", "Angus King"),
        ("Senator Angus King of Maine said so.", "Angus King"),
        # a regnal number is part of the name
        ("King Charles III opened it.", "Charles III"),
    ],
)
def test_a_title_word_in_a_name(text, name):
    (claim,) = claims_of(text, "people")
    assert claim.value == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a surname alone before ", title": read when the draft gave the full name before
        (
            "It was signed by Teodor Vasi. Vasi, Kestava's economy minister, said so.",
            [("Vasi, Kestava's economy minister", "Vasi")],
        ),
        (
            "Martin Ashby, 58, admitted it. Ashby, treasurer of the Little Harbour Hospice "
            "from 2012 until 2023, resigned.",
            [("Ashby, treasurer of the Little Harbour Hospice", "Ashby")],
        ),
        # a place before a comma is no surname: nobody wrote "X Yerevan"
        ("In Yerevan, Armenia's foreign minister said so.", []),
        # nor a clause: "whose" is no title's word
        (
            "South Korea, whose then-president Syngman Rhee wanted to fight, never signed.",
            [("then-president Syngman Rhee", "Syngman Rhee")],
        ),
    ],
)
def test_a_surname_alone_before_a_title_after_its_full_name(text, expected):
    assert [(c.span.text, c.value) for c in claims_of(text, "people")] == expected


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # the owner's name the draft writes elsewhere
        (
            "Ruiz joined from Porto Alto. Porto Alto's sporting director, Rui Matos, said so.",
            "Porto Alto's sporting director, Rui Matos",
        ),
        # a capitalised word that only opens the sentence
        (
            "Even Russia's co-chair, Igor Popov, concedes the point.",
            "Russia's co-chair, Igor Popov",
        ),
    ],
)
def test_the_owner_before_a_possessive_title_is_a_name_written_elsewhere(text, span):
    (claim,) = claims_of(text, "people")
    assert claim.span.text == span


def test_a_possessive_title_before_a_comma_after_another_titled_name():
    claims = claims_of(
        "It was signed by Trade Minister Dan Reid and Eldor's Commerce Minister, Ines Vaz.",
        "people",
    )
    assert [(c.span.text, c.value, c.title) for c in claims] == [
        ("Trade Minister Dan Reid", "Dan Reid", "Trade Minister"),
        ("Eldor's Commerce Minister, Ines Vaz", "Ines Vaz", "Eldor's Commerce Minister"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She met party leaders Ida Berg of the Greens, Ole Rask of the Left and Eva Holm "
            "of the Centre Party.",
            [
                ("party leaders Ida Berg", "party leader of the Greens"),
                ("Ole Rask", "party leader of the Left"),
                ("Eva Holm", "party leader of the Centre Party"),
            ],
        ),
        (
            "Chief negotiators Mark Felder of Aldavia and Rosa Almeida of Corrin initialled it.",
            [
                ("Chief negotiators Mark Felder", "Chief negotiator of Aldavia"),
                ("Rosa Almeida", "Chief negotiator of Corrin"),
            ],
        ),
        (
            "District medical officers Grace Mwale of Marsh and Ibrahim Sesay of Kellow left.",
            [
                ("District medical officers Grace Mwale", "District medical officer of Marsh"),
                ("Ibrahim Sesay", "District medical officer of Kellow"),
            ],
        ),
        (
            "The rally was led by Green Party co-leaders Sasha Kim and Idris Bell.",
            [
                ("Green Party co-leaders Sasha Kim", "Green Party co-leader"),
                ("Idris Bell", "Green Party co-leader"),
            ],
        ),
        # a plural title before a comma; the possessive determiner is no part of it
        (
            "Their foreign ministers, Jeyhun Bayramov and Ararat Mirzoyan, initialled it.",
            [
                ("foreign ministers, Jeyhun Bayramov", "foreign minister"),
                ("Ararat Mirzoyan", "foreign minister"),
            ],
        ),
    ],
)
def test_coordinated_lower_case_titles(text, expected):
    claims = claims_of(text, "people")
    assert [(c.span.text, c.title) for c in claims] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chief Justice Helen Marr presided, with Justices Sam Eze and Clare Penn. "
            "The chief justice said costs would follow.",
            ("The chief justice", "Helen Marr"),
        ),
        (
            "Amir Khan, the agency's director of science, said so. The director of science "
            "added that it was clean.",
            ("The director of science", "Amir Khan"),
        ),
        (  # the chair is not the co-chair named since
            "Committee chair Lena Odell opened the sitting. The French co-chair, Paul Marin, "
            "was absent. The chair closed it.",
            ("The chair", "Lena Odell"),
        ),
    ],
)
def test_second_mentions_of_real_copy(text, expected):
    claims = claims_of(text, "people")
    assert (claims[-1].span.text, claims[-1].value) == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # another director: the complement is in the title of nobody named
        (
            "Director Anna Berg of the agency spoke. The director of the festival left.",
            "Director Anna Berg",
        ),
        # a ministry, not the judge
        ("Justice Amal Reyes ruled. The justice ministry will appeal.", "Justice Amal Reyes"),
        # a title qualifying the noun after it: the co-chair countries, not Bryza
        (
            "Co-chair Matthew Bryza left in 2009. A joint statement of the presidents of the "
            "co-chair countries followed.",
            "Co-chair Matthew Bryza",
        ),
        ("Co-chair Matthew Bryza left. The co-chair statement was read.", "Co-chair Matthew Bryza"),
    ],
)
def test_a_title_word_before_another_noun_refers_back_to_nobody(text, named):
    assert [c.span.text for c in claims_of(text, "people")] == [named]


@pytest.mark.parametrize(
    "text",
    [
        # an introductory phrase is no part of the list after it
        "Under the Collective Security Treaty, Armenia and Russia are members of the CSTO.",
        # a list of two out of three would be wrong: none
        "Talks with France, Germany and Italy, which co-chaired them, failed.",
        # nor a word that opens the sentence
        "However, France and Germany, which co-chaired the talks, left.",
        "On Monday, Russia and Turkey, which brokered the truce, met.",
        # one signatory is no list of them
        "On Monday Russia, which signed the treaty, objected.",
    ],
)
def test_a_list_before_its_relation_is_read_only_when_it_is_certain(text):
    assert claims_of(text, "sets") == []


@pytest.mark.parametrize(
    "text",
    [
        # an object between the verb and "by": the active voice, and "by" a deadline
        "The leader signed a decree dissolving its institutions by January 1, 2024.",
        # dates are no parties
        "A truce agreed between March and May held.",
    ],
)
def test_a_deadline_or_a_period_is_no_list_of_parties(text):
    assert claims_of(text, "sets") == []


@pytest.mark.parametrize(
    "text",
    [
        # the names after "besides", "apart from", "except" ... are set apart from the list
        "Besides the co-chairs, Armenia and Azerbaijan, six states took part.",
        "Apart from the members, Russia and Turkey sent observers.",
        "Except the signatories, France and Germany, nobody spoke.",
        "In addition to the co-chairs, the United States and France, envoys came.",
        # the parties' own delegates, and a preposition after "the parties"
        "Letters from the representatives of Armenia and Azerbaijan asked to take part.",
        "Russia assisted the parties, in support of the Minsk Group that the CSCE set up.",
        # a table's header names no members
        "| Members | Since |\n|---|---|\n| Armenia | 1992 |",
    ],
)
def test_names_set_apart_from_a_relation_are_no_set(text):
    assert claims_of(text, "sets") == []


def test_titled_people_in_a_list_are_offices_not_a_set():
    claims = claims_of(
        "It was signed by President Ilham Aliyev and Prime Minister Nikol Pashinyan."
    )
    assert [c.kind for c in claims] == [ClaimKind.OFFICE, ClaimKind.OFFICE]


def test_a_second_mention_s_complement_ends_on_a_word_of_its_own():
    text = (
        "Tove Brandt, director of the peace programme at the Baltic Institute, said so. "
        "The director of the museum disagreed."
    )
    assert [c.value for c in claims_of(text, "people")] == ["Tove Brandt"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It ended military rule 30 years ago.", [("duration", "30 years")]),
        ("Under rule 37 of the provisional rules, it met.", []),
    ],
)
def test_rule_labels_only_a_number_of_rules(text, found):
    assert [(c.kind.value, c.span.text) for c in claims_of(text, "numbers")] == found


@pytest.mark.parametrize("between", ["\n", "\n\n"])
def test_a_loose_bulleted_list_of_resolutions_is_one_list(between):
    items = ["- resolution 822 (1993);", "- resolution 853 (1993);", "- resolution 874 (1993)."]
    text = "The Council adopted three resolutions:" + between + between.join(items) + "\n"
    claims = claims_of(text, "instruments")
    assert [(c.value, c.group_size) for c in claims if c.kind is ClaimKind.RESOLUTION] == [
        ("S/RES/822", 3),
        ("S/RES/853", 3),
        ("S/RES/874", 3),
    ]
