from __future__ import annotations

import os
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


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Reference and page caches in a folder of the test run, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    previous = {k: os.environ.get(k) for k in ("FACTCHECK_CACHE_DIR", "XDG_CACHE_HOME")}
    os.environ["FACTCHECK_CACHE_DIR"] = str(folder / "factcheck")
    os.environ["XDG_CACHE_HOME"] = str(folder / "xdg")
    yield
    for key, value in previous.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
