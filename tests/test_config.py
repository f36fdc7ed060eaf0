"""Configuration discovery and precedence: defaults -> file -> command line."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.config import Overrides, settings_for
from factcheck.errors import ConfigError
from factcheck.models import ClaimKind, Verdict

from .conftest import EXAMPLES, REFERENCE


@pytest.fixture
def newsroom(tmp_path):
    """A newsroom repository: drafts in folders, the bundled reference copied in."""
    shutil.copytree(REFERENCE, tmp_path / "reference")
    (tmp_path / "drafts" / "opinion").mkdir(parents=True)
    shutil.copy(EXAMPLES / "mfa-protest-errors.md", tmp_path / "drafts" / "news.md")
    shutil.copy(EXAMPLES / "mfa-protest-errors.md", tmp_path / "drafts" / "opinion" / "op.md")
    return tmp_path


def test_pyproject_table_is_found_by_walking_up(newsroom):
    (newsroom / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.factcheck]\nreference = "reference"\n'
        'fail-on = ["contradicted"]\nskip-kinds = ["count"]\nas-of = 2020-01-01\n',
        encoding="utf-8",
    )
    settings = settings_for(str(newsroom / "drafts" / "opinion" / "op.md"))
    assert settings.reference == (str(newsroom / "reference"),)
    assert settings.fail_on == {Verdict.CONTRADICTED}
    assert settings.skip_kinds == {ClaimKind.COUNT}
    assert settings.as_of == dt.date(2020, 1, 1)
    assert settings.config == str(newsroom / "pyproject.toml")


def test_nearest_file_wins_and_factcheck_toml_beats_pyproject(newsroom):
    (newsroom / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = ["outdated"]\n')
    (newsroom / "drafts" / "factcheck.toml").write_text('fail-on = ["disputed"]\n')
    assert settings_for(str(newsroom / "drafts" / "news.md")).fail_on == {Verdict.DISPUTED}


def test_pyproject_without_the_table_is_skipped(newsroom):
    (newsroom / "drafts" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (newsroom / "factcheck.toml").write_text('fail-on = ["disputed"]\n')
    assert settings_for(str(newsroom / "drafts" / "news.md")).fail_on == {Verdict.DISPUTED}


def test_per_glob_overrides(newsroom):
    (newsroom / "factcheck.toml").write_text(
        'fail-on = ["contradicted", "outdated"]\n\n'
        '[[overrides]]\npaths = ["drafts/opinion/*.md"]\nfail-on = ["outdated"]\n'
    )
    assert settings_for(str(newsroom / "drafts" / "news.md")).fail_on == {
        Verdict.CONTRADICTED,
        Verdict.OUTDATED,
    }
    assert settings_for(str(newsroom / "drafts" / "opinion" / "op.md")).fail_on == {
        Verdict.OUTDATED
    }


def test_command_line_overrides_the_file(newsroom):
    (newsroom / "factcheck.toml").write_text('fail-on = ["disputed"]\nas-of = "2020-01-01"\n')
    settings = settings_for(
        str(newsroom / "drafts" / "news.md"),
        Overrides(fail_on=frozenset({Verdict.OUTDATED}), as_of=dt.date(2024, 1, 1)),
    )
    assert settings.fail_on == {Verdict.OUTDATED}
    assert settings.as_of == dt.date(2024, 1, 1)


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ('fail-on = ["contradicted"]\nfail_on = ["x"]\n', "unknown key 'fail_on'", 2),
        ('\n\nfail-on = ["wrong"]\n', "unknown verdict 'wrong'", 3),
        ('skip-kinds = ["weather"]\n', "unknown claim kind 'weather'", 1),
        ('as-of = "6 Nov"\n', "not a date", 1),
        ("fail-on = [\n", "not valid TOML", None),
        ('[[overrides]]\nglob = ["x"]\n', "unknown key 'overrides.glob'", 2),
    ],
)
def test_bad_configuration_names_file_line_and_key(newsroom, content, message, line):
    (newsroom / "factcheck.toml").write_text(content)
    with pytest.raises(ConfigError, match=message) as caught:
        settings_for(str(newsroom / "drafts" / "news.md"))
    where = f"factcheck.toml:{line}:" if line else "factcheck.toml"
    assert where in str(caught.value)


def test_cli_reports_a_bad_configuration_in_one_line(newsroom, monkeypatch):
    monkeypatch.chdir(newsroom)
    (newsroom / "factcheck.toml").write_text('colour = "red"\n')
    result = CliRunner().invoke(main, ["check", "drafts/news.md"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {newsroom / 'factcheck.toml'}:1: unknown key 'colour' — known keys: as-of, "
        "fail-on, max-draft-size, overrides, reference, skip-kinds"
    ]


def test_several_reference_folders_merge_later_wins(newsroom, monkeypatch):
    overlay = newsroom / "overlay"
    overlay.mkdir()
    # A newsroom's correction of one fact: the treaty signed a day later (for the test).
    rows = (REFERENCE / "facts.csv").read_text(encoding="utf-8").splitlines()
    header, treaty = rows[0], next(r for r in rows if r.startswith("F001,"))
    (overlay / "facts.csv").write_text(
        header + "\n" + treaty.replace("1997-07-03", "1997-07-04") + "\n", encoding="utf-8"
    )
    (newsroom / "factcheck.toml").write_text('reference = ["reference", "overlay"]\n')
    monkeypatch.chdir(newsroom)
    result = CliRunner().invoke(main, ["check", "drafts/news.md", "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    treaty_finding = next(f for f in findings if f["text"] == "3 July 1996")
    assert treaty_finding["expected"] == "4 July 1997"
    assert json.loads(result.stdout)["reference"]["path"].endswith("overlay")


def test_skip_kinds_from_the_command_line(newsroom, monkeypatch):
    monkeypatch.chdir(newsroom)
    result = CliRunner().invoke(
        main, ["check", "drafts/news.md", "--format", "json", "--skip-kinds", "office,count"]
    )
    kinds = {f["kind"] for f in json.loads(result.stdout)["findings"]}
    assert kinds and not kinds & {"office", "count"}
