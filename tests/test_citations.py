"""Citation checking end to end: a draft's links against a real local server."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from click.testing import CliRunner

import factcheck
from factcheck import Verdict
from factcheck.citations import find_links, nearest_passage
from factcheck.cli import main
from factcheck.fetch import FetchPolicy, FetchStats
from factcheck.pipeline import check_drafts

from .conftest import REFERENCE
from .test_fetch import ARTICLE


@pytest.fixture
def site(httpserver):
    httpserver.expect_request("/treaty").respond_with_data(ARTICLE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("gone", status=410)
    httpserver.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": "/treaty"}
    )
    return httpserver


def draft_text(site) -> str:
    return (
        "BAKU, Nov. 6 — The Treaty on Friendship, Cooperation and Mutual Security was signed "
        f"on 3 July 1997, [the Kremlin said]({site.url_for('/treaty')}).\n\n"
        f"A [second report]({site.url_for('/moved')}) said 40 percent of it was about trade "
        "and called it “a treaty for the next century of friendship”.\n\n"
        f"An archive copy is at <{site.url_for('/gone')}>.\n\n"
        "The text was agreed in 1996, according to the Institute of Caucasus Studies.\n\n"
        "<!-- an editor's note: http://127.0.0.1:1/not-a-citation -->\n"
    )


def check_with_pages(text, tmp_path, **policy):
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    values = {"allow_private": True, "cache_dir": tmp_path / "cache", "host_spacing": 0.0}
    values.update(policy)
    stats = FetchStats()
    (report,) = check_drafts([str(path)], fetch=FetchPolicy(**values), fetch_stats=stats)
    return report, stats


def by_kind(report, kind):
    return [f for f in report.findings if f.claim.kind.value == kind]


def test_links_found_in_every_form(site):
    document = factcheck.document_from_text(draft_text(site))
    links = find_links(document)
    assert [link.url for link in links] == [
        site.url_for("/treaty"),
        site.url_for("/moved"),
        site.url_for("/gone"),
    ]
    assert links[0].span.text.startswith("[the Kremlin said](")


def test_each_link_gets_a_verdict_and_its_span(site, tmp_path):
    report, stats = check_with_pages(draft_text(site), tmp_path)
    supported, moved, gone = by_kind(report, "citation")
    assert supported.verdict is Verdict.SUPPORTED
    assert "“3 July 1997”" in supported.message
    assert moved.verdict is Verdict.NOT_IN_SOURCE
    assert "“40 percent”" in moved.message and "the quote" in moved.message
    assert "redirected" in moved.message and site.url_for("/treaty") in moved.message
    assert "trade" in moved.expected  # the page's nearest passage
    assert gone.verdict is Verdict.UNREACHABLE and "HTTP 410" in gone.message
    assert (gone.line, gone.column) == (5, 23)
    assert stats.requests == 4  # treaty, moved -> treaty, gone: each URL fetched once


def test_attribution_without_a_source_is_listed(site, tmp_path):
    report, _ = check_with_pages(draft_text(site), tmp_path)
    (attribution,) = by_kind(report, "attribution")
    assert attribution.claim.span.text == "Institute of Caucasus Studies"
    assert attribution.verdict is Verdict.UNVERIFIED


def test_second_run_is_served_from_the_cache(site, tmp_path):
    check_with_pages(draft_text(site), tmp_path)
    report, stats = check_with_pages(draft_text(site), tmp_path)
    assert stats.requests == 0
    assert by_kind(report, "citation")[0].verdict is Verdict.SUPPORTED


def test_offline_lists_links_without_fetching(site, tmp_path):
    report, stats = check_with_pages(draft_text(site), tmp_path, offline=True)
    assert stats.requests == 0 and site.log == []
    assert {f.verdict for f in by_kind(report, "citation")} == {Verdict.UNVERIFIED}


def test_loopback_links_are_refused_by_default(site, tmp_path):
    report, _ = check_with_pages(draft_text(site), tmp_path, allow_private=False)
    assert {f.verdict for f in by_kind(report, "citation")} == {Verdict.UNREACHABLE}
    assert site.log == []


def test_cli_check_citations(site, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    (tmp_path / "draft.md").write_text(draft_text(site), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "check",
            "draft.md",
            "--check-citations",
            "--allow-private",
            "--format",
            "json",
            "--reference",
            str(REFERENCE),
        ],
    )
    findings = json.loads(result.stdout)["findings"]
    verdicts = {f["verdict"] for f in findings if f["kind"] == "citation"}
    assert verdicts == {"supported", "not-in-source", "unreachable"}
    without = CliRunner().invoke(
        main, ["check", "draft.md", "--format", "json", "--reference", str(REFERENCE)]
    )
    assert not [f for f in json.loads(without.stdout)["findings"] if f["kind"] == "citation"]


def test_attribution_names_stop_at_the_end_of_the_sentence(reference):
    text = (
        "It met on Nov. 6, 2019, Trend reports referring to the Azerbaijani Foreign "
        "Ministry.\n\nAt the meeting, a note was handed over."
    )
    document = factcheck.document_from_text(text)
    report = factcheck.check(document, reference=reference, pages={})
    names = [f.claim.span.text for f in report.findings if f.claim.kind.value == "attribution"]
    assert names == ["Trend", "Azerbaijani Foreign Ministry"]


def test_nearest_passage_prefers_shared_words():
    page = (
        "Welcome to our site. The treaty was signed in Moscow in July 1997 by both "
        "presidents. Weather today is fine."
    )
    assert nearest_passage(page, "The treaty was signed in Moscow in 1996.").startswith(
        "The treaty was signed in Moscow"
    )


def test_reference_check_sources(httpserver, tmp_path):
    folder = tmp_path / "ref"
    shutil.copytree(REFERENCE, folder)
    with (folder / "facts.csv").open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    alive, dead = httpserver.url_for("/alive"), httpserver.url_for("/dead")
    for index, row in enumerate(rows):
        row[header.index("source_url")] = dead if index == 3 else alive
    with (folder / "facts.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    httpserver.expect_request("/alive").respond_with_data("ok", content_type="text/plain")
    httpserver.expect_request("/dead").respond_with_data("no", status=404)
    result = CliRunner().invoke(
        main, ["reference", "check-sources", str(folder), "--allow-private", "--no-cache"]
    )
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{folder}/facts.csv:5: dead source {dead} — HTTP 404")
    assert "1 of 2 sources reachable, 1 dead" in result.stderr
