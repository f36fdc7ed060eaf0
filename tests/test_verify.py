"""Verdicts on small drafts written for one rule each."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import factcheck
from factcheck import Claim, ClaimKind, Document, Finding, ReferenceTable, Verdict
from factcheck.archive.bench import edit_facts
from factcheck.datetext import human_date, interval
from factcheck.document import document_from_text, load_document
from factcheck.extract import extract_claims
from factcheck.link import Links, link_claims
from factcheck.models import Evidence, Span, Strength
from factcheck.verify import RULES, decided_alone, draft_dates, durations, judge_claims


def verdicts(text, reference, as_of=None):
    report = factcheck.check(text, reference=reference, as_of=as_of)
    return {f.claim.span.text: f for f in report.findings}


def test_partial_dates_cover_their_whole_period():
    assert interval("1993") == interval("1993-01-01/1993-12-31")
    assert interval("1996-02").last == dt.date(1996, 2, 29)
    assert interval("1994-05-09/1994-05-11").contains(dt.date(1994, 5, 10))


def test_human_dates():
    assert human_date("1997-07-03") == "3 July 1997"
    assert human_date("1994-05") == "May 1994"
    assert human_date("1994-05-09/1994-05-11") == "9–11 May 1994"


def test_a_year_is_supported_by_a_full_date_at_its_precision(reference):
    found = verdicts("Resolution 884 was adopted in 1993.", reference)
    assert found["1993"].verdict is Verdict.SUPPORTED


def test_a_precise_date_outside_a_signing_range_is_contradicted(reference):
    found = verdicts("The ceasefire agreement was signed on 13 May 1994.", reference)
    assert found["13 May 1994"].verdict is Verdict.CONTRADICTED
    assert found["13 May 1994"].expected == "9–11 May 1994"
    assert (
        verdicts("The ceasefire was signed in May 1994.", reference)["May 1994"].verdict
        is Verdict.SUPPORTED
    )


def test_suggestion_keeps_the_draft_style(reference):
    found = verdicts(
        "The Treaty on Friendship, Cooperation and Mutual Security was signed on July 3, 1996.",
        reference,
    )
    assert found["July 3, 1996"].suggestion == "July 3, 1997"


@pytest.mark.parametrize(
    ("phrase", "verdict"),
    [
        ("for almost 30 years", Verdict.SUPPORTED),  # 26.9-27.9 years is within 27-30
        ("for nearly 28 years", Verdict.SUPPORTED),
        ("for 27 years", Verdict.SUPPORTED),
        ("for 30 years", Verdict.CONTRADICTED),
        ("for almost 40 years", Verdict.CONTRADICTED),
        ("for more than 20 years", Verdict.SUPPORTED),
        ("for more than three decades", Verdict.CONTRADICTED),
    ],
)
def test_durations_with_hedges(reference, phrase, verdict):
    text = f"Armenia has held the occupied territories {phrase}."
    found = verdicts(text, reference, as_of=dt.date(2019, 11, 6))
    (finding,) = [f for f in found.values() if f.claim.kind.value == "duration"]
    assert finding.verdict is verdict, finding.message


@pytest.mark.parametrize(
    ("phrase", "verdict"),
    [
        ("20 percent", Verdict.DISPUTED),
        ("about 16 percent", Verdict.DISPUTED),
        ("13.3%", Verdict.DISPUTED),
        ("40 percent", Verdict.CONTRADICTED),
        ("more than 25 percent", Verdict.CONTRADICTED),
    ],
)
def test_disputed_figures(reference, phrase, verdict):
    found = verdicts(f"Armenian forces occupied {phrase} of Azerbaijan.", reference)
    assert found[phrase].verdict is verdict


def test_counts_against_the_reference(reference):
    text = "Armenian forces held Nagorno-Karabakh and {} surrounding districts."
    assert (
        verdicts(text.format("seven"), reference)["seven surrounding districts"].verdict
        is Verdict.SUPPORTED
    )
    assert (
        verdicts(text.format("six"), reference)["six surrounding districts"].verdict
        is Verdict.CONTRADICTED
    )


def test_office_terms(reference):
    text = "Foreign Minister Elmar Mammadyarov met Russian Foreign Minister Sergey Lavrov."
    assert {f.verdict for f in verdicts(text, reference, dt.date(2019, 1, 1)).values()} == {
        Verdict.SUPPORTED
    }
    later = verdicts(text, reference, dt.date(2021, 1, 1))
    assert later["Foreign Minister Elmar Mammadyarov"].verdict is Verdict.OUTDATED
    assert "Jeyhun Bayramov" in later["Foreign Minister Elmar Mammadyarov"].message
    assert later["Russian Foreign Minister Sergey Lavrov"].verdict is Verdict.SUPPORTED


def test_a_post_that_no_longer_exists_is_outdated_with_its_end(reference):
    text = "Russian co-chair Igor Khovaev spoke."
    during = verdicts(text, reference, dt.date(2022, 1, 1))["Russian co-chair Igor Khovaev"]
    assert during.verdict is Verdict.SUPPORTED
    after = verdicts(text, reference, dt.date(2026, 1, 1))["Russian co-chair Igor Khovaev"]
    assert after.verdict is Verdict.OUTDATED
    assert "the post itself ended on 1 September 2025" in after.message
    assert "held by" not in after.message


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Armenian forces occupied Aghdam on July 23, 1993.", Verdict.SUPPORTED),
        ("Armenian forces occupied Aghdam on July 23, 1994.", Verdict.CONTRADICTED),
        ("Azerbaijan liberated Shusha on November 8, 2020.", Verdict.SUPPORTED),
        ("Kalbajar was returned on November 25, 2020.", Verdict.SUPPORTED),
        # a participle before the name describes it; the date is the visit's
        ("President Aliyev visited liberated Aghdam on May 28, 2021.", Verdict.UNVERIFIED),
        ("He toured the formerly occupied Aghdam district on May 28, 2021.", Verdict.UNVERIFIED),
        # people going back to a place are not a handover
        ("Former residents returned to Lachin on July 19, 2022.", Verdict.UNVERIFIED),
    ],
)
def test_occupation_and_return_dates_only_from_their_verbs(reference, text, verdict):
    found = verdicts(text, reference, dt.date(2023, 1, 10))
    dates = [f for claim, f in found.items() if claim[-4:].isdigit()]
    assert [f.verdict for f in dates] == [verdict]


@pytest.mark.parametrize(
    ("text", "claim", "verdict"),
    [
        # a name after "after" or "with" is a point in time, not the subject
        (
            "The enclave's government dissolved itself on 1 January 2024, after the 2023 "
            "offensive.",
            "1 January 2024",
            Verdict.UNVERIFIED,
        ),
        (
            "The conflict over Nagorno-Karabakh, which began in February 1988, ended with the "
            "2023 offensive.",
            "February 1988",
            Verdict.SUPPORTED,
        ),
        # "a war" is not the war the draft named
        (
            "The Second Karabakh War ended in 2020. The 1994 ceasefire ended a war that had "
            "begun in 1988.",
            "1988",
            Verdict.UNVERIFIED,
        ),
        # a figure inside a name states nothing on its own
        ("It ended the 44-day war, which took effect on 10 November 2020.", "44-day", None),
        ("Russia brokered the ceasefire statement of 10 November 2020.", "10 November 2020",
         Verdict.SUPPORTED),
        # the items cited in the count's own sentence, and "including" names only some
        (
            "The Council adopted four resolutions on the Karabakh conflict: S/RES/822 (1993) of "
            "30 April, and resolutions 853, 874 and 884 later that year.",
            "four resolutions",
            Verdict.SUPPORTED,
        ),
        (
            "It cited resolutions 242, 338 and 2334. The Assembly adopted six further "
            "resolutions, including A/RES/ES-11/1.",
            "six further resolutions",
            Verdict.UNVERIFIED,
        ),
        # one citation beside a count is not its list: the list is the next sentence's
        (
            "It adopted resolution 884, the last of four resolutions on the Karabakh conflict "
            "that year. Resolutions 822, 853, 874 and 884 went unheeded.",
            "four resolutions",
            Verdict.SUPPORTED,
        ),
    ],
)  # fmt: skip
def test_no_false_alarm_from_wording_around_a_value(reference, text, claim, verdict):
    found = verdicts(text, reference, dt.date(2024, 6, 1))
    if verdict is None:
        assert claim not in found or found[claim].verdict is Verdict.UNVERIFIED
    else:
        assert found[claim].verdict is verdict, found[claim].message


def test_a_sentence_about_an_appointment_dates_the_title(reference):
    appointed = "The French co-chair Brice Roquefeuil was appointed in November 2021."
    found = verdicts(appointed, reference, dt.date(2025, 10, 2))
    assert found["French co-chair Brice Roquefeuil"].verdict is Verdict.SUPPORTED
    said = "The French co-chair Brice Roquefeuil said in November 2021 that talks would go on."
    found = verdicts(said, reference, dt.date(2025, 10, 2))
    assert found["French co-chair Brice Roquefeuil"].verdict is Verdict.OUTDATED


def test_a_date_that_says_when_dates_the_title_before_it(reference):
    as_of = dt.date(2025, 10, 2)
    handed = "The text went to French co-chair Brice Roquefeuil at a meeting in November 2021."
    found = verdicts(handed, reference, as_of)
    assert found["French co-chair Brice Roquefeuil"].verdict is Verdict.SUPPORTED
    # a year that names a thing says nothing of when the title was held
    named = "French co-chair Brice Roquefeuil praised the 2021 statement in Paris."
    assert verdicts(named, reference, as_of)["French co-chair Brice Roquefeuil"].verdict is (
        Verdict.OUTDATED
    )


def test_a_sentence_that_looks_back_is_dated_by_the_one_before(reference):
    text = (
        "After November 2021 the co-chairs rarely met. The French co-chair Brice "
        "Roquefeuil was by then working on other files."
    )
    found = verdicts(text, reference, dt.date(2025, 10, 2))
    assert found["French co-chair Brice Roquefeuil"].verdict is Verdict.SUPPORTED
    without = "The French co-chair Brice Roquefeuil was working on other files."
    found = verdicts(without, reference, dt.date(2025, 10, 2))
    assert found["French co-chair Brice Roquefeuil"].verdict is Verdict.OUTDATED


@pytest.mark.parametrize(
    "heading",
    ["**File 2007/02** | Nov. 2007 | 6 pages", "**November 2007**", "### Madrid, November 2007"],
)
def test_a_line_of_labels_over_a_paragraph_dates_its_titles(reference, heading):
    entry = "*Madrid notes.* Talks with foreign ministers Vartan Oskanian and Elmar Mammadyarov."
    found = verdicts(f"{heading}\n{entry}\n", reference, dt.date(2026, 2, 12))
    assert found["foreign ministers Vartan Oskanian"].verdict is Verdict.SUPPORTED
    # a line of prose above it, wrapped mid-sentence, dates nothing
    prose = f"The archive holds papers from November 2007 and\nlater. {entry}\n"
    found = verdicts(prose, reference, dt.date(2026, 2, 12))
    assert found["foreign ministers Vartan Oskanian"].verdict is Verdict.OUTDATED


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("I met Elmar Mammadyarov, Azerbaijan's foreign minister at the time.", Verdict.SUPPORTED),
        ("I met Elmar Mammadyarov, Azerbaijan's foreign minister.", Verdict.OUTDATED),
        # a post held for a while: then or now
        ("She met Igor Popov, Russia's co-chair for eleven years, in Vienna.", Verdict.SUPPORTED),
        ("She met Igor Popov, Russia's co-chair, in Vienna.", Verdict.OUTDATED),
    ],
)
def test_a_time_after_the_title_says_the_post_was_held_then(reference, text, verdict):
    found = verdicts(text, reference, dt.date(2025, 12, 3)).values()
    (finding,) = [f for f in found if f.claim.kind is ClaimKind.OFFICE]
    assert finding.verdict is verdict, finding.message


def test_a_date_whose_year_the_sentence_does_not_give_is_not_contradicted(reference):
    text = "Resolution 822 was adopted on 5 April."
    found = verdicts(text, reference, dt.date(2016, 4, 10))
    assert found["5 April"].verdict is Verdict.UNVERIFIED
    assert "gives no year" in found["5 April"].message
    written = "A ceasefire took effect on 12 May 1995."
    assert verdicts(written, reference)["12 May 1995"].verdict is Verdict.CONTRADICTED


@pytest.mark.parametrize(
    ("day", "verdict"),
    [("9 November", Verdict.SUPPORTED), ("10 November", Verdict.SUPPORTED)]
    + [("11 November", Verdict.CONTRADICTED)],
)
def test_the_2020_war_ended_on_either_day_of_the_statement(reference, day, verdict):
    # signed late on 9 November, in force from midnight Moscow time: sources give both
    found = verdicts(f"The 44-day war ended on {day} 2020.", reference)
    assert found[f"{day} 2020"].verdict is verdict


def test_a_list_of_people_is_not_compared_with_a_list_of_states(reference):
    text = (
        "The Minsk Group co-chairs, Andrew Schofer (US), Stephane Visconti (France) and Igor "
        "Popov (Russia), arrived in Baku."
    )
    found = verdicts(text, reference, dt.date(2019, 2, 1))["Andrew Schofer"]
    assert found.verdict is Verdict.UNVERIFIED
    assert "not of the kind the reference lists" in found.message
    states = "The Minsk Group was co-chaired by Russia, France and Germany."
    assert verdicts(states, reference)["Russia, France and Germany"].verdict is (
        Verdict.CONTRADICTED
    )


def test_an_undated_draft_that_speaks_of_another_time_does_not_date_its_titles_today(reference):
    text = "On October 16, Yerevan hosted Foreign Minister Edward Nalbandian and the co-chairs."
    found = factcheck.check(text, reference=reference).findings
    (office,) = [f for f in found if f.claim.kind is ClaimKind.OFFICE]
    assert office.verdict is Verdict.UNVERIFIED
    assert "in a year the draft does not give" in office.message
    # a departure: "the resignation of Foreign Minister X" names the post left
    resigned = "It came two days after the resignation of Foreign Minister Zohrab Mnatsakanyan."
    found = factcheck.check(resigned, reference=reference).findings
    (office,) = [f for f in found if f.claim.kind is ClaimKind.OFFICE]
    assert "speaks of leaving the post" in office.message
    # a year it speaks of within his term: the title may be of then
    kazan = "The Kazan summit of 2011 failed. Foreign Minister Edward Nalbandian blamed Baku."
    found = factcheck.check(kazan, reference=reference).findings
    (office,) = [f for f in found if f.claim.kind is ClaimKind.OFFICE]
    assert office.verdict is Verdict.UNVERIFIED
    assert "it speaks of 2011" in office.message
    # nothing of the kind: checked as of today, as the summary says
    for undated in (
        "Yerevan hosted Foreign Minister Edward Nalbandian and the co-chairs.",
        "Foreign Minister Edward Nalbandian said the 1994 ceasefire held.",
    ):
        found = factcheck.check(undated, reference=reference).findings
        (office,) = [f for f in found if f.claim.kind is ClaimKind.OFFICE]
        assert office.verdict is Verdict.OUTDATED


def test_a_time_limit_is_not_the_date_itself(reference):
    text = (
        "The matters arising from the Minsk Group's closure must be settled by Dec. 1, "
        "2025. The Minsk Group was closed on Dec. 1, 2025."
    )
    report = factcheck.check(text, reference=reference, as_of=dt.date(2025, 9, 5))
    deadline, closed = report.findings
    assert deadline.verdict is Verdict.UNVERIFIED
    assert "time limit" in deadline.message
    assert closed.verdict is Verdict.CONTRADICTED
    end = "The republic was to be dissolved by the end of 2023."
    found = verdicts(f"The Artsakh Republic ceased to exist. {end}", reference)["2023"]
    assert "'by the end of 2023' sets a time limit" in found.message


def test_a_signature_added_later_is_one_of_the_disputed_dates(reference):
    found = verdicts("The Bishkek Protocol was signed on May 8, 1994.", reference)
    assert found["May 8, 1994"].verdict is Verdict.DISPUTED


def test_a_day_naming_a_document_without_its_year_is_not_contradicted(reference):
    # the statement of 9 November 2020, read in the article's year (2021)
    text = "The mediators urged both sides to honour the November 9 statement in full."
    found = verdicts(text, reference, dt.date(2021, 7, 29))
    assert found["November 9"].verdict is Verdict.UNVERIFIED
    assert "gives no year" in found["November 9"].message
    wrong = "They urged both sides to honour the trilateral statement of November 9, 2021."
    found = verdicts(wrong, reference, dt.date(2021, 7, 29))
    assert found["November 9, 2021"].verdict is Verdict.CONTRADICTED


@pytest.mark.parametrize(
    ("years", "verdict"),
    [("28 years", Verdict.SUPPORTED), ("29 years", Verdict.SUPPORTED)]
    + [("27 years", Verdict.CONTRADICTED), ("30 years", Verdict.CONTRADICTED)],
)
def test_a_duration_is_rounded_or_counted_in_whole_units(reference, years, verdict):
    # 18 May 1992 to 30 November 2020: 28 years and six months
    text = f"Armenia is to hand back Lachin after {years} of occupation."
    assert verdicts(text, reference, dt.date(2020, 11, 30))[years].verdict is verdict


def test_a_duration_ago_or_after_an_event_is_no_lasting_state(reference):
    text = "The OSCE has wound up the Minsk Group, set up more than three decades ago."
    found = verdicts(text, reference, dt.date(2025, 12, 1))["more than three decades"]
    assert found.verdict is Verdict.SUPPORTED, found.message
    wrong = text.replace("more than three decades", "more than four decades")
    found = verdicts(wrong, reference, dt.date(2025, 12, 1))["more than four decades"]
    assert found.verdict is Verdict.CONTRADICTED
    # with no date of its own, a draft's "ago" is counted to today: a guess, never a block
    khojaly = "The Khojaly massacre took place 26 years ago."
    assert verdicts(khojaly, reference)["26 years"].verdict is Verdict.UNVERIFIED
    found = verdicts(khojaly, reference, dt.date(2018, 9, 15))["26 years"]
    assert found.verdict is Verdict.SUPPORTED
    assert found.message.startswith("Khojaly massacre: 26 years from")  # as the claim counts
    # a hedge around the figure widens it; "after" in an undated draft is a guess too
    talks = (
        "It comes some four years after talks began in the wake of the 2020 Nagorno-Karabakh War."
    )
    found = verdicts(talks, reference, dt.date(2025, 3, 14))["some four years"]
    assert found.verdict is Verdict.SUPPORTED
    assert verdicts(talks, reference)["some four years"].verdict is Verdict.UNVERIFIED
    # "N years after" an event is a point in time too, not a state that still lasts
    after = "Azerbaijani units have entered Lachin, 28 years after its occupation."
    assert verdicts(after, reference, dt.date(2020, 12, 1))["28 years"].verdict is (
        Verdict.SUPPORTED
    )


def test_a_duration_may_run_to_a_later_date_of_its_subject(reference):
    text = "Armenian forces captured Aghdam on July 23, 1993, and held Aghdam for 27 years."
    found = verdicts(text, reference, dt.date(2021, 3, 10))
    assert found["27 years"].verdict is Verdict.SUPPORTED  # to its return in November 2020
    wrong = text.replace("27 years", "37 years")
    assert verdicts(wrong, reference, dt.date(2021, 3, 10))["37 years"].verdict is (
        Verdict.CONTRADICTED
    )


def test_a_duration_far_from_every_span_is_about_something_else(reference):
    text = "A ceasefire took effect on Sunday after a three-hour delay."
    found = verdicts(text, reference, dt.date(2025, 1, 20))
    assert found["three-hour"].verdict is Verdict.UNVERIFIED
    close = "The 1994 ceasefire took effect 29 years ago, on 12 May 1994."
    found = verdicts(close, reference, dt.date(2025, 1, 20))
    assert found["29 years"].verdict is Verdict.CONTRADICTED  # 30.7 years: close, wrong


def test_a_year_in_a_compound_name_does_not_pick_the_compound(reference):
    text = (
        "Azerbaijan and Russia have had diplomatic relations since April 4, 1992, and signed "
        "their treaty of friendship on July 3, 1997."
    )
    found = verdicts(text, reference, dt.date(2019, 6, 20))
    assert Verdict.CONTRADICTED not in {f.verdict for f in found.values()}


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Former Foreign Minister Elmar Mammadyarov spoke.", Verdict.SUPPORTED),
        ("Elmar Mammadyarov, a former foreign minister of Azerbaijan, spoke.", Verdict.SUPPORTED),
        ("Former Foreign Minister Sergey Lavrov spoke.", Verdict.CONTRADICTED),  # still is
        ("Former Foreign Minister Jeyhun Bayramov spoke.", Verdict.CONTRADICTED),  # not yet
    ],
)
def test_a_former_holder_held_the_post_before_and_not_now(reference, text, verdict):
    day = dt.date(2024, 1, 1) if "Bayramov" not in text else dt.date(2019, 1, 1)
    (finding,) = verdicts(text, reference, day).values()
    assert finding.verdict is verdict, finding.message


def test_office_taken_only_later_is_contradicted(reference):
    found = verdicts("Foreign Minister Jeyhun Bayramov spoke.", reference, dt.date(2019, 1, 1))
    assert found["Foreign Minister Jeyhun Bayramov"].verdict is Verdict.CONTRADICTED


def test_unknown_people_and_titles_are_unverified(reference):
    found = verdicts(
        "Deputy Minister John Smith and Ambassador Mikhail Bocharnikov spoke.",
        reference,
        dt.date(2019, 1, 1),
    )
    assert found["Deputy Minister John Smith"].verdict is Verdict.UNVERIFIED
    assert found["Ambassador Mikhail Bocharnikov"].verdict is Verdict.SUPPORTED


def test_titles_match_offices_by_wording_and_country(reference):
    assert sorted(reference.offices_matching("Deputy Foreign Minister")) == [
        "am-deputy-foreign-minister",
        "az-deputy-foreign-minister",
        "ru-deputy-foreign-minister",
    ]
    assert reference.offices_matching("Azerbaijani Deputy Foreign Minister") == [
        "az-deputy-foreign-minister"
    ]
    assert reference.offices_matching(
        "Ambassador Extraordinary and Plenipotentiary of the Russian "
        "Federation to the Republic of Azerbaijan"
    ) == ["ru-ambassador-to-az"]
    assert reference.offices_matching("Armenian Ambassador") == ["am-ambassador-to-ru"]
    # "new", "outgoing" and "former" do not change which post a title names
    assert reference.offices_matching("France's new co-chair of the OSCE Minsk Group") == [
        "minsk-group-french-co-chair"
    ]
    assert len(reference.offices_matching("former Foreign Minister")) == 3
    assert reference.offices_matching("Armenian Ambassador to Azerbaijan") == []
    assert sorted(reference.offices_matching("Foreign Minister")) == [
        "am-foreign-minister",
        "az-foreign-minister",
        "ru-foreign-minister",
    ]


def test_resolution_outside_the_list_topic(reference):
    found = verdicts("It cited resolutions 822, 853, 874 and 885.", reference)
    assert found["885"].verdict is Verdict.CONTRADICTED
    assert found["885"].suggestion == "884"
    alone = verdicts("It cited Resolution 2999.", reference)
    assert alone["2999"].verdict is Verdict.UNVERIFIED


def test_weekday_mismatch(reference):
    found = verdicts("They met on Friday, Nov. 6, 2019.", reference)
    assert found["Friday, Nov. 6, 2019"].verdict is Verdict.INCONSISTENT
    assert "Wednesday" in found["Friday, Nov. 6, 2019"].message


def test_a_weekday_blocks_only_against_a_year_written_with_its_date(reference):
    """ "on Saturday 16 August" after "won the league in 1998": the year is the
    checker's guess, and a weekday that does not fit it is no error of the draft."""
    text = "City, who last won the league in 1998, open the season on Saturday 16 August."
    found = verdicts(text, reference, dt.date(2025, 7, 1))
    assert found["Saturday 16 August"].verdict is not Verdict.INCONSISTENT
    written = verdicts("They open the season on Saturday 16 August 1998.", reference)
    assert written["Saturday 16 August 1998"].verdict is Verdict.INCONSISTENT


def test_body_date_after_dateline_unless_announced(reference):
    text = "BAKU, Nov. 6 — It met on Nov. 7, 2019. Talks will resume on Nov. 12, 2019."
    found = verdicts(text, reference)
    assert found["Nov. 7, 2019"].verdict is Verdict.INCONSISTENT
    assert found["Nov. 12, 2019"].verdict is Verdict.UNVERIFIED


def test_count_disagreeing_with_its_list(reference):
    found = verdicts("Armenia ignored three resolutions, 822, 853, 874 and 884.", reference)
    assert found["three resolutions"].verdict is Verdict.INCONSISTENT


def test_a_count_against_a_list_of_people_with_their_roles(reference):
    text = (
        "City have now made four signings this summer: Ruiz, goalkeeper Sam Tait, defenders "
        "Leon Abara and Kofi Mensah, and midfielder Jonas Berg."
    )
    found = verdicts(text, reference)
    assert found["four signings"].verdict is Verdict.INCONSISTENT
    assert "lists 5" in found["four signings"].message
    # "led by" opens the list; it is no role of the first name, and the list is partial
    partial = "The ten largest contributors (led by Bangladesh, Nepal, India) sent troops."
    assert verdicts(partial, reference)["ten largest contributors"].verdict is Verdict.UNVERIFIED


def test_a_count_broken_down_into_parts_is_held_against_their_sum(reference):
    """The parts add up to the count; their number is not the count's."""
    text = "Four observers were hurt: three near Agdam and one in Tartar."
    assert verdicts(text, reference)["Four observers"].verdict is Verdict.UNVERIFIED
    wrong = "Twenty observers were hurt: eleven near Agdam and twelve in Tartar."
    found = verdicts(wrong, reference)["Twenty observers"]
    assert found.verdict is Verdict.INCONSISTENT
    assert "its parts add up to 23" in found.message
    # years are members, not parts: two meetings listed for three
    listed = "The mission met three times: 2019 in Vienna and 2021 in Paris."
    assert verdicts(listed, reference)["three times"].verdict is Verdict.INCONSISTENT


def test_figures_the_reference_cannot_place_are_not_compared(reference):
    """Two figures are one fact only when both are certainly about the same thing:
    "11.5 cents a share" this quarter and "five cents" last year share a unit only."""
    found = verdicts("Some 12 observers arrived. Later 15 observers arrived.", reference)
    assert found["Some 12 observers"].verdict is Verdict.UNVERIFIED
    assert found["15 observers"].verdict is Verdict.UNVERIFIED


def test_without_any_date_time_checks_use_today(reference):
    report = factcheck.check("Ambassador Mikhail Bocharnikov spoke.", reference=reference)
    assert report.document.as_of is None
    assert report.findings[0].verdict is Verdict.OUTDATED  # he left the post in 2023


def test_two_positions_on_a_disputed_figure_report_the_dispute(reference):
    text = (
        "Armenian forces occupied 20 percent of Azerbaijan. Other sources put the share of "
        "Azerbaijan occupied at 17 percent."
    )
    found = verdicts(text, reference)
    assert found["20 percent"].verdict is Verdict.DISPUTED
    assert found["17 percent"].verdict is Verdict.DISPUTED


def test_a_count_given_twice_differently_needs_the_same_thing_counted(reference):
    found = verdicts(
        "Floods killed 73 people in the north. Some 1.2 million people were displaced.",
        reference,
    )
    assert {f.verdict for f in found.values()} == {Verdict.UNVERIFIED}
    found = verdicts("About 2.3 million voted in May. About 1.8 million voted in June.", reference)
    assert {f.verdict for f in found.values()} <= {Verdict.UNVERIFIED}


def test_inconsistent_findings_say_what_is_expected(reference):
    found = verdicts("BAKU, Nov. 6 — It met on Friday, Nov. 8, 2019.", reference)
    assert found["Friday, Nov. 8, 2019"].expected == "6 November 2019 or earlier"


def test_duration_of_an_event_that_ended_runs_to_its_end(reference):
    text = "The Second Nagorno-Karabakh War lasted 44 days after it began in September 2020."
    later = dt.date(2024, 6, 1)
    assert verdicts(text, reference, later)["44 days"].verdict is Verdict.SUPPORTED
    wrong = text.replace("44 days", "60 days")
    assert verdicts(wrong, reference, later)["60 days"].verdict is Verdict.CONTRADICTED


def test_a_span_that_ends_with_its_subject_is_its_life(reference):
    """ "ceased to exist, on 1 January 2024, after 22 years": from the republic's first
    date to its end; "three months later" counts from another event instead."""
    text = (
        "The self-proclaimed Nagorno-Karabakh Republic ceased to exist on 1 January 2024, "
        "after 22 years."
    )
    found = verdicts(text, reference, dt.date(2025, 8, 15))
    assert found["22 years"].verdict is Verdict.CONTRADICTED
    assert found["22 years"].suggestion == "32 years"
    right = verdicts(text.replace("22 years", "32 years"), reference, dt.date(2025, 8, 15))
    assert right["32 years"].verdict is Verdict.SUPPORTED
    later = verdicts(
        "The self-proclaimed Nagorno-Karabakh Republic ceased to exist on 1 January 2024, "
        "three months later.",
        reference,
        dt.date(2025, 8, 15),
    )
    assert later["three months"].verdict is Verdict.UNVERIFIED


def test_a_trigger_belongs_to_the_nearer_date(reference):
    text = (
        "Artsakh was dissolved on 1 January 2024 after the September 2023 offensive "
        "began on 19 September 2023."
    )
    found = verdicts(text, reference, dt.date(2024, 6, 1))
    assert found["1 January 2024"].verdict is Verdict.SUPPORTED
    assert found["1 January 2024"].subject == "nkr"


def test_general_assembly_resolutions_do_not_join_security_council_lists(reference):
    found = verdicts("It recalled resolutions 822, 853, 874 and 884, and A/RES/62/243.", reference)
    assert {f.verdict for f in found.values()} == {Verdict.SUPPORTED}


def test_a_year_inside_a_name_does_not_take_the_trigger_from_the_date(reference):
    found = verdicts(
        "Azerbaijan and Russia signed the 1992 friendship treaty on 12 October 1992.", reference
    )
    assert found["12 October 1992"].verdict is Verdict.SUPPORTED
    wrong = verdicts(
        "Azerbaijan and Russia signed the 1992 friendship treaty on 12 October 1993.", reference
    )
    assert wrong["12 October 1993"].verdict is Verdict.CONTRADICTED


def test_occupation_dates_of_the_districts_and_their_disputes(reference):
    found = verdicts(
        "Kalbajar was occupied on 3 April 1993. Zangilan fell on 29 October 1993.", reference
    )
    assert found["3 April 1993"].verdict is Verdict.CONTRADICTED
    assert found["3 April 1993"].expected == "2 April 1993"
    assert found["29 October 1993"].verdict is Verdict.DISPUTED


def test_a_co_chair_named_with_a_national_title(reference):
    found = verdicts(
        "Andrew Schofer, the U.S. co-chair of the Minsk Group, arrived.",
        reference,
        as_of=dt.date(2019, 9, 26),
    )
    (office,) = [f for f in found.values() if f.claim.kind.value == "office"]
    assert office.verdict is Verdict.SUPPORTED, office.message


def test_two_countries_and_the_rest_of_a_name_stand_for_the_compound(reference):
    found = verdicts(
        "Azerbaijan and Russia established diplomatic relations on 4 April 1993.", reference
    )
    assert found["4 April 1993"].verdict is Verdict.CONTRADICTED
    assert found["4 April 1993"].subject == "az-ru-relations"


def test_two_compound_names_that_fit_equally_link_to_neither(reference):
    # Both friendship treaties (1992 and 1997) are "between Azerbaijan and Russia".
    found = verdicts("Azerbaijan and Russia signed a friendship treaty on 3 July 1997.", reference)
    assert found["3 July 1997"].verdict is Verdict.UNVERIFIED


CORPUS = Path(__file__).parent / "corpus"


def test_a_rule_that_reads_no_links_judges_a_claim_alone_as_in_its_draft(reference, tmp_path):
    """What an archive sweep relies on to judge a stored claim without rebuilding
    the rest of its draft: where the kind's rule does not `reads_links`, the claim
    and the draft's dates give the finding the whole draft gives."""
    compared = sum(
        _judged_alone_as_in_draft(load_document(path), reference)
        for path in sorted(CORPUS.rglob("*.md"))
        if path.name != "README.md"
    )
    assert compared > 1000
    # a figure valid in one period and another since: the sentence's year picks the row
    shutil.copytree(reference.path, tmp_path / "reference")
    edit_facts(tmp_path / "reference", {}, [_SHARE_SINCE_SEPTEMBER_2023])
    bounded = factcheck.load_reference(tmp_path / "reference")
    for text in (
        "BAKU, March 3, 2024 — In 2005 Armenian forces held 20 percent of Azerbaijan's land.",
        "BAKU, March 3, 2024 — Armenian forces held 20 percent of Azerbaijan in 2005 and 2006.",
    ):
        assert _judged_alone_as_in_draft(document_from_text(text), bounded) >= 2


_SHARE_SINCE_SEPTEMBER_2023 = {
    "id": "F999",
    "subject": "azerbaijan",
    "property": "share_under_armenian_control",
    "value": "0",
    "unit": "percent",
    "valid_from": "2023-09-20",
    "status": "established",
    "source_url": "https://oc-media.org/nagorno-karabakh-republic-to-dissolve-by-january-2024/",
    "source_title": "Nagorno-Karabakh Republic to dissolve by January 2024 (OC Media)",
    "note": "For this test: the Karabakh authorities surrendered on 20 September 2023.",
}


def _judged_alone_as_in_draft(document: Document, reference: ReferenceTable) -> int:
    links = link_claims(document, extract_claims(document, None, reference.lexicon), reference)
    dates = draft_dates(links.claims)
    whole = judge_claims(document, links, reference)
    compared = 0
    for item, finding in zip(links.claims, whole, strict=True):
        if RULES[item.claim.kind].reads_links:
            continue
        alone = judge_claims(document, Links((item,), ()), reference, dates=dates)
        assert alone == [finding], f"{document.path}: {item.claim.span.text}"
        compared += 1
    return compared


def _finding(verdict: Verdict, *, strength: Strength = Strength.EXACT) -> Finding:
    claim = Claim(
        kind=ClaimKind.DATE,
        span=Span(start=0, end=11, text="3 July 1997"),
        value="1997-07-03",
        extractor="test",
    )
    return Finding(
        claim=claim,
        verdict=verdict,
        message="",
        subject="ru-az-treaty-1997",
        property="signed_on",
        evidence=Evidence(strength=strength),
    )


@pytest.mark.parametrize(
    ("before", "after", "alone"),
    [
        (_finding(Verdict.SUPPORTED), _finding(Verdict.CONTRADICTED), True),
        (_finding(Verdict.CONTRADICTED), _finding(Verdict.OUTDATED), True),
        # the same-fact check reads unverified and disputed findings
        (_finding(Verdict.SUPPORTED), _finding(Verdict.UNVERIFIED), False),
        (_finding(Verdict.DISPUTED), _finding(Verdict.CONTRADICTED), False),
        # a link no longer certain leaves the same-fact comparison
        (
            _finding(Verdict.SUPPORTED),
            _finding(Verdict.CONTRADICTED, strength=Strength.INFERRED),
            False,
        ),
    ],
)
def test_a_changed_finding_is_decided_alone_only_outside_the_same_fact_check(before, after, alone):
    assert decided_alone(before, after) is alone


def test_every_unit_of_time_the_extractor_reads_is_one_a_duration_converts(reference):
    text = "It took 3 years, 2 decades, 4 months, 5 weeks, 6 days, 7 nights, 8 hours, "
    text += "9 minutes and 10 seconds."
    units = {
        c.unit
        for c in extract_claims(document_from_text(text), None, reference.lexicon)
        if c.kind is ClaimKind.DURATION
    }
    assert len(units) == 9
    assert units <= durations.YEARS_PER_UNIT.keys()
