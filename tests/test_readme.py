"""The README stays true: its quick start and every CLI command it shows exist."""

from __future__ import annotations

import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_commands():
    block = README.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line for line in block.splitlines()[1:] if line.strip()]
    assert len(commands) == 2
    assert "factcheck check examples/mfa-protest.md" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    block = README.split("## Quick start", 1)[1].split("```", 2)[1]
    test_command = [line for line in block.splitlines() if "pytest" in line][0].strip()
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_option_shown_exists():
    from click.testing import CliRunner

    from factcheck.cli import main

    help_text = CliRunner().invoke(main, ["check", "--help"]).output
    for option in set(re.findall(r"factcheck check [^\n`]*?(--[a-z-]+)", README)):
        assert option in help_text, option


def test_every_archive_option_shown_exists():
    from click.testing import CliRunner

    from factcheck.cli import main

    shown = re.findall(r"factcheck archive (index|sweep|find)([^\n`]*)", README)
    assert {command for command, _ in shown} == {"index", "sweep", "find"}
    for command, rest in shown:
        help_text = CliRunner().invoke(main, ["archive", command, "--help"]).output
        for option in re.findall(r"(--[a-z-]+)", rest):
            assert option in help_text, (command, option)


def test_output_excerpt_is_what_the_tool_prints(monkeypatch):
    from click.testing import CliRunner

    from factcheck.cli import main

    monkeypatch.chdir(ROOT)
    excerpt = README.split("## What it says", 1)[1].split("```", 2)[1]
    arguments = ["check", "examples/mfa-protest-errors.md", "--format", "text"]
    printed = CliRunner().invoke(main, [*arguments, "--reference", "reference"]).stdout
    for line in excerpt.splitlines()[1:]:
        if line.strip() and line.strip() != "...":
            assert line in printed, line
