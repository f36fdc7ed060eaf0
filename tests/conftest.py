from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import factcheck
from factcheck.reference import ReferenceTable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REFERENCE = ROOT / "reference"
# pip's own cache as the user has it (the session below moves XDG_CACHE_HOME), so
# that installing into a fresh environment reuses the wheels already downloaded.
PIP_CACHE = os.environ.get("PIP_CACHE_DIR") or str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pip"
)


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


@pytest.fixture(scope="session")
def snapshot_repo(tmp_path_factory) -> Path:
    """The project as it is on disk, committed on branch main of a fresh
    repository: pip and pre-commit install from commits, and a developer's new
    files are not committed yet."""
    target = tmp_path_factory.mktemp("factcheck-repo")
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    identity = ["-c", "user.email=ci@example.org", "-c", "user.name=ci"]
    for command in (
        ["init", "-q", "-b", "main"],
        ["add", "."],
        [*identity, "commit", "-qm", "snapshot"],
    ):
        subprocess.run(["git", "-C", str(target), *command], check=True, capture_output=True)
    return target
