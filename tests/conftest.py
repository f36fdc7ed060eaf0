from __future__ import annotations

from pathlib import Path

import pytest

import factcheck
from factcheck.reference import ReferenceTable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REFERENCE = ROOT / "reference"


@pytest.fixture(scope="session")
def reference() -> ReferenceTable:
    return factcheck.load_reference(REFERENCE)


@pytest.fixture
def draft(tmp_path: Path):
    """Write a draft file and return its path."""

    def write(text: str, name: str = "draft.md") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
