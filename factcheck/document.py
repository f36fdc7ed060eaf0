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

from .datetext import DAY, MONTH, MONTHS, YEAR, month_number, valid_date
from .errors import DocumentError
from .models import Document, Span
from .outputs import written_by_factcheck

DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_FRONT_MATTER_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$", re.M)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']+", re.I)
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)

_DATELINE = re.compile(
    rf"^[ \t#*_]*(?P<place>[A-Z][A-Z.'’\- ]+[A-Z.])"
    rf"(?:,[ \t]*[A-Z][\w.'’\- ]*?)*,[ \t]*"
    rf"(?P<date>{MONTH}[ \t]+{DAY}(?:,[ \t]*{YEAR})?)\b",
    re.M,
)
_FULL_DATE_TEMPLATE = r"\b{month}\.?\s+{day}(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
_ANY_YEAR = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?![\d/-])")

_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "gen",
        "col",
        "lt",
        "sen",
        "rep",
        "gov",
        "prof",
        "jr",
        "sr",
        "u.s",
        "u.n",
        "e.g",
        "i.e",
        "etc",
        "approx",
        "fig",
        "art",
        "para",
    ]
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n[ \t]*\n")


def load_document(
    path: str | Path, *, as_of: dt.date | None = None, max_mb: float | None = None
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
    as_of: dt.date | None = None,
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
    text: str, *, path: str = "<text>", kind: str = "md", as_of: dt.date | None = None
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
    resolved, source = _resolve_as_of(as_of, metadata.get("date", ""), dateline_date, scan, path)
    return Document(
        path=path,
        text=text,
        scan=scan,
        title=metadata.get("title", "") or _first_heading(scan),
        as_of=resolved,
        as_of_source=source,
        dateline=dateline,
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
    year = int(match["year"]) if match["year"] else None
    span = Span(
        start=match.start("place"),
        end=match.end("date"),
        text=scan[match.start("place") : match.end("date")],
    )
    return span, (month_number(match["month"]), int(match["day"]), year)


def _resolve_as_of(
    override: dt.date | None,
    metadata_date: str,
    dateline: tuple[int, int, int | None] | None,
    scan: str,
    path: str,
) -> tuple[dt.date | None, str]:
    if override:
        return override, "--as-of"
    if metadata_date:
        try:
            return dt.date.fromisoformat(metadata_date[:10]), "metadata"
        except ValueError:
            raise DocumentError(
                f"the date {metadata_date!r} in the front matter is not an ISO date — "
                "write it as YYYY-MM-DD",
                path=path,
            ) from None
    if dateline is None:
        return None, ""
    month, day, year = dateline
    if year is None:
        year = _year_for_dateline(scan, month, day)
    if year is None:
        return None, ""
    date = valid_date(year, month, day)
    return (date, "dateline") if date else (None, "")


def _year_for_dateline(scan: str, month: int, day: int) -> int | None:
    """The dateline omits the year: take it from the same day written in full in
    the body, or else the latest past year the article mentions."""
    names = [name for name, number in MONTHS.items() if number == month]
    pattern = _FULL_DATE_TEMPLATE.format(month=f"(?:{'|'.join(names)})", day=day)
    match = re.search(pattern, scan, re.I)
    if match:
        return int(match["year"])
    pattern = rf"\b{day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{'|'.join(names)})\.?,?\s+(\d{{4}})\b"
    match = re.search(pattern, scan, re.I)
    if match:
        return int(match[1])
    this_year = dt.date.today().year
    years = [int(y) for y in _ANY_YEAR.findall(scan) if int(y) <= this_year]
    return max(years) if years else None


def split_sentences(scan: str) -> tuple[tuple[int, int], ...]:
    sentences: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(scan):
        if match[0].startswith(".") and _ends_with_abbreviation(scan, match.start()):
            continue
        end = match.end() if not match[0].startswith("\n") else match.start()
        if scan[start:end].strip():
            sentences.append(_trimmed(scan, start, end))
        start = match.end()
    if scan[start:].strip():
        sentences.append(_trimmed(scan, start, len(scan)))
    return tuple(sentences)


def _ends_with_abbreviation(scan: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and (scan[word_start - 1].isalpha() or scan[word_start - 1] == "."):
        word_start -= 1
    word = scan[word_start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trimmed(scan: str, start: int, end: int) -> tuple[int, int]:
    while start < end and scan[start].isspace():
        start += 1
    while end > start and scan[end - 1].isspace():
        end -= 1
    return start, end


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in re.finditer("\n", text)))
