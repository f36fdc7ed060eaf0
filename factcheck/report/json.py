"""JSON: the document of DESIGN.md's output contract; several drafts -> a list."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..models import Report


def render(reports: Sequence[Report]) -> str:
    documents = [r.to_dict() for r in reports]
    payload = documents[0] if len(documents) == 1 else documents
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
