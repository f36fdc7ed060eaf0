"""The library surface: what __init__ exports, and check() on text as well as paths."""

from __future__ import annotations

from types import ModuleType

import factcheck
from factcheck import Verdict


def test_all_is_complete_and_sorted():
    public = {
        name
        for name in dir(factcheck)
        if not name.startswith("_") and not isinstance(getattr(factcheck, name), ModuleType)
    }
    assert public == set(factcheck.__all__) - {"__version__"}
    assert list(factcheck.__all__) == sorted(factcheck.__all__, key=lambda n: (n.islower(), n))


def test_check_accepts_text(reference):
    report = factcheck.check(
        "It was signed on 3 July 1996 under the Treaty on Friendship, "
        "Cooperation and Mutual Security.",
        reference=reference,
    )
    assert [f.verdict for f in report.findings] == [Verdict.CONTRADICTED]
    assert report.document.path == "<text>"


def test_stages_compose_to_check(reference):
    document = factcheck.document_from_text("Resolution 822 was adopted in 1993.")
    claims = factcheck.extract_claims(document)
    linked = factcheck.link_claims(document, claims, reference)
    findings = factcheck.verify_claims(document, linked, reference)
    assert findings == list(factcheck.check(document, reference=reference).findings)


def test_check_accepts_one_long_line_of_text(reference):
    text = "The conflict began in 1991, " + "and so on " * 60 + "the end."
    report = factcheck.check(text, reference=reference)
    assert [f.claim.span.text for f in report.findings] == ["1991"]
