"""Where factcheck finds the reference it checks against by default."""

from __future__ import annotations

from pathlib import Path


def bundled_reference_path() -> Path:
    """The reference shipped beside the package."""
    return Path(__file__).resolve().parent.parent / "reference"


def default_reference_path() -> Path:
    """./reference when it exists, else the reference shipped beside the package."""
    local = Path("reference")
    if (local / "facts.csv").exists():
        return local
    return bundled_reference_path()
