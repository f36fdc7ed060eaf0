"""The command line, run as a user runs it: exit codes, outputs, and one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main

from .conftest import EXAMPLES, REFERENCE

CLEAN = str(EXAMPLES / "mfa-protest.md")
PLANTED = str(EXAMPLES / "mfa-protest-errors.md")


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str, stdin: bytes | None = None):
        return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)

    return invoke


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_clean_draft_exits_0_and_writes_the_report(run, tmp_path):
    result = run("check", CLEAN, "--reference", str(REFERENCE))
    assert result.exit_code == 0, result.output
    assert "18 supported" in result.stdout
    assert "1 disputed" in result.stdout
    assert (tmp_path / "reports" / "mfa-protest.html").is_file()
    assert "report: reports/mfa-protest.html" in result.stderr


def test_planted_draft_exits_1(run):
    result = run("check", PLANTED, "--reference", str(REFERENCE))
    assert result.exit_code == 1
    assert "contradicted" in result.stdout


def test_json_goes_to_stdout_alone_and_matches_the_library(run, reference):
    import factcheck

    result = run("check", PLANTED, "--format", "json", "--reference", str(REFERENCE))
    document = json.loads(result.stdout)
    assert document["schema"] == "factcheck/findings/v1"
    library = factcheck.check(PLANTED, reference=reference).to_dict()
    assert document["findings"] == library["findings"]
    assert document["summary"] == library["summary"]
    assert not Path("reports").exists()


def test_line_format_is_greppable(run):
    result = run("check", PLANTED, "--format", "line", "--reference", str(REFERENCE))
    lines = result.stdout.splitlines()
    assert f"{PLANTED}:17:21: contradicted: The reference gives 3 July 1997" in "\n".join(lines)
    assert all(line.count(":") >= 4 for line in lines)


def test_fail_on_can_be_narrowed(run):
    result = run(
        "check", PLANTED, "--fail-on", "disputed", "--format", "line", "--reference", str(REFERENCE)
    )
    assert result.exit_code == 0


def test_as_of_moves_office_checks_in_time(run):
    result = run(
        "check", CLEAN, "--as-of", "2024-01-10", "--format", "json", "--reference", str(REFERENCE)
    )
    findings = json.loads(result.stdout)["findings"]
    first, again = [f for f in findings if "Bocharnikov" in f["value"]]
    # "summoned Russian Ambassador Mikhail Bocharnikov on Wednesday, Nov. 6, 2019": the
    # sentence dates the title; "Ambassador Bocharnikov said" is read at the new date
    assert first["verdict"] == "supported"
    assert "on 6 November 2019, the sentence's date" in first["message"]
    assert again["verdict"] == "outdated"
    assert "Mikhail Evdokimov" in again["message"]
    assert result.exit_code == 1


def test_standard_input(run):
    text = Path(PLANTED).read_bytes()
    result = run("check", "-", "--format", "json", "--reference", str(REFERENCE), stdin=text)
    document = json.loads(result.stdout)
    assert document["document"]["path"] == "<stdin>"
    assert document["summary"]["contradicted"] > 0


def test_several_files_and_folders(run, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(CLEAN, folder / "a.md")
    (folder / "nested").mkdir()
    shutil.copy(PLANTED, folder / "nested" / "b.txt")
    (folder / "image.png").write_bytes(b"\x89PNG\x00\x00")
    result = run("check", str(folder), CLEAN, "--format", "json", "--reference", str(REFERENCE))
    combined = json.loads(result.stdout)
    assert combined["schema"] == "factcheck/findings-set/v1"
    documents = combined["documents"]
    assert combined["summary"]["contradicted"] == sum(
        d["summary"]["contradicted"] for d in documents
    )
    assert [Path(d["document"]["path"]).name for d in documents] == [
        "a.md",
        "b.txt",
        "mfa-protest.md",
    ]
    assert result.exit_code == 1


def test_same_file_names_in_two_folders_get_two_reports(run, tmp_path):
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        shutil.copy(CLEAN, tmp_path / name / "draft.md")
    result = run(
        "check", "x/draft.md", "y/draft.md", "--format", "html", "--reference", str(REFERENCE)
    )
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        "draft.html",
        "index.html",
        "y-draft.html",
    ]


def test_missing_file(run):
    assert_one_line_error(run("check", "nope.md"), "nope.md", "no such file")


def test_folder_of_binary_files(run, tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "bin" / "b.pdf").write_bytes(b"%PDF-1.4\x00\x01")
    assert_one_line_error(run("check", "bin"), "bin", "no drafts found")


def test_binary_file_with_a_draft_suffix(run, tmp_path):
    (tmp_path / "a.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert_one_line_error(run("check", "a.md"), "a.md", "binary")


def test_invalid_utf8_names_line_and_column(run, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"BAKU, Nov. 6\nSigned on 3 July 1997 \xff here.\n")
    assert_one_line_error(run("check", "bad.txt"), "bad.txt:2:", "column 23", "UTF-8")


def test_empty_file(run, tmp_path):
    (tmp_path / "empty.md").write_text("  \n\n", encoding="utf-8")
    assert_one_line_error(run("check", "empty.md"), "empty.md", "empty")


def test_malformed_reference_row(run, tmp_path):
    broken = tmp_path / "ref"
    shutil.copytree(REFERENCE, broken)
    rows = (broken / "facts.csv").read_text(encoding="utf-8").splitlines()
    rows[4] = rows[4].replace("1993-07-29", "1993-13-29")
    (broken / "facts.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert_one_line_error(
        run("check", CLEAN, "--reference", str(broken)), "facts.csv:5:", "not a date"
    )


def test_bad_options(run):
    assert_one_line_error(run("check", CLEAN, "--as-of", "6/11/2019"), "--as-of")
    assert_one_line_error(run("check", CLEAN, "--format", "pdf"), "unknown format 'pdf'")
    assert_one_line_error(run("check", CLEAN, "--format", "json,text"), "pick one")
    assert_one_line_error(run("check", CLEAN, "--fail-on", "wrong"), "unknown verdict")


def test_never_overwrites_a_file_it_did_not_write(run, tmp_path):
    (tmp_path / "reports").mkdir()
    mine = tmp_path / "reports" / "mfa-protest.html"
    mine.write_text("<html>my own notes</html>", encoding="utf-8")
    assert_one_line_error(
        run("check", CLEAN, "--reference", str(REFERENCE)),
        "reports/mfa-protest.html",
        "not written by factcheck",
    )
    assert mine.read_text(encoding="utf-8") == "<html>my own notes</html>"


def test_rewrites_its_own_report(run, tmp_path):
    assert run("check", CLEAN, "--reference", str(REFERENCE)).exit_code == 0
    assert run("check", CLEAN, "--reference", str(REFERENCE)).exit_code == 0


def test_version_and_help(run):
    assert run("--version").stdout.startswith("factcheck, version ")
    assert "--reference" in run("check", "-h").stdout
