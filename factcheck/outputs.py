"""Writing what factcheck produces without ever leaving a file half-written or
overwriting one that a person wrote.

Every file goes to a temporary file in its own folder (named so that factcheck
knows it again: `.NAME.PID.RANDOM.factcheck-tmp`) and is renamed over the
target only once complete, so a run killed at any moment leaves either the old
file or the new one. A temporary file whose process is gone is a leftover: of a
worker the run stopped (the run removes it) or of a run killed outright (the
next run does). A fault of the environment (a full disk,
a read-only folder, a path through a file) becomes one OutputError that names
the path and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import OutputError, UsageError

LEFTOVER_SUFFIX = ".factcheck-tmp"
_LEFTOVER = re.compile(rf"^\..+\.(?P<pid>\d+)\.[0-9a-f]+{re.escape(LEFTOVER_SUFFIX)}$")

# How each written format shows that factcheck wrote it (never overwrite a file it did not).
MARKERS = {
    ".html": 'name="generator" content="factcheck',
    ".sarif": '"name": "factcheck"',
    ".xml": '<testsuites name="factcheck"',
    ".jsonld": '"name": "factcheck"',
}

# What the errno of a failed write means for the person running factcheck.
_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "a part of the path is a file, not a folder",
    errno.ELOOP: "the path is a loop of symbolic links",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EFBIG: "the file is too large for the device",
}


def output_error(path: Path | str, error: OSError, fix: str) -> OutputError:
    """One line for a write that failed: the path, why, and what to do."""
    reason = _REASONS.get(error.errno or 0) or error.strerror or type(error).__name__
    return OutputError(f"cannot be written: {reason} — {fix}", path=str(path))


def write_file(target: Path, content: str | Iterable[str], *, fix: str) -> None:
    """Write `content` (a string, or chunks of one) to `target` atomically.

    A symbolic link is written through (the link stays a link); an existing
    file keeps its permissions. `fix` says what to do when the write fails
    ("choose another folder with -o DIR")."""
    try:
        real = Path(os.path.realpath(target))
        real.parent.mkdir(parents=True, exist_ok=True)
        if real.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        if real.exists() and not real.is_file():  # a device or a pipe is never replaced
            raise OutputError(f"is not a regular file — {fix}", path=str(target))
    except OSError as error:
        raise output_error(target, error, fix) from None
    name = f".{real.name}.{os.getpid()}.{secrets.token_hex(4)}{LEFTOVER_SUFFIX}"
    temporary = real.parent / name
    # Named before it exists, and removed on any way out of this block: a signal
    # that lands just after the file is created still finds it.
    try:
        # 0o666 lets the umask decide, as for any file a program creates.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            for chunk in [content] if isinstance(content, str) else content:
                handle.write(chunk)
        if real.exists():
            os.chmod(temporary, real.stat().st_mode & 0o7777)
        os.replace(temporary, real)
    except OSError as error:
        _discard(temporary)
        raise output_error(target, error, fix) from None
    except BaseException:  # interrupted: leave the old file, not half of a new one
        _discard(temporary)
        raise


def _discard(temporary: Path) -> None:
    # Gone already, or the folder went read-only: the next run removes it.
    with contextlib.suppress(OSError):
        temporary.unlink()


def remove_leftovers(folder: Path) -> int:
    """Remove the temporary files of factcheck runs that were killed before they
    could; returns how many. A temporary file of a run still going is kept."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0  # no folder yet, or not readable: nothing of ours to clean
    for entry in entries:
        match = _LEFTOVER.match(entry.name)
        if match is None or _alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or not a pid: not ours to judge
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed worker whose parent died too waits to be reaped: it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False  # no /proc (macOS): trust kill()
    return "\nState:\tZ" in status


def refuse_foreign(target: Path, marker: str, fix: str) -> None:
    """Stop unless `target` is absent, empty or written by factcheck (it holds
    `marker` near its start): a file a person wrote is never replaced."""
    try:
        with open(target, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise UsageError(f"is a folder — {fix}", path=str(target)) from None
    except OSError as error:
        raise output_error(target, error, fix) from None
    if head and marker not in head:
        raise UsageError(f"exists and was not written by factcheck — {fix}", path=str(target))


def prepare_folder(folder: Path, targets: Iterable[Path]) -> None:
    """Before a run writes into `folder`: make sure it is (or can be) a folder,
    clear the leftovers of killed runs, and refuse any target a person wrote."""
    fix = "choose another folder with --output-dir"
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"is a file, not a folder — {fix}", path=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A folder that takes no file (read-only, not ours) fails here, before
        # any draft is checked.
        probe = folder / f".probe.{os.getpid()}.{secrets.token_hex(4)}{LEFTOVER_SUFFIX}"
        try:
            os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        finally:
            _discard(probe)
    except OSError as error:
        raise output_error(folder, error, fix) from None
    remove_leftovers(folder)
    for target in targets:
        refuse_foreign(target, MARKERS[target.suffix], f"move it or {fix}")


# Characters a page name keeps: a name from a draft such as "::error x.md" or one
# holding a newline becomes plain ("-error-x.html").
_PLAIN = re.compile(r"[^\w./\\-]+")


def page_names(drafts: Sequence[str], folder: Path) -> dict[str, Path]:
    """A report page for each draft, unique in `folder` (also on file systems
    that ignore case) and never `index.html`: the draft's own name where no other
    draft has it ("a.md" -> a.html), else its path ("x/a.md" -> x-a.html), else its
    path and suffix ("a.txt" beside "a.md" -> a.txt.html)."""
    pages: dict[str, Path] = {}
    used = {"index.html"}
    for draft in drafts:
        if draft in pages:
            continue
        source = Path("stdin" if draft == "-" else _PLAIN.sub("-", draft))
        parts = [p.strip("-") for p in source.with_suffix("").parts if p.strip("-.")] or ["draft"]
        digest = hashlib.sha256(draft.encode("utf-8", "surrogateescape")).hexdigest()[:8]
        candidates = (
            source.stem.strip("-") or "draft",
            "-".join(parts),
            "-".join(parts) + source.suffix,
            f"{'-'.join(parts)}{source.suffix}-{digest}",
        )
        name = next(c + ".html" for c in candidates if (c + ".html").lower() not in used)
        used.add(name.lower())
        pages[draft] = folder / name
    return pages


def unique_drafts(drafts: Sequence[str]) -> list[str]:
    """Each draft once, in order, however many times the arguments name it
    (`drafts/ drafts/a.md`, or a file twice)."""
    seen: set[str] = set()
    unique = []
    for draft in drafts:
        key = draft if draft == "-" else os.path.realpath(draft)
        if key not in seen:
            seen.add(key)
            unique.append(draft)
    return unique


def written_by_factcheck(path: Path) -> bool:
    """Whether a file is one of factcheck's own outputs (a report page)."""
    marker = MARKERS.get(path.suffix.lower())
    if marker is None:
        return False
    try:
        with open(path, "rb") as handle:
            return marker in handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
