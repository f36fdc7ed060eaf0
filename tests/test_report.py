"""Rendered outputs: the HTML page (golden, escaped, self-contained) and the JSON contract."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

import factcheck
from factcheck.report import parse_formats, render
from factcheck.report.html import render_page, segments

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def planted(reference):
    report = factcheck.check(EXAMPLES / "mfa-protest-errors.md", reference=reference)
    # Paths as CI's clone sees them, so the golden file does not depend on the checkout.
    document = replace(report.document, path="examples/mfa-protest-errors.md")
    return replace(report, document=document, reference_path="reference")


def test_html_golden(planted, file_regression):
    file_regression.check(render_page(planted), extension=".html", encoding="utf-8")


def test_html_highlights_every_claim_with_its_verdict(planted):
    page = render_page(planted)
    marks = re.findall(r'<mark id="claim-(\d+)" class="v-(\w+)"', page)
    assert len(marks) == len(planted.findings)
    for index, verdict in marks:
        assert planted.findings[int(index)].verdict.value == verdict
    for verdict, count in planted.summary().items():
        shown = f"{count} {verdict}</button>" in page
        # Citation verdicts appear only when citations were checked and found something.
        assert shown == (count > 0 or verdict not in ("unreachable", "not-in-source"))


def test_html_is_self_contained(planted):
    page = render_page(planted)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "@import" not in page and "url(" not in page


def test_html_escapes_the_article(reference):
    text = (
        'BAKU, Nov. 6 — <script>alert("x")</script> signed on 3 July 1997 '
        "<img src=x onerror=alert(1)> & more.\n"
    )
    page = render_page(factcheck.check(text, reference=reference))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_segments_rebuild_the_text_exactly(planted):
    text = planted.document.text
    parts = segments(text, planted.findings)
    assert "".join(p.text for p in parts) == text


def test_json_contract(planted):
    document = json.loads(render([planted], "json"))
    assert set(document) == {
        "schema",
        "document",
        "reference",
        "summary",
        "filtered",
        "coverage",
        "findings",
    }
    for finding in document["findings"]:
        assert {
            "kind",
            "text",
            "start",
            "end",
            "line",
            "column",
            "value",
            "verdict",
            "expected",
            "subject",
            "property",
            "sources",
            "message",
        } <= set(finding)


def test_formats_are_parsed_strictly():
    assert parse_formats("text, html") == ("text", "html")
