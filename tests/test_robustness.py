"""Word soup and noise: the pipeline never fails on odd text, and every span it
reports is the text at its offsets (a seeded run, the same every time)."""

from __future__ import annotations

import datetime as dt
import random
import string

import pytest

import factcheck
from factcheck.report import FORMATS, render

WORDS = (
    "the in of 1993 May 12 Nov. 6 resolutions 822 and 884 percent about almost a third seven "
    "districts Ambassador Minister Khalaf Khalafov from to 1992 1994 anniversary 30th the "
    "1990s million more than , . ( ) - – <!-- factcheck: ignore --> http://x.org/1 "
    "[a](http://b.org) 2,000 1.2 S/RES/9 A/RES/1/2 Treaty on Friendship, began signed"
).split()
NOISE = string.ascii_letters + string.digits + " .,;:-–—()[]<>\"'“”‘’\n\t%$€/#@!?" + "ÄéßЖ中😀"


def samples(count: int) -> list[str]:
    chance = random.Random(2026)
    soups = [
        " ".join(chance.choice(WORDS) for _ in range(chance.randint(1, 80))) for _ in range(count)
    ]
    noise = [
        "".join(chance.choice(NOISE) for _ in range(chance.randint(1, 300)))
        for _ in range(count // 2)
    ]
    return [text for text in soups + noise if text.strip()]


@pytest.mark.parametrize("batch", range(4))
def test_odd_text_never_breaks_the_pipeline(reference, batch):
    for text in samples(400)[batch::4]:
        report = factcheck.check(text, reference=reference, as_of=dt.date(2019, 11, 6), pages={})
        for finding in report.findings:
            span = finding.claim.span
            assert text[span.start : span.end] == span.text
        for fmt in FORMATS:  # every format renders (line and github may be empty)
            assert isinstance(render([report], fmt), str)
