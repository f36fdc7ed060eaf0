"""The bundled drafts end to end: the clean one passes, every planted error is caught."""

from __future__ import annotations

import pytest

import factcheck
from factcheck import Verdict

from .conftest import EXAMPLES

CLEAN = EXAMPLES / "mfa-protest.md"
PLANTED = EXAMPLES / "mfa-protest-errors.md"

# (text of the claim as written, verdict it must get) for each planted error.
PLANTED_ERRORS = [
    ("Russian Ambassador Vladimir Dorokhin", Verdict.OUTDATED),  # had left the post in 2017
    ("Thursday, Nov. 7, 2019", Verdict.INCONSISTENT),  # body date after the dateline
    ("Foreign Minister Khalaf Khalafov", Verdict.CONTRADICTED),  # wrong post
    ("Monday, Nov. 5, 2019", Verdict.INCONSISTENT),  # weekday does not match the date
    ("3 July 1996", Verdict.CONTRADICTED),  # wrong treaty date
    ("882", Verdict.CONTRADICTED),  # wrong resolution number in a list
    ("April 30, 1994", Verdict.CONTRADICTED),  # wrong adoption year
    ("1991", Verdict.CONTRADICTED),  # wrong start year
    ("12 May 1995", Verdict.CONTRADICTED),  # wrong ceasefire date
    ("nine surrounding districts", Verdict.CONTRADICTED),  # wrong count
    ("40\npercent", Verdict.CONTRADICTED),  # wrong percentage
    ("five UN Security Council resolutions", Verdict.INCONSISTENT),  # count vs its list
    ("Ambassador Dorokhin", Verdict.OUTDATED),  # second mention, same stale title
]


@pytest.fixture(scope="module")
def clean(reference):
    return factcheck.check(CLEAN, reference=reference)


@pytest.fixture(scope="module")
def planted(reference):
    return factcheck.check(PLANTED, reference=reference)


def test_clean_draft_has_nothing_blocking(clean):
    assert clean.blocking() == ()
    assert clean.summary()["supported"] >= 15


def test_clean_draft_reports_the_territory_share_as_disputed(clean):
    (finding,) = [f for f in clean.findings if f.claim.kind.value == "percent"]
    assert finding.verdict is Verdict.DISPUTED
    assert "20 percent" in finding.expected and "13.3 percent" in finding.expected
    assert len(finding.sources) >= 4


@pytest.mark.parametrize(("text", "verdict"), PLANTED_ERRORS, ids=[t for t, _ in PLANTED_ERRORS])
def test_every_planted_error_is_found(planted, text, verdict):
    found = [f for f in planted.findings if f.claim.span.text == text]
    assert found, f"no claim {text!r} was found"
    assert found[0].verdict is verdict, found[0].message


def test_planted_draft_has_no_other_blocking_finding(planted):
    planted_texts = {t for t, _ in PLANTED_ERRORS}
    extra = [
        f.claim.span.text for f in planted.blocking() if f.claim.span.text not in planted_texts
    ]
    assert extra == []


def test_contradictions_cite_a_source_and_say_what_is_expected(planted):
    for finding in planted.findings:
        if finding.verdict in (Verdict.CONTRADICTED, Verdict.OUTDATED):
            assert finding.expected, finding.message
            assert finding.sources, finding.message
            assert all(s.url.startswith(("http://", "https://")) for s in finding.sources)


def portable(report) -> dict:
    """The JSON document with paths relative to the repository, as CI sees them."""
    data = report.to_dict()
    data["document"]["path"] = f"examples/{data['document']['path'].rsplit('/', 1)[-1]}"
    data["reference"]["path"] = "reference"
    return data


def test_golden_findings_clean(clean, data_regression):
    data_regression.check(portable(clean))


def test_golden_findings_planted(planted, data_regression):
    data_regression.check(portable(planted))


def test_offsets_point_at_the_claim_in_the_file_as_written(planted):
    text = PLANTED.read_text(encoding="utf-8")
    lines = text.split("\n")
    for finding in planted.findings:
        span = finding.claim.span
        assert text[span.start : span.end] == span.text
        line = lines[finding.line - 1]
        assert line[finding.column - 1 :].startswith(span.text.split("\n")[0])
