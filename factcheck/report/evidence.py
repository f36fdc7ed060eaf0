"""The evidence for a finding's link in one line, as an editor reads it: "linked
to X: 'the 1997 treaty' on line 4; property from 'signed'"."""

from __future__ import annotations

from ..models import Finding, Strength


def evidence_line(finding: Finding) -> str:
    evidence = finding.evidence
    if not evidence.how and not evidence.subject_text:
        return ""
    if evidence.strength is Strength.NONE:
        return evidence.note or f"not linked: '{evidence.subject_text}'"
    if evidence.how == "list":
        return f"one of a list of resolutions on the {evidence.subject_text} ({evidence.note})"
    label = finding.subject_label or finding.subject
    where = f" on line {evidence.subject_line}" if evidence.subject_line else ""
    if evidence.how in ("name", "spelling"):
        line = f"linked to {label} by the name '{evidence.subject_text}'{where}"
        line += f"; title '{evidence.property_word}'" if evidence.property_word else ""
    else:
        named = "" if evidence.subject_text == label else f" '{evidence.subject_text}'"
        line = f"linked to {label}: {_HOW.get(evidence.how, 'named as')}{named}{where}"
        line += f"; property from '{evidence.property_word}'" if evidence.property_word else ""
    if evidence.strength is Strength.INFERRED:
        return f"a guess — {line} ({evidence.note})"
    return f"{line} ({evidence.note})" if evidence.note else line


_HOW = {
    "alias": "named",
    "compound": "named by its parts in",
    "symbol": "cited as",
    "attached": "the value is written with",
    "inside": "the value is part of",
    "back-reference": "referred back to as",
    "document": "named elsewhere in the draft",
    "term": "the term of",
}
