"""Faults, for real: runs killed with SIGTERM, SIGINT and SIGKILL at several
moments, a full device, a full and a read-only file system, outputs that cannot
be written, hostile file names. Whatever happens, the exit code says what it
was, nothing is half-written, nothing a person wrote is lost, and the next run
passes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.outputs import LEFTOVER_SUFFIX
from factcheck.reference.stubs import append_stubs

from .conftest import EXAMPLES, REFERENCE

CLEAN = EXAMPLES / "mfa-protest.md"
PLANTED = EXAMPLES / "mfa-protest-errors.md"
DRAFTS = 120


def _invoke(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture
def newsroom(tmp_path, monkeypatch):
    """A folder of drafts (half with planted errors) and one long draft, whose
    page takes long enough to write that a signal can land in the middle."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    texts = [CLEAN.read_text(encoding="utf-8"), PLANTED.read_text(encoding="utf-8")]
    for i in range(DRAFTS):
        (drafts / f"d{i:03d}.md").write_text(texts[i % 2] + f"\nDraft {i}.\n", encoding="utf-8")
    (drafts / "long.md").write_text(texts[0] * 600, encoding="utf-8")
    shutil.copytree(REFERENCE, tmp_path / "reference")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "factcheck", "check", "drafts", "-o", "out", *args]


def _environment() -> dict[str, str]:
    return {**os.environ, "CI": "true"}


def _complete_outputs(out: Path) -> list[Path]:
    """Every page in `out` whole (a page ends with </html>), the SARIF file valid
    JSON if present; returns the pages."""
    pages = sorted(out.glob("*.html")) if out.exists() else []
    for page in pages:
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page
    if (out / "factcheck.sarif").exists():
        json.loads((out / "factcheck.sarif").read_text(encoding="utf-8"))
    return pages


def _leftovers(out: Path) -> list[Path]:
    return sorted(out.glob(f"*{LEFTOVER_SUFFIX}")) if out.exists() else []


def _rerun_passes(folder: Path) -> None:
    done = subprocess.run(
        _command("--format", "sarif"), capture_output=True, text=True, env=_environment()
    )
    assert done.returncode == 1, done.stderr  # the planted errors, and nothing else
    pages = _complete_outputs(folder / "out")
    assert len(pages) == DRAFTS + 2  # each draft's page, the long one's, and the index
    assert _leftovers(folder / "out") == []


def _wait_for(condition, limit: float = 120.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return False


MOMENTS = {
    "starting": lambda out: True,
    "checking": lambda out: False,  # a fixed delay, see below
    "writing the first pages": lambda out: any(out.glob("*.html")) if out.exists() else False,
    "writing the long page": lambda out: bool(_leftovers(out)),
}


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_run_exits_128_plus_the_signal_and_leaves_nothing_half_written(
    newsroom, signum, moment
):
    out = newsroom / "out"
    run = subprocess.Popen(
        _command("-j", "2"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_environment()
    )
    if moment == "checking":
        time.sleep(1.5)
    else:
        _wait_for(lambda: MOMENTS[moment](out) or run.poll() is not None)
    run.send_signal(signum)
    stderr = run.communicate(timeout=120)[1].decode()
    if run.returncode == -signum:
        # Still starting (Python importing modules): the signal's own default ends
        # it, and SIGINT's prints Python's traceback. Nothing is written yet.
        assert not any(out.glob("*.html")) if out.exists() else True, stderr
    elif run.returncode not in (0, 1):  # else the run had ended before the signal came
        assert run.returncode == 128 + signum and "Traceback" not in stderr, stderr
    if run.returncode == 128 + signum:
        assert f"interrupted by {signal.Signals(signum).name}" in stderr.strip().splitlines()[-1]
    _complete_outputs(out)
    assert _leftovers(out) == []  # what the stopped workers were writing is removed
    _rerun_passes(newsroom)


def test_a_run_killed_outright_leaves_leftovers_that_the_next_run_removes(newsroom):
    out = newsroom / "out"
    (out).mkdir()
    mine = out / "notes.txt"
    mine.write_text("an editor's notes", encoding="utf-8")
    run = subprocess.Popen(
        _command("-j", "2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_environment(),
        start_new_session=True,
    )
    caught = _wait_for(lambda: bool(_leftovers(out)) or run.poll() is not None)
    os.killpg(run.pid, signal.SIGKILL)  # no handler runs: the workers die mid-write
    run.wait(timeout=60)
    _complete_outputs(out)
    if caught and run.returncode == -signal.SIGKILL:
        assert _leftovers(out), "a page was being written when the run was killed"
    else:
        warnings.warn("the run ended before SIGKILL reached a page being written", stacklevel=1)
    _rerun_passes(newsroom)
    assert mine.read_text(encoding="utf-8") == "an editor's notes"


def test_an_empty_page_left_by_an_older_version_is_replaced(newsroom):
    (newsroom / "out").mkdir()
    (newsroom / "out" / "d000.html").write_bytes(b"")
    _rerun_passes(newsroom)


def test_a_full_standard_output_is_one_line_and_exit_2():
    for fmt in ("json", "text", "line", "github"):
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "factcheck", "check", str(PLANTED), "--format", fmt],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                env=_environment(),
            )
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip().splitlines() == [
            "error: standard output: cannot be written: no space left on the device — "
            "write it somewhere with room"
        ]


_FILE_SYSTEMS = """
set -e
mount -t tmpfs -o size=200k tmpfs full
mkdir -p readonly/reports && echo 'kept' > readonly/reports/kept.txt
mount -t tmpfs -o size=1m tmpfs readonly/reports && echo 'kept' > readonly/reports/kept.txt
mount -o remount,ro readonly/reports
set +e
{python} -m factcheck check drafts -o full 2> full.err; echo $? > full.code
ls -a full > full.ls
{python} -m factcheck check drafts -o readonly/reports 2> ro.err; echo $? > ro.code
{python} -m factcheck check drafts --format line --write-baseline readonly/reports/b.json \
    > /dev/null 2> robase.err; echo $? > robase.code
"""


def test_a_full_and_a_read_only_file_system(newsroom, tmp_path):
    """In a mount namespace of its own (`unshare -m`): a 200 KB file system for
    the reports, and a read-only one."""
    if (
        shutil.which("unshare") is None
        or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode
    ):
        warnings.warn("unshare -m is not allowed here: /dev/full stands in", stacklevel=1)
        (newsroom / "out").mkdir()
        (newsroom / "out" / "d000.html").symlink_to("/dev/full")
        assert_one_line_error(_invoke("check", "drafts", "-o", "out"), "not written by factcheck")
        return
    for name in ("full", "readonly"):
        (newsroom / name).mkdir()
    script = _FILE_SYSTEMS.format(python=sys.executable)
    subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=newsroom, check=True, timeout=600)

    def outcome(name: str) -> tuple[int, list[str]]:
        code = int((newsroom / f"{name}.code").read_text())
        return code, (newsroom / f"{name}.err").read_text().strip().splitlines()

    code, lines = outcome("full")
    assert code == 2 and len(lines) == 1, lines
    assert lines[0].startswith("error: full/") and "no space left on the device" in lines[0]
    listed = (newsroom / "full.ls").read_text().split()
    assert not [name for name in listed if name.endswith(LEFTOVER_SUFFIX)]  # nothing half-written
    code, lines = outcome("ro")
    assert code == 2 and lines == [
        "error: readonly/reports: cannot be written: the file system is read-only — "
        "choose another folder with --output-dir"
    ]
    code, lines = outcome("robase")
    assert code == 2 and len(lines) == 1 and "read-only" in lines[0], lines
    assert (newsroom / "readonly" / "reports" / "kept.txt").read_text() == "kept\n"


def test_outputs_that_cannot_be_written_are_one_line_and_exit_2(newsroom):
    (newsroom / "a-file").write_text("mine", encoding="utf-8")
    assert_one_line_error(_invoke("check", str(CLEAN), "-o", "a-file"), "a-file: is a file")
    assert_one_line_error(
        _invoke("check", str(CLEAN), "-o", "a-file/out"), "a-file/out", "is a file, not a folder"
    )
    (newsroom / "folder").mkdir()
    for flag in ("--write-baseline", "--stub"):
        assert_one_line_error(
            _invoke("check", str(CLEAN), flag, "folder"), f"is a folder — give {flag} a file name"
        )
    (newsroom / "loop-a").symlink_to("loop-b")
    (newsroom / "loop-b").symlink_to("loop-a")
    for flag in ("--write-baseline", "--stub"):
        assert_one_line_error(
            _invoke("check", str(CLEAN), flag, "loop-a"), "loop-a", "loop of symbolic links"
        )
    assert_one_line_error(_invoke("check", str(CLEAN), "-o", "loop-a"), "loop-a")
    assert (newsroom / "a-file").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["-j", "0"], "-j/--jobs: 0 is not a number of processes"),
        (["-j", "-3"], "-j/--jobs: -3 is not a number of processes"),
        (["--as-of", ""], "--as-of: the value is empty"),
        (["--fail-on", ""], "--fail-on: no verdict given"),
        (["-o", ""], "--output-dir: the value is empty"),
        (["--baseline", " "], "--baseline: the value is empty"),
        (["--max-draft-size", "0"], "--max-draft-size: 0 is not a size"),
    ],
)
def test_bad_values_are_refused(newsroom, arguments, fragment):
    assert_one_line_error(_invoke("check", str(CLEAN), *arguments), fragment)


def test_a_draft_over_the_size_limit_names_the_limit_and_the_flag(newsroom):
    message = "is larger than the limit of 0.001 MB for a draft — raise it with --max-draft-size MB"
    assert_one_line_error(_invoke("check", str(CLEAN), "--max-draft-size", "0.001"), message)
    stdin = CLEAN.read_bytes()
    assert_one_line_error(
        _invoke("check", "-", "--max-draft-size", "0.001", stdin=stdin), "<stdin>: " + message
    )
    (newsroom / "factcheck.toml").write_text("max-draft-size = 0.001\n", encoding="utf-8")
    shutil.copy(CLEAN, newsroom / "here.md")
    assert_one_line_error(_invoke("check", "here.md"), "here.md: " + message)
    assert _invoke("check", "here.md", "--max-draft-size", "1").exit_code == 0


def test_a_second_run_over_a_folder_reads_no_report_and_no_cache(newsroom):
    caches = {
        "FACTCHECK_CACHE_DIR": str(newsroom / "drafts" / "cache"),
        "XDG_CACHE_HOME": str(newsroom / "drafts" / "xdg"),
    }
    command = [sys.executable, "-m", "factcheck", "check", "drafts", "--format", "json,html"]
    runs = [
        subprocess.run(
            [*command, "-o", "drafts/reports"],
            capture_output=True,
            text=True,
            env={**_environment(), **caches},
        )
        for _ in range(2)
    ]
    paths = [[d["document"]["path"] for d in json.loads(r.stdout)["documents"]] for r in runs]
    assert [r.returncode for r in runs] == [1, 1]
    assert paths[0] == paths[1] and len(paths[0]) == DRAFTS + 1
    assert any((newsroom / "drafts" / "cache").rglob("*.sqlite"))
    assert len(list((newsroom / "drafts" / "reports").glob("*.html"))) == DRAFTS + 2


def test_each_draft_gets_its_own_page_and_one_row_in_the_index(newsroom):
    for name in ("a.md", "a.txt", "index.md"):
        shutil.copy(CLEAN, newsroom / name)
    result = _invoke("check", "a.md", "a.txt", "index.md", "a.md", "./a.txt", "--format", "html")
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (newsroom / "reports").iterdir())
    assert pages == ["a.html", "a.txt.html", "index.html", "index.md.html"]
    index = (newsroom / "reports" / "index.html").read_text(encoding="utf-8")
    for href in ("./a.html", "./a.txt.html", "./index.md.html"):
        assert index.count(f'href="{href}"') == 1


HOSTILE = ["::error title=x::pwned.md", "##[error]legacy.md", "new\nline.md", "bell\x07.md"]


@pytest.mark.parametrize("fmt", ["text", "line", "github"])
def test_hostile_file_names_cannot_start_a_command_or_a_line(newsroom, fmt):
    for name in HOSTILE:
        shutil.copy(PLANTED, newsroom / name)
    result = _invoke("check", *HOSTILE, "--format", f"{fmt},html")
    assert result.exit_code == 1, result.output
    for line in (result.stdout + result.stderr).splitlines():
        if fmt == "github" and line.startswith(("::error file=", "::warning file=")):
            assert "::pwned" not in line.split("::", 2)[1]  # the name's colons escaped
            continue
        assert not line.lstrip().startswith(("::", "##[")), line
        assert "\x07" not in line
    shown = "new%0Aline.md" if fmt == "github" else "new\\nline.md"
    assert shown in result.stdout


def test_stub_cells_are_never_spreadsheet_formulas(tmp_path):
    stub = tmp_path / "stubs.csv"
    row = dict.fromkeys(
        ("subject", "property", "tolerance", "valid_from", "valid_to", "status"), ""
    )
    row.update(
        id="STUB-1",
        value='=HYPERLINK("http://x.test","click")',
        unit="+1",
        source_url="",
        source_title="@SUM(A1)",
        note="-2+3",
    )
    assert append_stubs(stub, [row]) == 1
    text = stub.read_text(encoding="utf-8")
    for cell in ("'=HYPERLINK", "'+1", "'@SUM(A1)", "'-2+3"):
        assert cell in text
    stub.write_bytes(stub.read_bytes().replace(b"\n", b"\r\n"))  # a curator's editor
    row2 = {**row, "id": "STUB-2"}
    assert append_stubs(stub, [row2]) == 1
    assert stub.read_bytes().startswith(text.splitlines()[0].encode() + b"\r\n")


def test_check_sources_offline_with_an_empty_cache_is_no_all_clear(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    result = CliRunner().invoke(main, ["reference", "check-sources", str(REFERENCE), "--offline"])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("0 of ") and "0 dead" in line and "not checked (offline" in line


def test_factcheck_toml_with_a_tool_table_names_the_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text(
        '# settings\n[tool.factcheck]\nfail-on = ["contradicted"]\n', encoding="utf-8"
    )
    shutil.copy(CLEAN, tmp_path / "a.md")
    assert_one_line_error(
        _invoke("check", "a.md"),
        "factcheck.toml:2: factcheck.toml takes its keys at the top level — remove the "
        "[tool.factcheck] line",
    )


def test_a_bug_exits_2_with_its_traceback_never_1(monkeypatch):
    import factcheck.cli

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(factcheck.cli, "check_drafts", broken)
    result = CliRunner().invoke(main, ["check", str(CLEAN)])
    assert result.exit_code == 2
    assert "RuntimeError: a bug" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "error: factcheck failed unexpectedly — please report this with the lines above"
    )
