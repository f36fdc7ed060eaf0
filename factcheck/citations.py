"""The draft's own citations: links and attributions.

Links (Markdown links, <autolinks>, HTML anchors, bare URLs) are fetched by
`fetch.py`; each one becomes a finding: `unreachable` (with the status, the
redirect chain or the error), `not-in-source` (a number, date, name or quote of
the citing sentence that the page's main text does not contain, with the page's
nearest passage), or `supported`. Attributions ("according to the UN", "Trend
reports", "said in a statement") that carry no link and name nothing the
reference knows are listed so that an editor can add a source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .fetch import Page
from .models import Claim, ClaimKind, Document, Finding, Span, Verdict
from .reference import ReferenceTable
from .spans import Taken
from .verify import RULES
from .words import normalise, split_sentences

NAME = "citations"

_MD_LINK = re.compile(
    r"\[(?P<label>[^\]\n]*)\]\((?P<url>https?://[^\s()<>]+(?:\([^\s()]*\))?)"
    r"(?:\s+\"[^\"]*\")?\)"
)
_AUTOLINK = re.compile(r"<(?P<url>https?://[^\s<>]+)>")
_ANCHOR = re.compile(
    r"<a\s[^>]*href=[\"'](?P<url>https?://[^\"']+)[\"'][^>]*>(?P<label>.*?)</a>", re.I | re.S
)
_BARE_URL = re.compile(r"(?<![(<\"'=])\bhttps?://[^\s<>()\"']+", re.I)
_NOT_CITED = re.compile(r"<!--.*?-->|```.*?```|`[^`\n]*`", re.S)
_QUOTE = re.compile(r"[\"“](?P<quote>[^\"“”\n]{12,300})[\"”]")

_NAME = r"(?:[A-Z][\w'’.&-]*)(?:\s+(?:of|for|and|on|the|de|al)?\s*[A-Z][\w'’.&-]*){0,6}"
_ATTRIBUTION_PATTERNS = (
    re.compile(rf"\baccording to (?:the )?(?P<who>{_NAME})"),
    re.compile(rf"\b(?:referring to|citing|quoting) (?:the )?(?P<who>{_NAME})"),
    re.compile(
        rf"(?<![\w.])(?P<who>{_NAME}) (?:reports?|reported|said|says|told|stated|"
        r"announced|claimed)\b"
    ),
    re.compile(r"\b(?P<who>(?:the |a |an )?[a-z]+(?: [a-z]+)?) said in a statement\b"),
)
_NOT_SOURCES = frozenset(
    "He She They It We I You This That These Those There The A An But And Officials Sources "
    "Experts Analysts Observers".split()
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    span: Span  # the link as written
    url: str


def find_links(document: Document) -> list[Link]:
    """Links in a Markdown or text draft, in text order, each counted once."""
    text = _without_comments(document.text[document.body_start :], document.body_start)
    found: list[Link] = []
    taken = Taken()
    for pattern in (_MD_LINK, _AUTOLINK, _ANCHOR, _BARE_URL):
        for match in pattern.finditer(text):
            start, end = match.span()
            if taken.overlaps(start, end):
                continue
            url = match["url"] if "url" in pattern.groupindex else match[0]
            if pattern is _BARE_URL:
                url = url.rstrip(".,;:!?")
                end = start + len(url)
            taken.add(start, end)
            found.append(
                Link(span=Span(start=start, end=end, text=document.text[start:end]), url=url)
            )
    return sorted(found, key=lambda link: link.span.start)


def citation_findings(
    document: Document,
    findings: Sequence[Finding],
    pages: Mapping[str, Page],
    reference: ReferenceTable,
) -> list[Finding]:
    """Findings for the draft's links (given the fetched pages) and for its
    attributions that have no source."""
    links = find_links(document)
    results = [_link_finding(document, link, findings, pages.get(link.url)) for link in links]
    linked_sentences = {document.sentence_at(link.span.start) for link in links}
    results.extend(_attribution_findings(document, reference, linked_sentences))
    return results


def _link_finding(
    document: Document, link: Link, findings: Sequence[Finding], page: Page | None
) -> Finding:
    claim = _claim(document, link.span, ClaimKind.CITATION, link.url)
    if page is None or page.error.startswith("not fetched"):
        return _finding(
            document,
            claim,
            Verdict.UNVERIFIED,
            "The link was not fetched (offline); its source is not checked.",
        )
    where = _where(page)
    if not page.reachable:
        if (
            page.status is not None
            and 200 <= page.status < 300
            and page.error.startswith("content type")
        ):
            return _finding(
                document,
                claim,
                Verdict.UNVERIFIED,
                f"The page is reachable but its {page.error}{where}.",
            )
        detail = page.error or f"HTTP {page.status}"
        return _finding(
            document,
            claim,
            Verdict.UNREACHABLE,
            f"Unreachable: {detail}{where}.",
            expected=page.final_url,
        )
    if not page.text.strip():
        return _finding(
            document,
            claim,
            Verdict.UNVERIFIED,
            f"The page is reachable (HTTP {page.status}) but has no readable text{where}.",
        )
    start, end = document.sentence_at(link.span.start)
    wanted = _checkable_values(document, findings, start, end)
    haystack = _normal(page.text)
    missing = [label for label, forms in wanted if not any(_contains(haystack, f) for f in forms)]
    truncated = " (the page was cut at the download cap)" if page.truncated else ""
    if missing:
        passage = nearest_passage(page.text, document.text[start:end])
        return _finding(
            document,
            claim,
            Verdict.NOT_IN_SOURCE,
            f"The cited page does not contain {', '.join(missing)}{truncated}{where}; nearest "
            f"passage: “{passage}”",
            expected=passage,
        )
    found = ", ".join(label for label, _ in wanted)
    message = (
        f"The cited page contains {found}{where}."
        if wanted
        else f"The page is reachable (HTTP {page.status}){where}."
    )
    return _finding(document, claim, Verdict.SUPPORTED, message)


def _where(page: Page) -> str:
    parts = []
    if page.chain:
        parts.append("redirected " + " → ".join([*page.chain, page.final_url or page.url]))
    if page.from_cache:
        parts.append("from the cache")
    return f" ({'; '.join(parts)})" if parts else ""


def _checkable_values(
    document: Document, findings: Sequence[Finding], start: int, end: int
) -> list[tuple[str, list[str]]]:
    """(label, ways the page may write it) for each claim and quote in the sentence."""
    values: list[tuple[str, list[str]]] = []
    for finding in findings:
        claim = finding.claim
        rule = RULES.get(claim.kind)  # none for citations, attributions, suppressions
        if not start <= claim.span.start < end or rule is None:
            continue
        forms = rule.renderings(claim)
        if forms:
            values.append((f"“{' '.join(claim.span.text.split())}”", forms))
    for match in _QUOTE.finditer(document.text, start, end):
        quote = match["quote"].strip()
        values.append((f"the quote “{quote}”", [quote]))
    return values


def nearest_passage(page_text: str, sentence: str, limit: int = 300) -> str:
    """The page's sentence that shares the most words with the citing one."""
    wanted = set(normalise(sentence))
    best, best_score = "", -1.0
    for start, end in split_sentences(page_text):
        passage = page_text[start:end]
        words = set(normalise(passage))
        if not words:
            continue
        score = len(wanted & words) / (len(words) ** 0.5)
        if score > best_score:
            best, best_score = passage, score
    best = " ".join(best.split())
    return best if len(best) <= limit else best[: limit - 1].rstrip() + "…"


def _attribution_findings(
    document: Document,
    reference: ReferenceTable,
    linked_sentences: set[tuple[int, int]],
) -> list[Finding]:
    results: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for pattern in _ATTRIBUTION_PATTERNS:
        for match in pattern.finditer(document.scan, document.body_start):
            # A name ends at the end of its sentence or line.
            who = re.split(r"\.\s|\n", match["who"].strip())[0].rstrip(".,;:")
            first_word = who.split()[0]
            if first_word in _NOT_SOURCES and len(who.split()) == 1:
                continue
            sentence = document.sentence_at(match.start())
            if sentence in linked_sentences or reference.lookup(who):
                continue
            span = (match.start("who"), match.start("who") + len(who))
            if span in seen:
                continue
            seen.add(span)
            claim = _claim(
                document,
                Span(start=span[0], end=span[1], text=document.text[span[0] : span[1]]),
                ClaimKind.ATTRIBUTION,
                who,
            )
            results.append(
                _finding(
                    document,
                    claim,
                    Verdict.UNVERIFIED,
                    f"Attributed to {who!s} with no link and no reference entry — add a link to "
                    "the source or a reference row for it.",
                )
            )
    return results


def _without_comments(text: str, offset: int) -> str:
    """Blank comments and code (keeping offsets) so their links are not citations."""
    blanked = _NOT_CITED.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
    return " " * offset + blanked


def _normal(text: str) -> str:
    return " ".join(text.casefold().replace("\u2013", "-").replace("\u2014", "-").split())


def _contains(haystack: str, needle: str) -> bool:
    pattern = r"(?<![\w])" + re.escape(_normal(needle)) + r"(?![\w])"
    return re.search(pattern, haystack) is not None


def _claim(document: Document, span: Span, kind: ClaimKind, value: str) -> Claim:
    return Claim(kind=kind, span=span, value=value, extractor=NAME)


def _finding(
    document: Document, claim: Claim, verdict: Verdict, message: str, *, expected: str = ""
) -> Finding:
    line, column = document.line_col(claim.span.start)
    return Finding(
        claim=claim, verdict=verdict, message=message, expected=expected, line=line, column=column
    )
