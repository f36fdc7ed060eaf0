"""Suppressions written in the draft: with reasons, without, unused, regions."""

from __future__ import annotations

import factcheck
from factcheck import Verdict

WRONG = "The Treaty on Friendship, Cooperation and Mutual Security was signed on 3 July 1996."


def findings(text, reference):
    return factcheck.check(text, reference=reference).findings


def by_text(items):
    return {" ".join(f.claim.span.text.split()): f for f in items}


def test_comment_before_a_paragraph_suppresses_it_with_its_reason(reference):
    text = f'<!-- factcheck: ignore contradicted "quoted from the minister" -->\n{WRONG}\n'
    report = factcheck.check(text, reference=reference)
    finding = by_text(report.findings)["3 July 1996"]
    assert finding.verdict is Verdict.CONTRADICTED
    assert finding.suppressed == "quoted from the minister"
    assert report.blocking() == ()
    assert report.summary()["contradicted"] == 0
    assert report.filtered()["suppressed"] == 1


def test_comment_on_a_line_covers_only_that_line(reference):
    text = (
        f'{WRONG} <!-- factcheck: ignore contradicted "as the minister said" -->\n'
        "The conflict began in 1991.\n"
    )
    found = by_text(findings(text, reference))
    assert found["3 July 1996"].suppressed
    assert not found["1991"].suppressed


def test_paragraph_scope_ends_at_the_blank_line(reference):
    text = f'<!-- factcheck: ignore all "quoted" -->\n{WRONG}\n\nThe conflict began in 1991.\n'
    found = by_text(findings(text, reference))
    assert found["3 July 1996"].suppressed and not found["1991"].suppressed


def test_only_the_named_verdicts_are_suppressed(reference):
    text = f'<!-- factcheck: ignore outdated "old title on purpose" -->\n{WRONG}\n'
    found = by_text(findings(text, reference))
    assert not found["3 July 1996"].suppressed
    unused = [f for f in findings(text, reference) if f.claim.kind.value == "suppression"]
    assert unused and "matches no finding" in unused[0].message


def test_suppression_without_reason_is_a_blocking_finding(reference):
    text = f"<!-- factcheck: ignore contradicted -->\n{WRONG}\n"
    report = factcheck.check(text, reference=reference)
    (problem,) = [f for f in report.findings if f.claim.kind.value == "suppression"]
    assert problem.verdict is Verdict.INCONSISTENT
    assert "no reason" in problem.message
    assert (problem.line, problem.column) == (1, 1)
    assert report.blocking() == (problem,)


def test_off_and_on_region(reference):
    text = (
        '<!-- factcheck off "a quoted press release" -->\n'
        f"{WRONG}\n\nThe conflict began in 1991.\n"
        "<!-- factcheck on -->\n\nResolution 822 was adopted in 1994.\n"
    )
    found = by_text(findings(text, reference))
    assert found["3 July 1996"].suppressed == "a quoted press release"
    assert found["1991"].suppressed
    assert not found["1994"].suppressed


def test_unreadable_directive_is_reported(reference):
    text = f'<!-- factcheck: silence contradicted "x" -->\n{WRONG}\n'
    problems = [f for f in findings(text, reference) if f.claim.kind.value == "suppression"]
    assert problems and "Write <!-- factcheck: ignore" in problems[0].message


def test_suppressed_findings_stay_visible_in_json(reference):
    text = f'<!-- factcheck: ignore contradicted "quoted" -->\n{WRONG}\n'
    data = factcheck.check(text, reference=reference).to_dict()
    (finding,) = [f for f in data["findings"] if f["text"] == "3 July 1996"]
    assert finding["suppressed"] == "quoted"
    assert data["filtered"] == {"suppressed": 1, "baselined": 0}
