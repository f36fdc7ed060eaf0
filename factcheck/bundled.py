"""The reference that ships with factcheck, and `factcheck reference init`, which
copies it out for a newsroom to curate.

A wheel carries a copy of the repository's `reference/` at
`factcheck/data/reference/` (setup.py makes it at build time); a source checkout
(an editable install) reads `reference/` beside the package, the curated source
of truth itself.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from .errors import ReferenceError, UsageError
from .outputs import output_error

_PACKAGE = Path(__file__).resolve().parent


def bundled_reference_path() -> Path:
    """The reference shipped with factcheck."""
    installed = _PACKAGE / "data" / "reference"
    if (installed / "facts.csv").is_file():
        return installed
    checkout = _PACKAGE.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "reference" / "facts.csv").is_file():
        return checkout / "reference"
    raise ReferenceError(
        "the reference bundled with factcheck is missing — reinstall factcheck, "
        "or pass --reference DIR",
        path=str(installed),
    )


def default_reference_path() -> Path:
    """./reference when it exists, else the reference shipped with factcheck."""
    local = Path("reference")
    if (local / "facts.csv").exists():
        return local
    return bundled_reference_path()


def copy_bundled_reference(target: Path) -> list[str]:
    """Copy the bundled reference into `target`, which must not exist or be an
    empty folder; returns the names copied. The copy is made beside `target` and
    renamed into place, so an interrupted copy leaves nothing half-made."""
    fix = "choose another folder, or remove it first"
    if target.exists() and not target.is_dir():
        raise UsageError(f"exists and is a file — {fix}", path=str(target))
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"exists and is not empty — {fix}", path=str(target))
    source = bundled_reference_path()
    building = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.factcheck-tmp"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, building, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        if target.is_dir():
            target.rmdir()  # empty, as checked above
        building.rename(target)
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise output_error(target, error, fix) from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return sorted(p.name for p in target.iterdir())
