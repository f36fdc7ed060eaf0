"""The CI gate: exit codes, baselines that survive edits, --changed-since, the
progress bar staying quiet, and the pre-commit hook."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner

from factcheck.cli import main

from .conftest import EXAMPLES, REFERENCE, ROOT

CLEAN = EXAMPLES / "mfa-protest.md"
PLANTED = EXAMPLES / "mfa-protest-errors.md"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A newsroom repository with two drafts, checked against the bundled reference."""
    shutil.copytree(REFERENCE, tmp_path / "reference")
    (tmp_path / "drafts").mkdir()
    shutil.copy(CLEAN, tmp_path / "drafts" / "clean.md")
    shutil.copy(PLANTED, tmp_path / "drafts" / "planted.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_exit_codes(repo):
    assert run("check", "drafts/clean.md", "--format", "line").exit_code == 0
    assert run("check", "drafts", "--format", "line").exit_code == 1
    assert run("check", "drafts", "--format", "line", "--exit-zero").exit_code == 0
    assert run("check", "drafts/missing.md").exit_code == 2
    assert run("check", "drafts", "--format", "pdf").exit_code == 2


def test_combined_outputs_land_in_the_output_folder(repo):
    result = run("check", "drafts", "--format", "sarif,github", "-o", "out")
    assert result.exit_code == 1
    assert "::error file=drafts/planted.md,line=8,col=1," in result.stdout
    assert "::warning file=drafts/clean.md," in result.stdout  # disputed: never blocks
    written = sorted(p.name for p in (repo / "out").iterdir())
    assert written == ["clean.html", "factcheck.sarif", "index.html", "planted.html"]
    index = (repo / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="./planted.html"' in index and 'href="./clean.html"' in index
    junit = run("check", "drafts", "--format", "junit,claimreview", "-o", "out")
    assert junit.exit_code == 1
    assert (repo / "out" / "junit.xml").is_file() and (
        repo / "out" / "claimreview.jsonld"
    ).is_file()


def test_foreign_output_files_are_never_overwritten(repo):
    (repo / "out").mkdir()
    (repo / "out" / "factcheck.sarif").write_text("{}", encoding="utf-8")
    result = run("check", "drafts", "--format", "sarif", "-o", "out")
    assert result.exit_code == 2
    assert "not written by factcheck" in result.stderr
    assert (repo / "out" / "factcheck.sarif").read_text(encoding="utf-8") == "{}"


def test_baseline_reports_only_new_findings_and_survives_edits_above(repo):
    written = run(
        "check", "drafts", "--format", "line", "--write-baseline", ".factcheck-baseline.json"
    )
    assert written.exit_code == 0
    assert "findings recorded" in written.stderr
    baseline = json.loads((repo / ".factcheck-baseline.json").read_text(encoding="utf-8"))
    assert baseline["schema"] == "factcheck/baseline/v1" and baseline["findings"]

    again = run("check", "drafts", "--format", "line", "--baseline", ".factcheck-baseline.json")
    assert again.exit_code == 0 and again.stdout == ""

    planted = repo / "drafts" / "planted.md"
    text = planted.read_text(encoding="utf-8")
    body = text.index("BAKU")
    edited = text[:body] + "An editor's note added above.\n\nAnd one more line.\n\n" + text[body:]
    planted.write_text(edited.replace("began in 1991", "began in 1990"), encoding="utf-8")
    after = run("check", "drafts", "--format", "line", "--baseline", ".factcheck-baseline.json")
    assert after.exit_code == 1
    assert after.stdout.splitlines() == [
        line for line in after.stdout.splitlines() if "“1990”" in line or "1990" in line
    ]
    assert len(after.stdout.splitlines()) == 1
    assert "drafts/planted.md:28:23:" in after.stdout  # line 24, moved down by four


def test_baseline_errors(repo):
    missing = run("check", "drafts", "--baseline", "nope.json")
    assert missing.exit_code == 2 and "--write-baseline" in missing.stderr
    (repo / "notes.json").write_text('{"mine": true}', encoding="utf-8")
    refused = run("check", "drafts", "--write-baseline", "notes.json")
    assert refused.exit_code == 2 and "is not a factcheck baseline" in refused.stderr
    assert (repo / "notes.json").read_text(encoding="utf-8") == '{"mine": true}'


def git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


def test_changed_since_checks_only_changed_drafts(repo):
    git("init", "-q")
    git("-c", "user.email=a@b.c", "-c", "user.name=n", "add", ".")
    git("-c", "user.email=a@b.c", "-c", "user.name=n", "commit", "-qm", "drafts")
    nothing = run("check", "drafts", "--format", "line", "--changed-since", "HEAD")
    assert nothing.exit_code == 0 and "no drafts changed since HEAD" in nothing.stderr
    clean = repo / "drafts" / "clean.md"
    clean.write_text(clean.read_text(encoding="utf-8") + "\nIt began in 1991.\n", encoding="utf-8")
    (repo / "drafts" / "new.md").write_text("The conflict began in 1988.\n", encoding="utf-8")
    changed = run("check", "drafts", "--format", "json", "--changed-since", "HEAD")
    paths = [d["document"]["path"] for d in json.loads(changed.stdout)["documents"]]
    assert paths == ["drafts/clean.md", "drafts/new.md"]
    bad = run("check", "drafts", "--changed-since", "no-such-ref")
    assert bad.exit_code == 2 and "unknown ref 'no-such-ref'" in bad.stderr


def test_progress_bar_stays_out_of_pipes_and_ci(repo):
    result = run("check", "drafts", "--format", "line")
    assert "checking" not in result.stderr


def _stderr_on_a_terminal(command: list[str], env: dict[str, str]) -> str:
    import pty

    leader, follower = pty.openpty()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=follower, env=env, check=False, timeout=120
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert done.returncode == 1
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal(repo):
    command = [sys.executable, "-m", "factcheck", "check", "drafts", "--format", "line"]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    assert "checking" in _stderr_on_a_terminal(command, env)
    assert "checking" not in _stderr_on_a_terminal(command, {**env, "CI": "true"})


def test_pre_commit_hook_definition_runs_the_checker(repo):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "factcheck" and hook["language"] == "python"
    entry = hook["entry"].split()
    assert entry[0] == "factcheck"
    command = [sys.executable, "-m", "factcheck", *entry[1:], "drafts/planted.md"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "drafts/planted.md:17:21: contradicted:" in done.stdout
