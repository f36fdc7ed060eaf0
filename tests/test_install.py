"""factcheck installed the way users install it: the README's CI workflow and
pre-commit snippet run as they stand (OWNER's repository replaced by a snapshot
of this one), into fresh environments, from folders that hold only drafts. The
reference must come from inside the package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import EXAMPLES, PIP_CACHE, REFERENCE, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
OWNER_URL = "https://github.com/OWNER/factcheck"


def _yaml_blocks() -> list[str]:
    return [
        block.split("\n", 1)[1] for block in README.split("```")[1::2] if block.startswith("yaml")
    ]


WORKFLOW = yaml.safe_load(_yaml_blocks()[0])
PRE_COMMIT = _yaml_blocks()[1]
RUN_STEPS = [s["run"] for s in WORKFLOW["jobs"]["factcheck"]["steps"] if "run" in s]


def _environment(venv: Path | None = None) -> dict[str, str]:
    """The test session's environment, with pip's real cache and, given an
    environment, its bin folder first on PATH (as `actions/setup-python` leaves it)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_CACHE_DIR"] = PIP_CACHE
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if venv is not None:
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(venv)
    return env


def _shell(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="session")
def installed(tmp_path_factory, snapshot_repo) -> Path:
    """A fresh virtual environment where the workflow's own install line built a
    wheel from the repository and installed it (built once per test session)."""
    venv = tmp_path_factory.mktemp("fresh-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    (install,) = [step for step in RUN_STEPS if "pip install" in step]
    assert OWNER_URL in install
    # file://localhost/...: git reads it, and pip's URL check wants a host
    done = _shell(
        install.replace(OWNER_URL, f"file://localhost{snapshot_repo}"),
        tmp_path_factory.mktemp("install"),
        _environment(venv),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return venv


@pytest.fixture
def drafts_only(tmp_path) -> Path:
    """A newsroom's repository of drafts: no reference folder, no configuration."""
    shutil.copytree(EXAMPLES, tmp_path / "drafts")
    return tmp_path


def test_installed_factcheck_checks_a_draft_from_an_empty_folder(installed, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    draft = tmp_path / "elsewhere" / "planted.md"
    draft.parent.mkdir()
    shutil.copy(EXAMPLES / "mfa-protest-errors.md", draft)
    done = _shell(f"factcheck check {draft} --format json", folder, _environment(installed))
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    bundled = Path(document["reference"]["path"])
    assert bundled.parts[-3:] == ("factcheck", "data", "reference")
    assert installed in bundled.parents  # inside the installed package, not this checkout
    assert document["summary"]["contradicted"] == 8
    assert list(folder.iterdir()) == []  # JSON alone writes nothing


def test_installed_reference_init_copies_the_bundled_reference(installed, tmp_path):
    env = _environment(installed)
    done = _shell("factcheck reference init", tmp_path, env)
    assert done.returncode == 0, done.stderr
    for name in ("entities.csv", "facts.csv", "properties.csv", "README.md"):
        assert (tmp_path / "reference" / name).read_bytes() == (REFERENCE / name).read_bytes()
    assert "factcheck reads ./reference by default" in done.stderr
    again = _shell("factcheck reference init", tmp_path, env)
    assert again.returncode == 2
    assert again.stderr.strip() == (
        "error: reference: exists and is not empty — choose another folder, or remove it first"
    )
    assert _shell("factcheck reference lint", tmp_path, env).returncode == 0


def test_readme_workflow_as_copied_checks_uploads_and_keeps_the_reports(installed, drafts_only):
    (check,) = [step for step in RUN_STEPS if step.startswith("factcheck check")]
    done = _shell(check, drafts_only, _environment(installed))
    assert done.returncode == 1, done.stderr  # the planted errors fail the job
    assert done.stdout.startswith("::error file=drafts/mfa-protest-errors.md,line=")
    steps = WORKFLOW["jobs"]["factcheck"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/"))
    sarif = json.loads((drafts_only / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]
    artifact = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    kept = drafts_only / artifact["with"]["path"]
    assert sorted(p.name for p in kept.iterdir()) == [
        "factcheck.sarif",
        "index.html",
        "mfa-protest-errors.html",
        "mfa-protest.html",
    ]


def test_readme_pre_commit_snippet_as_copied(snapshot_repo, drafts_only, tmp_path):
    assert OWNER_URL in PRE_COMMIT
    config = PRE_COMMIT.replace(OWNER_URL, str(snapshot_repo))
    (drafts_only / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    identity = ["-c", "user.email=ci@example.org", "-c", "user.name=ci"]
    for command in (["init", "-q"], ["add", "."], [*identity, "commit", "-qm", "drafts"]):
        subprocess.run(["git", *command], cwd=drafts_only, check=True, capture_output=True)
    env = {**_environment(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--color", "never"]

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*pre_commit, "--files", *files],
            cwd=drafts_only,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    failed = run("drafts/mfa-protest-errors.md", "drafts/mfa-protest.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "drafts/mfa-protest-errors.md:17:21: contradicted:" in failed.stdout
    passed = run("drafts/mfa-protest.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
