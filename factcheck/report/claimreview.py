"""schema.org ClaimReview JSON-LD for every claim the reference could check,
for newsrooms that publish their checks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..models import ClaimKind, Finding, Report, Verdict

# 1 (false) to 5 (true), as ClaimReview ratings usually run.
RATINGS = {
    Verdict.SUPPORTED: 5,
    Verdict.DISPUTED: 3,
    Verdict.OUTDATED: 2,
    Verdict.INCONSISTENT: 2,
    Verdict.CONTRADICTED: 1,
}


_SOURCES_AND_NOTES = frozenset({ClaimKind.SUPPRESSION, ClaimKind.CITATION, ClaimKind.ATTRIBUTION})


def render(reports: Sequence[Report]) -> str:
    reviews = [
        review(report, finding)
        for report in reports
        for finding in report.findings
        if finding.verdict in RATINGS and finding.claim.kind not in _SOURCES_AND_NOTES
    ]
    graph = {"@context": "https://schema.org", "@graph": reviews}
    return json.dumps(graph, indent=2, ensure_ascii=False) + "\n"


def review(report: Report, finding: Finding) -> dict[str, Any]:
    document = report.document
    claim = " ".join(finding.claim.span.text.split())
    start, end = document.sentence_at(finding.claim.span.start)
    sentence = " ".join(document.text[start:end].split())
    item: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": sentence or claim,
        "itemReviewed": {
            "@type": "Claim",
            "text": claim,
            "appearance": {
                "@type": "CreativeWork",
                "name": document.title or document.path,
                "url": document.path,
            },
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[finding.verdict],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": finding.verdict.value,
        },
        "reviewBody": " ".join(finding.message.split()),
        "isBasedOn": [source.url for source in finding.sources],
        "sdPublisher": {"@type": "SoftwareApplication", "name": "factcheck"},
    }
    if document.as_of:
        item["datePublished"] = document.as_of.isoformat()
    return item
