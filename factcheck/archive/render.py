"""What `archive sweep` and `archive find` print or write: text, json, csv, html."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from functools import cache
from typing import Any

import jinja2

from factcheck import __version__

from .query import FindResult
from .sweep import Change, Group, SweepResult

GENERATOR = "factcheck"
# What each written format starts with, so that -o never replaces a file factcheck did not write.
MARKERS = {
    "html": f'<meta name="generator" content="{GENERATOR}',
    "json": '"schema": "factcheck/',
    "csv": "article,path,url,date,line,",
    "text": "",
}

_CSV_COLUMNS = (
    "article",
    "path",
    "url",
    "date",
    "line",
    "column",
    "kind",
    "text",
    "value",
    "was",
    "now",
    "subject",
    "property",
    "expected",
    "suggestion",
    "message",
    "cause",
    "sentence",
)


def render_sweep(result: SweepResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(_sweep_document(result), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(
            _CSV_COLUMNS,
            (
                {**change.to_dict(), "cause": _cause_id(group)}
                for group in result.groups
                for change in group.changes
            ),
        )
    if fmt == "html":
        return _sweep_html(result)
    return _sweep_text(result)


def _sweep_document(result: SweepResult) -> dict[str, Any]:
    document = result.to_dict()
    document["changes"] = [
        {**change.to_dict(), "cause": _cause_id(group)}
        for group in result.groups
        for change in group.changes
    ]
    return document


def _cause_id(group: Group) -> str | None:
    return f"{group.cause.file}:{group.cause.key}" if group.cause else None


def _cause_text(group: Group) -> str:
    if group.cause is None:
        return (
            "no changed reference row explains these (an undated article judged at "
            "today's date, or a factcheck version that judges differently)"
        )
    return group.cause.describe()


def _sweep_text(result: SweepResult) -> str:
    lines = []
    for group in result.groups:
        articles = len({c.article for c in group.changes})
        lines.append(
            f"{_cause_text(group)}  ({_count(len(group.changes), 'claim')} in "
            f"{_count(articles, 'article')})"
        )
        for change in group.changes:
            text = " ".join(change.text.split())
            lines.append(f"  {_where(change)}: {change.was} → {change.now}: “{text}”")
            lines.append(f"      {change.message}")
            if change.suggestion:
                lines.append(f"      suggestion: {change.suggestion}")
        lines.append("")
    summary = result.summary()
    since = f" since {result.since}" if result.since else " since the index was built"
    lines.append(
        f"{result.index} — {_count(summary['changes'], 'change')} in "
        f"{_count(summary['articles'], 'article')}, {summary['now_failing']} now failing"
    )
    if summary["transitions"]:
        lines.append(
            "  " + " · ".join(f"{what} {count}" for what, count in summary["transitions"].items())
        )
    lines.append(
        f"  judged {result.claims_judged} claims in {result.articles_judged} of "
        f"{result.articles_indexed} indexed articles; "
        f"{_count(len(result.reference_changes), 'reference row')} changed{since}"
    )
    return "\n".join(lines) + "\n"


def _where(change: Change) -> str:
    where = f"{change.article}:{change.line}:{change.column}"
    if change.url:
        where += f" ({change.url})"
    elif change.path != change.article:
        where += f" ({change.path})"
    return where


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _csv(columns: Sequence[str], rows: Any) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
    return out.getvalue()


# -- find -------------------------------------------------------------------------------


def render_found(result: FindResult, fmt: str) -> str:
    if fmt == "json":
        document = {"schema": "factcheck/archive-find/v1", **result.to_dict()}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        columns = tuple(result.claims[0]) if result.claims else ("article", "path", "url", "date")
        return _csv(columns, result.claims)
    lines = []
    article = None
    for claim in result.claims:
        if claim["article"] != article:
            article = claim["article"]
            where = claim["url"] or (claim["path"] if claim["path"] != article else "")
            lines.append(" ".join(p for p in (article, where, claim["date"]) if p))
        lines.append(
            f"  line {claim['line']}: {claim['kind']} “{' '.join(claim['text'].split())}” — "
            f"{claim['property'] or 'no property'}, {claim['verdict']}"
        )
    lines.append(
        f"{_count(len(result.claims), 'claim')} about {', '.join(result.subjects)} in "
        f"{_count(result.articles, 'article')}"
    )
    return "\n".join(lines) + "\n"


# -- html -------------------------------------------------------------------------------


def _sweep_html(result: SweepResult) -> str:
    groups = [
        {
            "id": _cause_id(group) or "unexplained",
            "title": _cause_text(group),
            "cause": group.cause,
            "source": _web((group.cause.after or group.cause.before or {}).get("source_url", ""))
            if group.cause
            else "",
            "changes": [_html_change(c) for c in group.changes],
            "articles": len({c.article for c in group.changes}),
        }
        for group in result.groups
    ]
    return _template().render(
        result=result,
        summary=result.summary(),
        groups=groups,
        generator=GENERATOR,
        version=__version__,
    )


def _html_change(change: Change) -> dict[str, Any]:
    """The change with its sentence cut around the claim, for highlighting."""
    sentence = change.sentence
    text = " ".join(change.text.split())
    at = sentence.find(text)
    if at < 0:
        before, claim, after = sentence, "", ""
    else:
        before, claim, after = sentence[:at], text, sentence[at + len(text) :]
    return {
        "change": change,
        "href": _web(change.url),
        "before": before,
        "claim": claim,
        "after": after,
    }


def _web(url: str) -> str:
    """Only http(s) links: an archive's `url` field may hold anything, `javascript:` too."""
    return url if url.lower().startswith(("http://", "https://")) else ""


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck.archive", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("corrections.html.j2")
