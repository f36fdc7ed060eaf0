"""JSON: the document of DESIGN.md's output contract; several drafts -> a combined one."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..models import Report

COMBINED_SCHEMA = "factcheck/findings-set/v1"


def render(reports: Sequence[Report]) -> str:
    """One draft: its document. Several: one combined document holding each."""
    documents = [r.to_dict() for r in reports]
    if len(documents) == 1:
        payload = documents[0]
    else:
        totals = {key: sum(d["summary"][key] for d in documents) for key in documents[0]["summary"]}
        payload = {"schema": COMBINED_SCHEMA, "summary": totals, "documents": documents}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
