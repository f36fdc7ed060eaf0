"""Curating the reference: lint, show, and stubs for unverified claims."""

from __future__ import annotations

import csv
import shutil

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.reference.lint import lint_reference

from .conftest import EXAMPLES, REFERENCE


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_bundled_reference_lints_clean():
    assert lint_reference(REFERENCE) == []
    result = run("reference", "lint", str(REFERENCE))
    assert result.exit_code == 0 and result.stdout == ""


@pytest.fixture
def broken(tmp_path):
    folder = tmp_path / "ref"
    shutil.copytree(REFERENCE, folder)

    def append(name: str, text: str) -> None:
        with (folder / name).open("a", encoding="utf-8") as handle:
            handle.write(text)

    append(
        "entities.csv",
        "karabakh-khanate,Karabakh Khanate,place,Karabakh,18th-century state\n"
        'formula-entity,=HYPERLINK("x"),place,,NA\n',
    )
    append(
        "facts.csv",
        "\n".join(
            [
                "F900,unsc-853,adopted_on,1993-07-29,date,,,,established,,,no source",
                "F901,unsc-853,adopted_on,1993-07-29,date,,,,established,ftp://x.org/a,t,",
                "F902,nobody,adopted_on,1993,date,,,,established,https://x.org,t,",
                "F903,unsc-853,signed_in,1993,date,,,,established,https://x.org,t,",
                "F904,unsc-853,adopted_on,29.07.1993,date,,,,established,https://x.org,t,",
                "F905,mikhail-evdokimov,position_held,ru-ambassador-to-az,,,2022,2019,established,"
                "https://x.org,t,",
                "F906,vladimir-dorokhin,position_held,ru-ambassador-to-az,,,2019-01,2019-12,"
                "established,https://x.org,t,",
                "F907,armenia,area_km2,29743,km2,,,,disputed,https://x.org,t,",
                "F900,armenia,area_km2,29743,km2,,,,established,https://x.org,t,@mention",
            ]
        )
        + "\n",
    )
    return folder


def test_lint_reports_every_problem_with_file_line_and_fix(broken):
    result = run("reference", "lint", str(broken))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    facts, entities = f"{broken}/facts.csv", f"{broken}/entities.csv"
    rows = len((REFERENCE / "facts.csv").read_text(encoding="utf-8").splitlines())
    expected = {
        f"{facts}:{rows + 1}:": "needs a source_url",
        f"{facts}:{rows + 2}:": "needs a source_url",
        f"{facts}:{rows + 3}:": "subject 'nobody' is not an entity",
        f"{facts}:{rows + 4}:": "property 'signed_in' is not in properties.csv",
        f"{facts}:{rows + 5}:": "is not a date",
        f"{facts}:{rows + 6}:": "valid_from is after valid_to",
        f"{facts}:{rows + 8}:": "has one position",
        f"{facts}:{rows + 9}:": "used twice",
    }
    for where, what in expected.items():
        assert any(line.startswith(where) and what in line for line in lines), (where, what)
    assert any(
        "holds ru-ambassador-to-az from 2019-01 while mikhail-bocharnikov" in line for line in lines
    )
    assert any(line.startswith(entities) and "alias 'karabakh'" in line for line in lines)
    assert any("=HYPERLINK" in line and "formula" in line for line in lines)
    assert any("'@mention' starts with '@'" in line for line in lines)
    assert all(" — " in line for line in lines)  # every problem says how to fix it
    assert not any("'NA'" in line for line in lines)  # NA is text, not a missing value


@pytest.mark.parametrize(
    ("start", "flagged"),
    [
        ("2023-06", False),  # may begin after the predecessor left on 10 June
        ("2023", False),
        ("2023-05", True),  # must begin before he left
        ("2023-06-09", True),
    ],
)
def test_only_a_certain_overlap_of_terms_is_a_problem(tmp_path, start, flagged):
    folder = tmp_path / "ref"
    shutil.copytree(REFERENCE, folder)
    with (folder / "entities.csv").open("a", encoding="utf-8") as handle:
        handle.write("test-post,Test post,office,,A single-holder post\n")
    with (folder / "facts.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "F900,igor-popov,position_held,test-post,,,2020,2023-06-10,established,https://x.org,t,\n"
            f"F901,igor-khovaev,position_held,test-post,,,{start},,established,https://x.org,t,\n"
        )
    problems = [p.message for p in lint_reference(folder) if "holds test-post" in p.message]
    assert bool(problems) is flagged


def test_lint_reports_a_broken_header_and_goes_on(tmp_path):
    folder = tmp_path / "ref"
    shutil.copytree(REFERENCE, folder)
    text = (folder / "properties.csv").read_text(encoding="utf-8")
    (folder / "properties.csv").write_text(text.replace("triggers", "trigger", 1), "utf-8")
    problems = [str(p) for p in lint_reference(folder)]
    assert any("properties.csv:1: missing column 'triggers'" in p for p in problems)


@pytest.mark.parametrize(
    "query", ["Bocharnikov", "BOCHARNIKOV", "Bócharnikov", "Bocharnikv", "Mikhail Bocharnikov"]
)
def test_show_finds_entities_forgivingly(query):
    result = run("reference", "show", query, "--reference", str(REFERENCE))
    assert result.exit_code == 0
    assert result.stdout.startswith("Mikhail Bocharnikov (person, id mikhail-bocharnikov)")
    assert "position_held: Ambassador of Russia to Azerbaijan [2018-06 – 2023-06]" in result.stdout
    assert "source: Russia-Azerbaijan ties on the rise" in result.stdout


def test_show_lists_the_holders_of_an_office():
    result = run(
        "reference", "show", "Russian Ambassador to Azerbaijan", "--reference", str(REFERENCE)
    )
    assert "position_held of: Vladimir Dorokhin [2009 – 2017-11-27]" in result.stdout


def test_show_without_a_match():
    result = run("reference", "show", "Atlantis", "--reference", str(REFERENCE))
    assert result.exit_code == 1 and "no entity matches 'Atlantis'" in result.stderr


def test_stubs_are_appended_once(tmp_path):
    stubs = tmp_path / "new-facts.csv"
    draft = str(EXAMPLES / "mfa-protest.md")
    for _ in range(2):
        result = run(
            "check", draft, "--format", "line", "--stub", str(stubs), "--reference", str(REFERENCE)
        )
        assert result.exit_code == 0
    rows = list(csv.DictReader(stubs.open(encoding="utf-8")))
    assert rows and len({r["id"] for r in rows}) == len(rows)
    assert all(r["source_url"] == "" and r["note"].startswith("from ") for r in rows)
    assert "stubs: 0 new rows" in result.stderr


def test_stub_file_of_another_kind_is_refused(tmp_path):
    mine = tmp_path / "notes.csv"
    mine.write_text("name,comment\na,b\n", encoding="utf-8")
    result = run(
        "check",
        str(EXAMPLES / "mfa-protest.md"),
        "--format",
        "line",
        "--stub",
        str(mine),
        "--reference",
        str(REFERENCE),
    )
    assert result.exit_code == 2 and "is not a stub file" in result.stderr
    assert mine.read_text(encoding="utf-8") == "name,comment\na,b\n"
