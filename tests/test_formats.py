"""Every output format: golden files, and the properties CI systems rely on."""

from __future__ import annotations

import json
from dataclasses import replace
from xml.etree import ElementTree as ET

import click
import pytest

import factcheck
from factcheck.report import render
from factcheck.report.github import escape_data, escape_property

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def reports(reference):
    found = []
    for name in ("mfa-protest.md", "mfa-protest-errors.md"):
        report = factcheck.check(EXAMPLES / name, reference=reference)
        document = replace(report.document, path=f"examples/{name}")
        found.append(replace(report, document=document, reference_path="reference"))
    return found


@pytest.mark.parametrize(
    ("fmt", "extension"),
    [
        ("text", ".txt"),
        ("sarif", ".sarif"),
        ("github", ".txt"),
        ("junit", ".xml"),
        ("claimreview", ".jsonld"),
        ("line", ".txt"),
        ("json", ".json"),
    ],
)
def test_golden(reports, file_regression, fmt, extension):
    output = render(reports, fmt)
    if fmt == "text":
        output = click.unstyle(output)  # colours only reach a terminal
    file_regression.check(output, extension=extension, encoding="utf-8")


def test_sarif_has_what_github_code_scanning_requires(reports):
    log = json.loads(render(reports, "sarif"))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run["results"]
    for result in run["results"]:
        assert result["ruleId"] == rule_ids[result["ruleIndex"]]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert not physical["artifactLocation"]["uri"].startswith("/")
        region = physical["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) > (
            region["startLine"],
            region["startColumn"],
        )
        assert result["partialFingerprints"]["factcheckFinding/v1"]


def test_sarif_regions_point_at_the_claim(reports):
    log = json.loads(render(reports, "sarif"))
    lines = (EXAMPLES / "mfa-protest-errors.md").read_text(encoding="utf-8").split("\n")
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        if location["artifactLocation"]["uri"] != "examples/mfa-protest-errors.md":
            continue
        if region["startLine"] == region["endLine"]:
            line = lines[region["startLine"] - 1]
            assert (
                line[region["startColumn"] - 1 : region["endColumn"] - 1]
                == (region["snippet"]["text"])
            )


def test_github_annotations_cannot_inject_workflow_commands(reference):
    text = (
        "The Treaty on Friendship, Cooperation and Mutual Security was signed on 3 July 1996.\r\n"
        "::set-env name=PATH::/tmp%0A::error::forged\n"
    )
    report = factcheck.check(text, reference=reference)
    report = replace(report, document=replace(report.document, path="drafts/a,b:c.md"))
    lines = render([report], "github").splitlines()
    assert lines and all(line.startswith("::error ") for line in lines)
    assert "file=drafts/a%2Cb%3Ac.md," in lines[0]
    assert escape_data("50%\r\n::x") == "50%25%0D%0A::x"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_junit_counts_failures_per_draft(reports):
    root = ET.fromstring(render(reports, "junit"))
    assert root.tag == "testsuites" and root.get("name") == "factcheck"
    suites = {suite.get("name"): suite for suite in root}
    assert suites["examples/mfa-protest.md"].get("failures") == "0"
    planted = suites["examples/mfa-protest-errors.md"]
    assert int(planted.get("failures")) == len(reports[1].blocking())
    assert int(planted.get("tests")) == len(reports[1].findings)
    failure = planted.find("testcase/failure")
    assert failure is not None and failure.get("type") in (
        "contradicted",
        "outdated",
        "inconsistent",
    )


def test_claimreview_rates_every_checked_claim(reports):
    graph = json.loads(render(reports, "claimreview"))
    assert graph["@context"] == "https://schema.org"
    reviews = graph["@graph"]
    checked = [f for r in reports for f in r.findings if f.verdict.value != "unverified"]
    assert len(reviews) == len(checked)
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        assert 1 <= review["reviewRating"]["ratingValue"] <= 5
        assert review["itemReviewed"]["@type"] == "Claim"
    ratings = {
        r["reviewRating"]["alternateName"]: r["reviewRating"]["ratingValue"] for r in reviews
    }
    assert ratings["supported"] == 5 and ratings["contradicted"] == 1
