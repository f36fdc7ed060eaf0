"""An archive's sources, cut into units of work that a Dask worker reads itself.

A source is a folder (article files and JSON Lines files inside it), an article
file (.md, .txt, .html), a JSON Lines file (.jsonl, .ndjson: one article a line,
with `id`, `url`, `date` and `text` or `html`), or an http(s) URL of a JSON Lines
file. Units carry paths, never contents: the worker that runs a unit reads it,
so the client never holds the archive in memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import factcheck
from factcheck import Document, DocumentError, UsageError

from .rows import ArticleMeta

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FILES_PER_UNIT = 256
BYTES_PER_UNIT = 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """Article files, a range of whole lines of a JSON Lines file, or a URL."""

    files: tuple[str, ...] = ()
    jsonl: str = ""
    start: int = 0  # byte offset of the first line of the range
    end: int = -1  # byte offset after its last line (-1: to the end)
    first_line: int = 1
    url: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One article read from its source: a document to index, or why it cannot be."""

    meta: ArticleMeta
    digest: str  # of everything that decides its claims and verdicts ("" if it failed)
    document: Document | None = None
    error: str = ""


def list_units(
    source: str, files_per_unit: int = FILES_PER_UNIT, bytes_per_unit: int = BYTES_PER_UNIT
) -> list[Unit]:
    """The units of one source (run on a worker: the source must be readable there)."""
    if source.startswith(("http://", "https://")):
        return [Unit(url=source)]
    path = Path(source)
    if not path.exists():
        raise UsageError(
            "no such file or folder — give folders of articles, article files or .jsonl files",
            path=source,
        )
    if path.is_dir():
        return _folder_units(path, files_per_unit, bytes_per_unit)
    if path.suffix.lower() in JSONL_SUFFIXES:
        return list(_jsonl_units(path, bytes_per_unit))
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        return [Unit(files=(source,))]
    raise UsageError(
        f"is neither an article ({', '.join(ARTICLE_SUFFIXES)}) nor JSON Lines "
        f"({', '.join(JSONL_SUFFIXES)}) — rename it or leave it out",
        path=source,
    )


def _folder_units(folder: Path, files_per_unit: int, bytes_per_unit: int) -> list[Unit]:
    files, jsonl = [], []
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        suffix = path.suffix.lower()
        if suffix in ARTICLE_SUFFIXES and path.is_file():
            files.append(str(path))
        elif suffix in JSONL_SUFFIXES and path.is_file():
            jsonl.append(path)
    if not files and not jsonl:
        raise UsageError(
            f"no articles found (looked for {', '.join(ARTICLE_SUFFIXES + JSONL_SUFFIXES)}) "
            "— give a folder of articles",
            path=str(folder),
        )
    units = [
        Unit(files=tuple(files[i : i + files_per_unit]))
        for i in range(0, len(files), files_per_unit)
    ]
    for path in jsonl:
        units.extend(_jsonl_units(path, bytes_per_unit))
    return units


def _jsonl_units(path: Path, bytes_per_unit: int) -> Iterator[Unit]:
    """Ranges of whole lines of about `bytes_per_unit` each, with their first line's
    number (so that an error can name it)."""
    start, line, offset, lines_in_unit = 0, 1, 0, 0
    with path.open("rb") as handle:
        for raw in handle:
            offset += len(raw)
            lines_in_unit += 1
            if offset - start >= bytes_per_unit:
                yield Unit(jsonl=str(path), start=start, end=offset, first_line=line)
                start, line, lines_in_unit = offset, line + lines_in_unit, 0
    if offset > start:
        yield Unit(jsonl=str(path), start=start, end=offset, first_line=line)


# -- reading ----------------------------------------------------------------------


def read_unit(unit: Unit) -> Iterator[Article]:
    if unit.files:
        for path in unit.files:
            yield _read_file(path)
    elif unit.jsonl:
        with open(unit.jsonl, "rb") as handle:
            handle.seek(unit.start)
            data = handle.read(unit.end - unit.start if unit.end >= 0 else -1)
        yield from _read_lines(unit.jsonl, data, unit.first_line)
    else:
        yield from _read_lines(unit.url, _download(unit.url), 1)


def _read_file(path: str) -> Article:
    meta = ArticleMeta(article=path, path=path)
    try:
        digest = _digest(Path(path).read_bytes())
    except OSError as error:
        return _failed(meta, f"{path}: cannot be read ({error.strerror}) — check its permissions")
    try:
        return Article(meta=meta, digest=digest, document=factcheck.load_document(path))
    except DocumentError as error:
        return _failed(meta, str(error))


def _read_lines(source: str, data: bytes, first_line: int) -> Iterator[Article]:
    for number, raw in enumerate(data.split(b"\n"), start=first_line):
        if raw.strip():
            yield _read_line(source, number, raw)


def _read_line(source: str, number: int, raw: bytes) -> Article:
    where = f"{source}:{number}"
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return _bad_line(where, f"is not JSON ({error}) — one JSON object per line")
    if not isinstance(record, dict):
        return _bad_line(where, "is not a JSON object — one object per line")
    article = record.get("id")
    if not isinstance(article, str | int) or isinstance(article, bool) or str(article) == "":
        return _bad_line(where, 'has no "id" — give every article an id, unique in the archive')
    meta = ArticleMeta(article=str(article), path=where, url=_text(record.get("url")))
    body, kind = (record.get("html"), "html") if record.get("html") else (record.get("text"), "md")
    if not isinstance(body, str) or not body.strip():
        return _failed(meta, f'{where}: article {article}: no "text" or "html" — give one')
    try:
        as_of = _date(record.get("date"))
    except ValueError:
        return _failed(
            meta,
            f"{where}: article {article}: date {record.get('date')!r} is not "
            "an ISO date — write it as YYYY-MM-DD",
        )
    meta = ArticleMeta(
        article=meta.article, path=where, url=meta.url, date=as_of.isoformat() if as_of else ""
    )
    digest = _digest(json.dumps([kind, body, meta.date, meta.url]).encode())
    try:
        document = factcheck.document_from_text(
            body, path=meta.url or where, kind=kind, as_of=as_of
        )
    except DocumentError as error:
        return _failed(meta, f"{where}: article {article}: {error.detail}")
    return Article(meta=meta, digest=digest, document=document)


def _bad_line(where: str, problem: str) -> Article:
    return _failed(ArticleMeta(article=where, path=where), f"{where}: {problem}")


def _failed(meta: ArticleMeta, error: str) -> Article:
    """An article that is reported, never stored: the next run tries it again."""
    return Article(meta=meta, digest="", error=error)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _date(value: object) -> dt.date | None:
    """ "2019-11-06", or the date of "2019-11-06T10:00:00Z"; none given is None."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    return dt.date.fromisoformat(value[:10])


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def _download(url: str) -> bytes:
    import httpx  # only a URL source needs it

    try:
        response = httpx.get(url, follow_redirects=True, timeout=60)
        response.raise_for_status()
    except httpx.HTTPError as error:
        raise DocumentError(
            f"cannot be read ({type(error).__name__}: {error}) — check the URL and that "
            "the workers can reach it",
            path=url,
        ) from None
    return response.content
