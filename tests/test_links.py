"""Certain links only: a verdict that blocks rests on a link nothing else could
explain, and every finding says how it was linked. The forms are those real copy
uses (the examples are ours)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import factcheck
from factcheck import Verdict
from factcheck.models import Claim, ClaimKind, Span, Strength

AS_OF = dt.date(2024, 3, 1)


def findings(text, reference, as_of=AS_OF):
    report = factcheck.check(text, reference=reference, as_of=as_of)
    return {f.claim.span.text: f for f in report.findings}


def test_a_date_beside_a_document_the_reference_does_not_hold_is_that_documents(reference):
    found = findings(
        "The two sides invoked the Charter of Paris, signed on 21 November 1990, and the "
        "Treaty on Friendship, Cooperation and Mutual Security between Azerbaijan and Russia.",
        reference,
    )
    charter = found["21 November 1990"]
    assert charter.verdict is Verdict.UNVERIFIED
    assert charter.evidence.strength is Strength.NONE
    assert charter.evidence.subject_text == "Charter of Paris"
    assert "which the reference does not hold" in charter.message


def test_in_a_list_of_documents_each_date_stays_with_its_own(reference):
    found = findings(
        "The note cites the Treaty on Friendship, Cooperation and Mutual Security between "
        "Azerbaijan and Russia, the 2001 declaration, and a memorandum signed on 14 June 2019.",
        reference,
    )
    assert found["2001"].verdict is Verdict.UNVERIFIED
    assert found["2001"].evidence.subject_text == "the 2001 declaration"
    assert found["14 June 2019"].verdict is Verdict.UNVERIFIED
    assert found["14 June 2019"].evidence.subject_text == "a memorandum"


def test_a_property_word_does_not_reach_across_a_clause(reference):
    found = findings(
        "The Bishkek Protocol of 5 May 1994 recalls that talks have stalled since 19 May 2014.",
        reference,
    )
    assert found["5 May 1994"].verdict is Verdict.SUPPORTED
    assert found["19 May 2014"].verdict is Verdict.UNVERIFIED


def test_a_name_that_only_qualifies_the_triggers_object_is_no_certain_subject(reference):
    text = (
        "On 20 September 2023 a truce ending the Azerbaijani offensive against the "
        "self-declared Republic of Artsakh was agreed."
    )
    found = findings(text, reference)["20 September 2023"]
    assert found.verdict is Verdict.UNVERIFIED
    assert found.evidence.doubt == "phrase"
    assert "'ending' is said of 'the Azerbaijani offensive'" in found.evidence.note
    # the trigger's object is the name: certain
    found = findings(
        "On 2 January 2024 a vote ending the Republic of Artsakh took place.", reference
    )
    assert found["2 January 2024"].verdict is Verdict.CONTRADICTED
    # a preposition right after the trigger opens its complement: "territory of"
    found = findings(
        "Occupied: seven districts, some 20 percent of the territory of Azerbaijan.", reference
    )
    assert found["some 20 percent"].evidence.strength is Strength.EXACT


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("Foreign Minister Alexander Arzumanian has also resigned.", dt.date(1998, 2, 3)),
        ("Armenian Ambassador Vagharshak Harutiunyan met him.", dt.date(2023, 6, 27)),
        ("Former Foreign Minister Tofiq Zulfugarov commented.", dt.date(2017, 7, 26)),
    ],
)
def test_another_romanisation_of_a_name_is_the_name(reference, text, as_of):
    (found,) = findings(text, reference, as_of).values()
    assert found.verdict is Verdict.SUPPORTED, found.message
    assert found.evidence.how == "name"
    assert found.evidence.note.startswith("another romanisation of")


def test_a_misspelling_is_no_romanisation(reference):
    found = findings("Igor Popoff, the Russian co-chair, arrived.", reference, dt.date(2019, 3, 1))
    assert found["Igor Popoff, the Russian co-chair"].evidence.how == "spelling"


def test_a_name_before_a_noun_it_qualifies_is_no_certain_subject(reference):
    text = (
        "Warlick, the US co-chair of the Minsk Group on the Nagorno-Karabakh conflict "
        "settlement since September 2013, will step down."
    )
    found = findings(text, reference, dt.date(2016, 11, 30))["September 2013"]
    assert found.verdict is Verdict.UNVERIFIED
    assert "'Nagorno-Karabakh conflict' only qualifies 'settlement'" in found.evidence.note


def test_a_document_named_before_another_noun_is_that_noun_s(reference):
    text = "They kept the 1994 ceasefire agreement and the 1995 ceasefire consolidation accords."
    found = findings(text, reference)
    assert found["1994"].verdict is Verdict.SUPPORTED
    assert found["1995"].verdict is Verdict.UNVERIFIED
    assert found["1995"].evidence.doubt == "phrase"


def test_where_opens_a_clause_of_its_own(reference):
    text = "A referendum was held in Karabakh where 99.89% voted for independence from Azerbaijan."
    assert findings(text, reference)["99.89%"].verdict is Verdict.UNVERIFIED


def test_a_period_beside_a_name_may_be_a_time_in_it(reference):
    text = "Warlick represented the United States in the Minsk Group from 2013 to 2016."
    found = findings(text, reference, dt.date(2017, 2, 20))["from 2013 to 2016"]
    assert found.verdict is Verdict.UNVERIFIED
    assert found.evidence.doubt == "period"
    # a single date beside a name is the thing's own: "the treaty of 3 July 1996"
    dated = findings("Resolution 822 of 30 April 1994 demanded a withdrawal.", reference)
    assert dated["30 April 1994"].verdict is Verdict.CONTRADICTED


def test_a_war_named_after_during_is_a_time_not_the_subject(reference):
    text = "A restriction on aid, in place since 1992 during the First Karabakh War, was lifted."
    assert findings(text, reference)["1992"].verdict is Verdict.UNVERIFIED
    began = findings("The First Karabakh War began in 1992.", reference)
    assert began["1992"].verdict is Verdict.CONTRADICTED


def test_a_document_named_by_its_day_is_a_thing_of_its_own(reference):
    text = "Shahramanyan annulled his September 28 order ending the Artsakh Republic in 2023."
    found = findings(text, reference, dt.date(2023, 12, 22))["September 28"]
    assert found.verdict is Verdict.UNVERIFIED
    assert found.evidence.subject_text == "September 28 order"


def test_a_count_of_more_items_is_no_total(reference):
    found = findings(
        "Armenia must return control over two more districts around Karabakh.", reference
    )
    assert found["over two more districts"].verdict is Verdict.UNVERIFIED
    part = "Full occupation of 5 districts around Karabakh and partial of 2 more followed."
    assert findings(part, reference)["5 districts"].verdict is Verdict.UNVERIFIED
    total = findings("Armenian forces held more than nine districts around Karabakh.", reference)
    assert total["more than nine districts"].verdict is Verdict.CONTRADICTED


def test_a_season_before_a_year_binds_nothing(reference):
    found = findings("The road to Lachin's return began in the fall of 2020.", reference)
    assert found["2020"].verdict is Verdict.UNVERIFIED
    fell = findings(
        "Lachin fell to Armenian forces in May 1992; the fall of Lachin came in 1993.", reference
    )
    assert fell["1993"].verdict is Verdict.CONTRADICTED  # "the fall of Lachin" is its occupation


def test_a_name_that_only_says_whose_noun_it_is_is_no_certain_subject(reference):
    text = "Peacekeepers have served in the zone of the Armenian-Azerbaijani conflict since 2020."
    found = findings(text, reference)["2020"]
    assert found.verdict is Verdict.UNVERIFIED
    assert found.evidence.doubt == "phrase"
    assert "'Armenian-Azerbaijani conflict' only says whose 'zone' is" in found.evidence.note
    # the noun is the property's own word: "the occupation of Aghdam"
    found = findings("The occupation of Aghdam began on 23 July 1994.", reference)
    assert found["23 July 1994"].verdict is Verdict.CONTRADICTED


def test_a_relative_clause_set_off_by_commas_ends_at_the_next_comma(reference):
    text = (
        "They noted the decision to close the Minsk Process, whose conference was called "
        "in Helsinki on 24 March 1992, and the work to complete the closure by 30 November."
    )
    found = findings(text, reference, dt.date(2025, 9, 19))
    assert found["24 March 1992"].verdict is Verdict.UNVERIFIED  # no word of its clause binds it
    assert found["30 November"].verdict is Verdict.SUPPORTED
    assert found["30 November"].evidence.property_word == "closure"


def test_a_list_of_dates_after_a_list_of_as_many_names_pairs_them_in_order(reference):
    text = (
        "A map marks the Aghdam, Kalbajar and Lachin districts, returned to Azerbaijan "
        "on 20 November, 25 November and 1 December 2020."
    )
    found = findings(text, reference)
    assert [found[d].subject for d in ("20 November", "25 November", "1 December 2020")] == [
        "aghdam-district",
        "kalbajar-district",
        "lachin-district",
    ]
    assert {found[d].verdict for d in ("20 November", "25 November", "1 December 2020")} == {
        Verdict.SUPPORTED
    }
    swapped = findings(
        text.replace("20 November, 25 November", "25 November, 20 November"), reference
    )
    assert swapped["25 November"].verdict is Verdict.CONTRADICTED
    assert swapped["25 November"].suggestion == "20 November 2020"
    # as many dates as names or no pairing: a date is not checked against another's name
    fewer = findings(
        "Kalbajar and Lachin were returned on 20 November, 25 November and 1 December 2020.",
        reference,
    )
    assert fewer["20 November"].verdict is Verdict.UNVERIFIED


def test_a_description_may_mean_another_thing_of_its_kind(reference):
    found = findings("The ceasefire that took effect on 10 November 2020 still holds.", reference)[
        "10 November 2020"
    ]
    assert found.verdict is Verdict.UNVERIFIED
    # the reference's other ceasefire statement took effect that day: a hint
    assert "Trilateral statement of 10 November 2020" in found.message


def test_a_description_pinned_down_by_its_date_is_certain(reference):
    found = findings("The 1994 ceasefire took effect on 12 May 1995.", reference)["12 May 1995"]
    assert found.verdict is Verdict.CONTRADICTED
    assert found.evidence.strength is Strength.EXACT
    assert found.suggestion == "12 May 1994"


def test_a_description_with_a_one_part_slip_is_certain(reference):
    text = "The war ended with the trilateral statement of 10 November 2021."
    found = findings(text, reference)["10 November 2021"]
    assert found.verdict is Verdict.CONTRADICTED
    assert "one part" in found.evidence.note


def test_a_proper_name_is_not_taken_for_another_thing_with_that_value(reference):
    # Aghdam was handed back on 20 November 2020; "Kalbajar" names no other district
    for text in (
        "Kalbajar was handed back to Azerbaijan on 20 November 2020.",
        "The Kalbajar district was handed back to Azerbaijan on 20 November 2020.",
    ):
        found = findings(text, reference)["20 November 2020"]
        assert found.verdict is Verdict.CONTRADICTED, text
        assert found.suggestion == "25 November 2020"


def test_a_date_that_is_another_entitys_is_only_a_hint(reference):
    text = (
        "The first friendship treaty between Azerbaijan and Russia, signed on 12 October "
        "1992, was replaced in 1997."
    )
    assert findings(text, reference)["12 October 1992"].verdict is not Verdict.CONTRADICTED


def test_a_trigger_right_after_another_is_part_of_its_phrase(reference):
    text = (
        "Peacekeepers serve under the trilateral statement that ended the 44-day war, "
        "signed by the leaders of Armenia, Azerbaijan and Russia and in force since "
        "Nov. 10, 2020."
    )
    found = findings(text, reference)["Nov. 10, 2020"]
    assert (found.subject, found.property) == ("trilateral-statement-2020", "took_effect_on")


def test_a_name_after_the_value_and_a_verb_is_not_its_subject(reference):
    text = (
        "The first friendship treaty, signed on 12 October 1992, was replaced by the Treaty "
        "on Friendship, Cooperation and Mutual Security."
    )
    assert findings(text, reference)["12 October 1992"].verdict is Verdict.UNVERIFIED
    # a verb in a clause set off by commas takes no object from after the comma
    text = "Signed on 8 May 1994, as the war was ending, the Bishkek Protocol held."
    assert findings(text, reference)["8 May 1994"].evidence.subject_text == "Bishkek Protocol"


def test_the_evidence_is_in_the_json(reference):
    report = factcheck.check("The Bishkek Protocol was signed on 5 May 1994.", reference=reference)
    evidence = json.loads(json.dumps(report.to_dict()))["findings"][0]["evidence"]
    assert evidence == {
        "strength": "exact",
        "how": "alias",
        "subject_text": "Bishkek Protocol",
        "subject_line": 1,
        "property_word": "signed",
        "doubt": "",
        "note": "",
    }


# -- titles ---------------------------------------------------------------------


def test_a_misspelt_name_with_the_title_its_holder_held_is_caught(reference):
    found = findings(
        "Igor Popoff, the Russian co-chair, arrived in Baku.", reference, dt.date(2019, 3, 1)
    )["Igor Popoff, the Russian co-chair"]
    assert found.verdict is Verdict.CONTRADICTED
    assert found.suggestion == "Igor Popov"
    assert found.evidence.how == "spelling"


def test_a_near_spelling_without_the_title_is_not_a_finding(reference):
    text = "Igor Popoff, a Moscow banker, arrived in Baku."
    assert all(f.verdict is not Verdict.CONTRADICTED for f in findings(text, reference).values())


def test_a_title_dated_by_the_period_beside_it(reference):
    found = findings("Igor Popov, Russia's co-chair from 2010 to 2021, retired.", reference)
    assert found["Igor Popov, Russia's co-chair"].verdict is Verdict.SUPPORTED
    assert found["from 2010 to 2021"].verdict is Verdict.SUPPORTED
    wrong = findings("Igor Popov, Russia's co-chair from 2004 to 2009, retired.", reference)
    assert wrong["from 2004 to 2009"].verdict is Verdict.CONTRADICTED
    assert wrong["Igor Popov, Russia's co-chair"].verdict is Verdict.SUPPORTED


def test_ambassador_as_a_rank_of_a_mediator_is_no_error(reference):
    text = "Ambassador Igor Popov, the Russian co-chair, arrived in Baku."
    found = findings(text, reference, dt.date(2019, 3, 1))["Ambassador Igor Popov"]
    assert found.verdict is Verdict.UNVERIFIED
    assert "rank" in found.message
    # with a nationality ("of Russia") but no country he is sent to: still a rank
    text = "The co-chairs, Ambassadors Igor Popov of Russia and Stephane Visconti of France, met."
    found = findings(text, reference, dt.date(2017, 5, 18))["Ambassadors Igor Popov"]
    assert found.verdict is Verdict.UNVERIFIED
    assert "rank" in found.message
    sent = findings("Ambassador of Russia to Armenia Igor Popov met them.", reference)
    assert sent["Ambassador of Russia to Armenia Igor Popov"].verdict is Verdict.CONTRADICTED


# -- durations ------------------------------------------------------------------


def test_a_state_said_to_last_that_ended_is_outdated(reference):
    text = "Armenian forces have held Aghdam for almost 30 years."
    found = findings(text, reference)["almost 30 years"]
    assert found.verdict is Verdict.OUTDATED
    assert "27 years" in found.message and "returned on" in found.message
    assert "'have held' is no longer true" in found.message
    assert found.suggestion == "27 years"


def test_a_duration_finding_speaks_of_durations(reference):
    text = "Armenian forces held Aghdam for 20 years."
    found = findings(text, reference)["20 years"]
    assert found.verdict is Verdict.CONTRADICTED
    assert found.expected == "27 years"
    assert "from 23 July 1993 (occupied from) to 20 November 2020 (returned on)" in found.message


# -- who took part --------------------------------------------------------------


def judged_set(text, names, reference):
    """The verdict on a who-list, given as the sets family would give it (the
    extraction of lists is tested with the family): from its first name to its last."""
    document = factcheck.document_from_text(text, as_of=AS_OF)
    first, *_, last = [*names.split("|"), names.split("|")[-1]]
    start = text.index(first)
    written = text[start : text.index(last, start) + len(last)]
    claim = Claim(
        kind=ClaimKind.SET,
        span=Span(start=start, end=start + len(written), text=written),
        value=names,
        extractor="test",
    )
    claims = sorted(
        [*factcheck.extract_claims(document, lexicon=reference.lexicon), claim],
        key=lambda c: c.span.start,
    )
    links = factcheck.link_claims(document, claims, reference)
    found = factcheck.verify_claims(document, links, reference)
    return next(f for f in found if f.claim is claim)


@pytest.mark.parametrize(
    ("text", "names", "verdict"),
    [
        ("The 1994 ceasefire was mediated by Russia.", "Russia", Verdict.SUPPORTED),
        ("The 1994 ceasefire was mediated by France.", "France", Verdict.CONTRADICTED),
        ("The 1994 ceasefire was mediated by Kazakhstan.", "Kazakhstan", Verdict.CONTRADICTED),
        ("The 1994 ceasefire was mediated by Ruritania.", "Ruritania", Verdict.UNVERIFIED),
        (
            "The Minsk Group was co-chaired by Russia, France and the United States.",
            "Russia|France|United States",
            Verdict.SUPPORTED,
        ),
        (
            "The Minsk Group was co-chaired by France, Russia and Germany.",
            "France|Russia|Germany",
            Verdict.CONTRADICTED,  # Germany is a country the reference holds: not a co-chair
        ),
        (
            "The Minsk Group was co-chaired by France, Russia and Ruritania.",
            "France|Russia|Ruritania",
            Verdict.UNVERIFIED,  # a name the reference does not hold: the list cannot be judged
        ),
        (
            "The OSCE Minsk Group was co-chaired by Russia since 1997.",
            "Russia",
            Verdict.SUPPORTED,  # one name is a member, not the whole list
        ),
        (
            "The Minsk Group was co-chaired by Russia and France.",
            "Russia|France",
            Verdict.CONTRADICTED,  # incomplete: the United States too
        ),
        (
            "The Minsk Group was co-chaired by, among others, Russia and France.",
            "Russia|France",
            Verdict.SUPPORTED,
        ),
    ],
)
def test_who_took_part(reference, text, names, verdict):
    finding = judged_set(text, names, reference)
    assert finding.verdict is verdict, finding.message


# -- the article's date ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "verdict"),
    [
        ("2011-11", Verdict.SUPPORTED),  # Lavrov was foreign minister throughout
        ("2004", Verdict.SUPPORTED),  # he took office in March 2004: some of the year
        ("2005", Verdict.OUTDATED),  # Ivanov had left the post in March 2004
    ],
)
def test_a_month_or_a_year_as_the_article_date(reference, written, verdict):
    text = f"---\ndate: {written}\n---\n\nRussian Foreign Minister Igor Ivanov spoke.\n"
    if verdict is Verdict.SUPPORTED:
        text = text.replace("Igor Ivanov", "Sergey Lavrov")
    report = factcheck.check(text, reference=reference)
    assert report.document.as_of_written == written
    assert report.findings[0].verdict is verdict, report.findings[0].message


def test_the_as_of_option_takes_a_month(reference):
    from click.testing import CliRunner

    from factcheck.cli import main

    result = CliRunner().invoke(
        main, ["check", "-", "--as-of", "2011-13", "--format", "json"], input="Lavrov spoke."
    )
    assert result.exit_code == 2
    assert "YYYY-MM" in result.stderr
    ok = CliRunner().invoke(
        main, ["check", "-", "--as-of", "2011-11", "--format", "json"], input="Lavrov spoke."
    )
    assert json.loads(ok.stdout)["document"]["as_of"] == "2011-11"


def test_a_draft_without_a_date_says_so(reference):
    from factcheck.report import render

    report = factcheck.check("The war began in 1988.", reference=reference)
    assert "no article date: checked as of today" in render([report], "text")
