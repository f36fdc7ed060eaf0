"""Load stage: a draft on disk, on standard input or in memory -> Document.

Offsets everywhere refer to `Document.text`: the file as written for .txt and
.md (so CI annotations land on the right line), the extracted article text for
.html.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from .datetext import (
    DAY,
    MONTH,
    WEEKDAY,
    YEAR,
    AsOf,
    as_of_bounds,
    month_number,
    parse_as_of,
    valid_date,
)
from .errors import DocumentError
from .models import Document, Span
from .outputs import written_by_factcheck
from .words import split_sentences

DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_FRONT_MATTER_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$", re.M)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']+", re.I)
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)

_DATELINE = re.compile(
    rf"^[ \t#*_]*(?P<place>[A-Z][A-Z.'’/\- ]+[A-Z.])"  # "BAKU/YEREVAN, Oct 7"
    rf"(?:,[ \t]*[A-Z][\w.'’\- ]*?)*,[ \t]*"
    rf"(?P<date>{MONTH}[ \t]+{DAY}(?:,[ \t]*{YEAR})?"
    # "ALMATY, 11 May 2024 (Agency) —": the day first
    rf"|{DAY.replace('?P<day>', '?P<day2>')}[ \t]+{MONTH.replace('?P<month>', '?P<month2>')}"
    rf"(?:[ \t]+{YEAR.replace('?P<year>', '?P<year2>')})?)\b",
    re.M,
)
# A byline or letterhead date at the top of the page: "By Anna Petrova | 14 March
# 2024, 10:32 GMT", "Published: 3 May 2022", "Updated 7:44 PM ET, Tue September 5,
# 2017", a letter's "Baku, 10 November 2023". Read only in the first short lines.
_WRITTEN_DATE = (
    rf"(?:{WEEKDAY})?(?:{MONTH}[ \t]+{DAY},?[ \t]*{YEAR}"
    rf"|{DAY.replace('?P<day>', '?P<day2>')}[ \t]+(?:of[ \t]+)?"
    rf"{MONTH.replace('?P<month>', '?P<month2>')},?[ \t]*{YEAR.replace('?P<year>', '?P<year2>')})\b"
)
_BYLINE = re.compile(
    r"^[ \t#*_>]*(?:By\b[^|\n]*\|[ \t*_]*(?:(?:Published|Updated|Posted)\b:?[ \t]*)?"
    r"|(?:First[ \t]+|Last[ \t]+)?(?:Published|Updated|Posted)\b(?:[ \t]+on)?:?[ \t]*[^\n]*?)"
    rf"(?P<date>{_WRITTEN_DATE})",
    re.M | re.I,
)
_LETTERHEAD = re.compile(
    rf"^[ \t*_]*(?:[A-Z][\w.'’ -]*,[ \t]*)?(?P<date>{_WRITTEN_DATE})[ \t*_]*$", re.M
)
# A page's heading with its day: "# Nagorno-Karabakh live, Wednesday 20 September 2023: ..."
_HEADING = re.compile(rf"^[ \t]*#{{1,3}}[ \t][^\n]*?(?P<date>{_WRITTEN_DATE})", re.M)
_HEAD_LINES = 12  # a byline or letterhead stands above the article's first paragraphs
_HEAD_LINE_LENGTH = 160

_ANY_YEAR = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?![\d/-])")


def load_document(
    path: str | Path, *, as_of: AsOf | None = None, max_mb: float | None = None
) -> Document:
    """Read a draft file (.txt, .md or .html); one larger than `max_mb` megabytes
    is refused before it is read."""
    path = Path(path)
    if not path.exists():
        raise DocumentError("no such file — check the path", path=str(path))
    if path.is_dir():
        raise DocumentError(
            "is a folder — give a draft file, or use the CLI on the folder", path=str(path)
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(_byte_limit(max_mb) + 1 if max_mb is not None else -1)
    except OSError as error:
        raise DocumentError(
            f"cannot be read ({error.strerror}) — check its permissions", path=str(path)
        ) from None
    return document_from_bytes(
        data, path=str(path), kind=_kind_of(path), as_of=as_of, max_mb=max_mb
    )


def document_from_bytes(
    data: bytes,
    *,
    path: str,
    kind: str = "md",
    as_of: AsOf | None = None,
    max_mb: float | None = None,
) -> Document:
    if max_mb is not None and len(data) > _byte_limit(max_mb):
        raise DocumentError(
            f"is larger than the limit of {max_mb:g} MB for a draft — raise it with "
            "--max-draft-size MB (or max-draft-size in factcheck.toml)",
            path=path,
        )
    return document_from_text(_decode(data, path), path=path, kind=kind, as_of=as_of)


def _byte_limit(megabytes: float) -> int:
    return int(megabytes * 1_000_000)


def document_from_text(
    text: str, *, path: str = "<text>", kind: str = "md", as_of: AsOf | None = None
) -> Document:
    """Build a Document from text already in memory; `kind` is md, txt or html."""
    if not text.strip():
        raise DocumentError("the draft is empty — nothing to check", path=path)
    metadata: dict[str, str] = {}
    if kind == "html":
        text, metadata = _extract_article(text, path)
        scan = _blank(text, (_BARE_URL,))
    elif kind == "txt":
        scan = _blank(text, (_BARE_URL,))
    else:
        metadata = _front_matter(text)
        scan = _blank(
            text,
            (
                _FRONT_MATTER,
                _HTML_COMMENT,
                _CODE,
                _MD_REFERENCE_DEFINITION,
                _MD_LINK_TARGET,
                _BARE_URL,
            ),
        )
    dateline, dateline_date = _find_dateline(scan)
    byline, byline_date = _find_byline(scan)
    resolved, source = _resolve_as_of(as_of, metadata.get("date", ""), dateline_date, scan, path)
    if resolved is None and byline_date is not None:
        resolved, source = byline_date
    last, first = as_of_bounds(resolved) if resolved is not None else (None, None)
    return Document(
        path=path,
        text=text,
        scan=scan,
        title=metadata.get("title", "") or _first_heading(scan),
        as_of=last,
        as_of_from=first,
        as_of_source=source,
        dateline=dateline,
        later_datelines=_later_datelines(scan, dateline),
        byline=byline,
        body_start=_body_start(text) if kind == "md" else 0,
        sentences=split_sentences(scan),
        line_starts=_line_starts(text),
    )


def find_drafts(paths: Sequence[str]) -> list[str]:
    """Files as given; folders to the drafts inside them, in a stable order.
    "-" stands for standard input. A walk leaves out hidden folders, reference
    folders (their README is documentation, not a draft) and factcheck's own
    report pages, so that a second run over a folder checks what the first did."""
    found: list[str] = []
    for path in paths:
        folder = Path(path)
        if path == "-" or not folder.is_dir():
            found.append(path)
            continue
        drafts = sorted(_drafts_under(folder))
        if not drafts:
            raise DocumentError(
                f"no drafts found (looked for {', '.join(DRAFT_SUFFIXES)}) — "
                "give a folder of draft files",
                path=path,
            )
        found.extend(str(p) for p in drafts)
    return found


def _drafts_under(folder: Path) -> Iterator[Path]:
    for root, folders, files in os.walk(folder):
        if _is_reference_folder(files):
            folders.clear()
            continue
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            path = Path(root, name)
            if (
                not name.startswith(".")
                and path.suffix.lower() in DRAFT_SUFFIXES
                and path.is_file()
                and not written_by_factcheck(path)
            ):
                yield path


def _is_reference_folder(files: Sequence[str]) -> bool:
    return {"entities.csv", "facts.csv", "properties.csv"} <= set(files)


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".txt":
        return "txt"
    return "md"


def _decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:8192]:
        raise DocumentError(
            "is a binary file, not a draft — give a .md, .txt or .html file", path=path
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise DocumentError(
            f"column {column}: byte 0x{data[error.start]:02x} is not valid UTF-8 — "
            "save the file as UTF-8",
            path=path,
            line=line,
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _extract_article(html: str, path: str) -> tuple[str, dict[str, str]]:
    # Imported here: trafilatura and lxml cost start-up time that text drafts never need.
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        raise DocumentError(
            "no article text could be found in this HTML page — "
            "check that it holds the article body",
            path=path,
        )
    metadata = {
        "title": (getattr(result, "title", None) or "").strip(),
        "date": (getattr(result, "date", None) or "").strip(),
    }
    return text + "\n", metadata


def _front_matter(text: str) -> dict[str, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    return {
        m["key"].lower(): m["value"].strip().strip("\"'")
        for m in _FRONT_MATTER_FIELD.finditer(match[1])
    }


def _body_start(text: str) -> int:
    match = _FRONT_MATTER.match(text)
    return match.end() if match else 0


def _blank(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """Replace what the patterns match with spaces, keeping offsets and newlines."""
    chars = list(text)
    for pattern in patterns:
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def _first_heading(scan: str) -> str:
    match = re.search(r"^#\s+(.+)$", scan, re.M)
    return match[1].strip() if match else ""


def _find_dateline(scan: str) -> tuple[Span | None, tuple[int, int, int | None] | None]:
    head = scan[:1500]
    match = _DATELINE.search(head)
    if not match:
        return None, None
    written_year = match["year"] or match["year2"]
    year = int(written_year) if written_year else None
    span = Span(
        start=match.start("place"),
        end=match.end("date"),
        text=scan[match.start("place") : match.end("date")],
    )
    month, day = match["month"] or match["month2"], match["day"] or match["day2"]
    return span, (month_number(month), int(day), year)


def _later_datelines(scan: str, first: Span | None) -> tuple[Span, ...]:
    """The datelines that open paragraphs after the first one, in a roundup of items
    ("BAKU, 10 Nov (Wire) –"); only a draft that opens with a dateline has them."""
    if first is None:
        return ()
    found = []
    paragraph = scan.find("\n\n", first.end)
    while paragraph >= 0:
        match = _DATELINE.match(scan, paragraph + 2)
        if match is not None:
            start, end = match.start("place"), match.end("date")
            found.append(Span(start=start, end=end, text=scan[start:end]))
        paragraph = scan.find("\n\n", paragraph + 1)
    return tuple(found)


def _find_byline(scan: str) -> tuple[Span | None, tuple[dt.date, str] | None]:
    """The date of a byline line ("By X | 14 March 2024") or of a letter's
    letterhead ("Baku, 10 November 2023") among the first short lines of the body,
    with "byline" or "letterhead" as where the article's date came from."""
    for start, line in _head_lines(scan):
        for pattern, source in (
            (_BYLINE, "byline"),
            (_LETTERHEAD, "letterhead"),
            (_HEADING, "heading"),
        ):
            match = pattern.match(line)
            date = _written_date(match) if match else None
            if match and date:
                span = Span(
                    start=start + match.start("date"),
                    end=start + match.end("date"),
                    text=match["date"],
                )
                return span, (date, source)
    return None, None


def _head_lines(scan: str) -> list[tuple[int, str]]:
    """(offset, text) of the first non-blank lines, up to the first paragraph of prose."""
    lines = []
    offset = 0
    for line in scan.split("\n"):
        if line.strip():
            if len(line) > _HEAD_LINE_LENGTH or len(lines) == _HEAD_LINES:
                break
            lines.append((offset, line))
        offset += len(line) + 1
    return lines


def _written_date(match: re.Match[str]) -> dt.date | None:
    month = match["month"] or match["month2"]
    day, year = match["day"] or match["day2"], match["year"] or match["year2"]
    return valid_date(int(year), month_number(month), int(day))


def _resolve_as_of(
    override: AsOf | None,
    metadata_date: str,
    dateline: tuple[int, int, int | None] | None,
    scan: str,
    path: str,
) -> tuple[AsOf | None, str]:
    if override:
        return override, "--as-of"
    if metadata_date:
        found = parse_as_of(metadata_date)
        if found is None:
            raise DocumentError(
                f"the date {metadata_date!r} in the front matter is not an ISO date — "
                "write it as YYYY-MM-DD (or YYYY-MM, YYYY for a month or a year)",
                path=path,
            )
        return found, "metadata"
    if dateline is None:
        return None, ""
    month, day, year = dateline
    source = "dateline"
    if year is None:
        year = _year_of_a_day_near(scan, month, day)
    if year is None:
        # A guess: whatever needs the article's exact date (a body date "after the
        # dateline") must not block on it, and the report says so.
        year, source = _latest_year_mentioned(scan), _DATELINE_YEAR_GUESSED
    if year is None:
        return None, ""
    date = valid_date(year, month, day)
    return (date, source) if date else (None, "")


_DATELINE_YEAR_GUESSED = "dateline; its year guessed from the years the article mentions"
_BODY_DATE = re.compile(_WRITTEN_DATE, re.I)
# A story reports the days around its dateline: a date written in full within a week
# of the dateline's day ("BAKU, Nov. 6" over "on Nov. 7, 2019") gives its year.
_NEAR_THE_DATELINE = 7  # days


def _year_of_a_day_near(scan: str, month: int, day: int) -> int | None:
    """The year of the dateline's day nearest a date the body writes in full, if
    that is within a week."""
    distance_and_year = []
    for match in _BODY_DATE.finditer(scan):
        written = _written_date(match)
        for year in (written.year - 1, written.year, written.year + 1) if written else ():
            dateline = valid_date(year, month, day)
            if dateline is not None:
                distance_and_year.append((abs((written - dateline).days), year))
    nearest = min(distance_and_year, default=None)
    return nearest[1] if nearest is not None and nearest[0] <= _NEAR_THE_DATELINE else None


def _latest_year_mentioned(scan: str) -> int | None:
    this_year = dt.date.today().year
    years = [int(y) for y in _ANY_YEAR.findall(scan) if int(y) <= this_year]
    return max(years) if years else None


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in re.finditer("\n", text)))
