"""What the report says of the date a draft was checked at."""

from __future__ import annotations

import datetime as dt

from ..datetext import human_date
from ..models import Document


def as_of_line(document: Document) -> str:
    """ "as of 6 November 2019 (dateline)", "as of November 2011 (metadata)", or for a
    draft with no date "no article date: checked as of today, 30 November 2026 ..."."""
    if document.as_of is None:
        today = human_date(dt.date.today().isoformat())
        return f"no article date: checked as of today, {today} (pass --as-of to choose one)"
    return f"as of {human_date(document.as_of_written)} ({document.as_of_source})"
