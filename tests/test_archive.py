"""The archive end to end on a real Dask LocalCluster (loopback): index, sweep, find.

The sweep's correctness is checked against the pipeline itself: the same
articles checked directly with the reference before and after an edit must
flip exactly the verdicts the sweep reports.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

import factcheck
from factcheck import ClaimKind
from factcheck.archive import find_claims, index_archive, lookup, sweep_archive
from factcheck.archive.bench import edit_facts
from factcheck.archive.impact import impact_of
from factcheck.archive.lookup import articles_with_keys, claims_holding
from factcheck.archive.reference_files import changes_between, from_folders, table_for
from factcheck.archive.rows import (
    KEY_COLUMNS,
    LOOKUP_ARTICLE_COLUMNS,
    ArticleMeta,
    article_row,
    claim_keys,
    claim_row,
    linked_claim_from_row,
    window_document,
)
from factcheck.archive.store import read_manifest
from factcheck.cli import main
from factcheck.document import load_document
from factcheck.extract import extract_claims
from factcheck.link import Links, link_claims
from factcheck.verify import RULES, check_consistency, judge_claims
from tests.archive_helpers import (
    copy_drafts,
    direct_changes,
    git,
    reference_repository,
    swept_changes,
    verdicts,
)

CORPUS = Path(__file__).parent / "corpus"

# A corrected date, and a new office-holder (the old one's term closed).
EDITS = {
    "corrected date": ({"F001": {"value": "1997-07-04"}}, []),
    "new office-holder": (
        {"F130": {"valid_to": "2020-01-01"}},
        [
            {
                "id": "F999",
                "subject": "andrey-rudenko",
                "property": "position_held",
                "value": "ru-foreign-minister",
                "valid_from": "2020-01-01",
                "status": "established",
                "source_url": "https://example.org/appointment",
            }
        ],
    ),
}


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=40,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def built(tmp_path_factory, client):
    """An index of every draft of the project, with its reference in git."""
    base = tmp_path_factory.mktemp("archive")
    reference = reference_repository(base / "reference")
    articles = copy_drafts(base / "articles")
    index = base / "index"
    result = index_archive([str(articles)], index, [str(reference)], cluster=client)
    return base, reference, articles, index, result


@pytest.mark.parametrize(
    "keys",
    [
        {"f:F001"},
        {"e:az-foreign-minister"},
        {"p:signed_on", "p:"},
        {"f:F013", "e:russia", "p:share_under_armenian_control", "n:azerbaijan"},
    ],
)
def test_the_claims_holding_keys_are_those_judged_on_them(built, keys):
    """The row groups `--since` reads of the lookup file hold every claim that
    claim_keys says holds a key, with its article's dates."""
    _, _, _, index, _ = built
    columns = ["article", "start", *(column for column, _ in KEY_COLUMNS)]
    every = pq.read_table(index / "claims", columns=columns).to_pylist()
    expected = sorted((r["article"], r["start"]) for r in every if claim_keys(r) & keys)
    held = claims_holding(index, read_manifest(index), keys)
    assert expected and sorted((r["article"], r["start"]) for r in held) == expected
    dates = {r["article"]: r["date_values"] for r in _table_rows(index, "articles")}
    assert all(r["date_values"] == dates[r["article"]] for r in held)


def test_the_lookup_finds_keys_across_its_row_groups(built, tmp_path, monkeypatch):
    """Written in row groups of a few rows, the lookup still finds every claim and
    every article that holds a key: none is left in a group `--since` does not read.
    (The folder's name has a quote in it, which DuckDB's SQL must not trip on.)"""
    _, _, _, index, _ = built
    copy = tmp_path / "o'brien's index"
    shutil.copytree(index, copy)
    manifest = read_manifest(copy)
    monkeypatch.setattr(lookup, "_CLAIMS_ROW_GROUP", 5)
    monkeypatch.setattr(lookup, "_KEYS_ROW_GROUP", 7)
    lookup.write_lookup(copy, manifest.parts, manifest.lookup)
    folder = copy / "lookup" / manifest.lookup
    assert sorted(p.name for p in folder.iterdir()) == ["claims.parquet", "keys.parquet"]
    written = pq.ParquetFile(folder / "claims.parquet").metadata
    sizes = [written.row_group(i).num_rows for i in range(written.num_row_groups)]
    assert len(sizes) > 50 and set(sizes[:-1]) == {5} and 0 < sizes[-1] <= 5

    columns = ["article", "start", *(column for column, _ in KEY_COLUMNS)]
    every = pq.read_table(index / "claims", columns=columns).to_pylist()
    for key in sorted(set().union(*map(claim_keys, every))):
        expected = sorted((r["article"], r["start"]) for r in every if key in claim_keys(r))
        held = claims_holding(copy, manifest, {key})
        assert sorted((r["article"], r["start"]) for r in held) == expected, key

    assert pq.ParquetFile(folder / "keys.parquet").metadata.num_row_groups > 50
    stored = [
        (row["key"], part.stem, row["article"])
        for part in sorted((index / "keys").glob("*.parquet"))
        for row in pq.read_table(part, columns=["key", "article"]).to_pylist()
    ]
    for key in sorted({k for k, _, _ in stored}):
        expected = {(part, article) for k, part, article in stored if k == key}
        found = articles_with_keys(copy, manifest, {key})
        assert {(p, a) for p, articles in found.items() for a in articles} == expected, key


def test_a_claim_is_judged_from_its_sentence_as_in_its_draft(reference):
    """What `--since` relies on to judge a claim from the lookup file without
    reading its article: where its rule reads no other claim, the sentences of the
    article's claims (window_document) give the finding the whole draft gives,
    line and column included."""
    compared = 0
    for path in sorted(CORPUS.rglob("*.md")):
        if path.name == "README.md":
            continue
        document = load_document(path)
        links = link_claims(document, extract_claims(document, None, reference.lexicon), reference)
        judged = judge_claims(document, links, reference)
        findings = check_consistency(document, judged, reference.lexicon)
        meta = ArticleMeta(article=path.name, path=str(path))
        article = article_row(meta, "", "", document, links, reference)
        held = [
            ({**row, **{c: article[c] for c in LOOKUP_ARTICLE_COLUMNS}}, rule)
            for row, rule in (
                (claim_row(meta, document, item, rule, finding, reference), rule)
                for item, rule, finding in zip(links.claims, judged, findings, strict=True)
            )
            if row["sentence_scan"] is not None
        ]
        if not held:
            continue
        window = window_document([row for row, _ in held])
        dates = list(zip(article["date_starts"], article["date_values"], strict=True))
        for row, rule in held:
            if RULES[ClaimKind(row["kind"])].reads_links:
                continue
            item = Links((linked_claim_from_row(row),), ())
            assert judge_claims(window, item, reference, dates=dates) == [rule], (
                f"{path}: {row['text']}"
            )
            compared += 1
    assert compared > 300


def test_index_holds_every_claim_with_its_verdict_and_evidence(built):
    base, reference, articles, index, result = built
    assert result.indexed == len(list(articles.glob("*.md"))) and not result.failed
    manifest = json.loads((index / "manifest.json").read_text())
    assert manifest["articles"] == result.articles and manifest["claims"] == result.claims
    assert manifest["reference"]["version"] == result.reference
    claims = pq.read_table(index / "claims").to_pylist()
    assert len(claims) == result.claims
    treaty = next(c for c in claims if c["text"] == "3 July 1997" and c["subject"])
    assert treaty["kind"] == "date" and treaty["value"] == "1997-07-03"
    assert treaty["subject"] == "ru-az-treaty-1997" and treaty["property"] == "signed_on"
    assert treaty["verdict"] == "supported" and treaty["facts"] == ["F001"]
    assert treaty["strength"] == "exact" and treaty["line"] > 0
    assert {c["strength"] for c in claims} >= {"exact", "none"}


def test_reindexing_reads_only_changed_articles(tmp_path, client):
    articles = copy_drafts(tmp_path / "articles", limit=6)
    index = tmp_path / "index"
    first = index_archive([str(articles)], index, cluster=client)
    lookup = read_manifest(index).lookup
    again = index_archive([str(articles)], index, cluster=client)
    assert (again.indexed, again.unchanged) == (0, 6)
    assert (again.articles, again.claims) == (first.articles, first.claims)
    assert read_manifest(index).lookup == lookup  # the parts did not change

    def held() -> set[tuple[str, str]]:
        rows = claims_holding(index, read_manifest(index), {"f:F001"})
        return {(r["article"], r["verdict"]) for r in rows}

    def wrong_dates() -> list[tuple[str, str]]:
        found = find_claims(index, "ru-az-treaty-1997", prop="signed_on", value="1996-07-03")
        return [(c["article"], c["verdict"]) for c in found.claims]

    before, held_before = wrong_dates(), held()
    draft = next(d for d in sorted(articles.glob("*.md")) if str(d) not in dict(before))
    draft.write_text(
        draft.read_text()
        + "\n\nThe Treaty on Friendship, Cooperation and Mutual Security was signed on "
        "3 July 1996.\n"
    )
    changed = index_archive([str(articles)], index, cluster=client)
    assert (changed.indexed, changed.unchanged) == (1, 5)
    assert changed.articles == 6
    assert set(wrong_dates()) - set(before) == {(str(draft), "contradicted")}
    # the lookup `--since` reads was written again from the new parts, and only it is kept
    assert held() - held_before == {(str(draft), "contradicted")}
    assert [p.name for p in (index / "lookup").iterdir()] == [read_manifest(index).lookup]
    # the article's old rows are gone: each claim once
    claims = pq.read_table(index / "claims").to_pylist()
    keys = [(c["article"], c["start"]) for c in claims]
    assert len(keys) == len(set(keys)) == changed.claims


@pytest.mark.parametrize("edit", EDITS)
def test_sweep_reports_exactly_the_verdicts_the_edit_flips(built, tmp_path, client, edit):
    base, reference, articles, index, _ = built
    edited = tmp_path / "reference"
    shutil.copytree(reference, edited)  # with its .git: --since reads the history
    edit_facts(edited, *EDITS[edit])
    expected = direct_changes(articles, reference, edited)
    assert expected  # the edit matters to these articles

    full = sweep_archive(index, [str(edited)], cluster=client)
    since = sweep_archive(index, [str(edited)], since="HEAD")  # in process: few articles
    assert swept_changes(full) == expected
    assert swept_changes(since) == expected
    # a new fact row may tie claims anew, so they are linked again; a corrected value may not
    assert full.relinked is since.relinked is (edit == "new office-holder")
    assert since.articles_judged < full.articles_judged == full.articles_indexed
    # each change under the one fact that explains it
    (group,) = full.groups
    assert group.cause is not None and group.cause.key in EDITS[edit][0]


# Corrections of every kind a curator makes, each of which moves verdicts in the
# project's drafts: a `--since` sweep (claims judged again from their stored links,
# articles linked again only where the change can move a link) must report exactly
# what checking the articles directly finds.
SINCE_EDITS = {
    # "the 1994 ceasefire" names the truce only if a date beside it is the truce's
    "a date that names a description": ({"F031": {"value": "1995-05-12"}}, []),
    "a status": ({"F031": {"status": "disputed"}}, []),
    # "the ambassador in Baku" is the ambassador to the country Baku is the capital of
    "a capital": ({"F251": {"value": "russia"}}, []),
    # the other resolutions of a cited list are judged by the topic most of them share
    "a resolution's topic": ({"F013": {"value": "second-nk-war"}}, []),
    "a disputed figure settled": ({"F040": {"status": "established"}}, []),
    "a count": ({"F052": {"value": "8"}}, []),
    "a term ended": ({"F130": {"valid_to": "2010-01-01"}}, []),
}


@pytest.fixture(scope="module")
def checked_directly(built):
    _, reference, articles, _, _ = built
    return verdicts(articles, reference)


@pytest.mark.parametrize("edit", SINCE_EDITS)
def test_since_reports_exactly_what_a_direct_check_finds(built, checked_directly, tmp_path, edit):
    _, reference, articles, index, _ = built
    edited = tmp_path / "reference"
    shutil.copytree(reference, edited)
    edit_facts(edited, *SINCE_EDITS[edit])
    now = verdicts(articles, edited)
    expected = {(*key, was, now[key]) for key, was in checked_directly.items() if now[key] != was}
    assert expected  # the edit matters to these articles
    since = sweep_archive(index, [str(edited)], since="HEAD")
    assert swept_changes(since) == expected
    # a capital stands for its country in any title: every article is linked again
    assert (since.articles_judged == since.articles_indexed) is (edit == "a capital")


def test_sweep_with_no_change_reports_nothing(built, client):
    base, reference, articles, index, result = built
    swept = sweep_archive(index, [str(reference)], cluster=client)
    assert swept.changes == () and swept.claims_judged == result.claims
    assert sweep_archive(index, [str(reference)], since="HEAD").articles_judged == 0


def _edited_reference(built, tmp_path) -> Path:
    _, reference, _, _, _ = built
    edited = tmp_path / "reference"
    shutil.copytree(reference, edited)
    edit_facts(edited, *EDITS["corrected date"])
    return edited


_SWEEP_AND_REPORT_PANDAS = """
import runpy, sys
sys.argv = ["factcheck", "archive", "sweep", *sys.argv[1:]]
try:
    runpy.run_module("factcheck", run_name="__main__")
except SystemExit:
    pass
print("pandas imported" if "pandas" in sys.modules else "pandas not imported")
"""


def test_a_since_sweep_on_a_cached_reference_does_not_import_pandas(built, tmp_path):
    """pandas reads the reference's CSV files; a `--since` command whose reference
    is cached has no other use for it, and importing it is 0.3 s of the command."""
    _, _, _, index, _ = built
    edited = _edited_reference(built, tmp_path)
    factcheck.load_reference(edited)  # cached, as after the editor's first check
    report = tmp_path / "since.json"
    arguments = [str(index), "--reference", str(edited), "--since", "HEAD", "-o", str(report)]
    run = subprocess.run(
        [sys.executable, "-c", _SWEEP_AND_REPORT_PANDAS, *arguments, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(report.read_text(encoding="utf-8"))["changes"], run.stderr
    assert "pandas not imported" in run.stdout, run.stdout + run.stderr


def test_sweep_cli_formats(built, tmp_path, client):
    _, _, _, index, _ = built
    edited = _edited_reference(built, tmp_path)
    address = client.scheduler.address
    common = ["archive", "sweep", str(index), "--reference", str(edited), "--since", "HEAD"]
    runner = CliRunner()

    text = runner.invoke(main, common)
    assert text.exit_code == 1, text.output  # a supported claim now fails
    assert "F001 ru-az-treaty-1997 signed_on: 1997-07-03 → 1997-07-04" in text.output
    assert "supported → contradicted: “3 July 1997”" in text.output
    assert "suggestion: 4 July 1997" in text.output

    document = json.loads(runner.invoke(main, [*common, "--format", "json"]).output)
    change = document["changes"][0]
    for key in ("article", "path", "line", "text", "kind", "was", "now", "subject"):
        assert key in change
    assert {"property", "expected", "suggestion"} <= change.keys()
    assert (change["was"], change["now"], change["property"]) == (
        "supported",
        "contradicted",
        "signed_on",
    )
    assert document["summary"]["changes"] == len(document["changes"]) >= 1

    rows = list(
        csv.DictReader(io.StringIO(runner.invoke(main, [*common, "--format", "csv"]).output))
    )
    assert len(rows) == len(document["changes"]) and rows[0]["cause"] == "facts.csv:F001"

    page = tmp_path / "corrections.html"
    full = ["archive", "sweep", str(index), "--reference", str(edited), "--scheduler", address]
    html = runner.invoke(main, [*full, "--format", "html", "-o", str(page), "--exit-zero"])
    assert html.exit_code == 0, html.output
    content = page.read_text()
    assert "<mark>3 July 1997</mark>" in content and "4 July 1997" in content
    # written once by factcheck, it may be written again; a file of someone else's never
    assert runner.invoke(main, [*full, "--format", "html", "-o", str(page)]).exit_code == 1
    mine = tmp_path / "notes.html"
    mine.write_text("<p>my notes</p>")
    refused = runner.invoke(main, [*full, "--format", "html", "-o", str(mine)])
    assert refused.exit_code == 2 and "was not written by factcheck" in refused.output
    assert mine.read_text() == "<p>my notes</p>"


def test_find_lists_every_article_about_a_subject(built):
    _, _, _, index, _ = built
    by_name = find_claims(index, "Jeyhun Bayramov")
    assert by_name.subjects == ("jeyhun-bayramov",) and by_name.articles >= 2
    as_minister = find_claims(
        index, "jeyhun-bayramov", prop="position_held", value="az-foreign-minister"
    )
    assert as_minister.claims and all(c["kind"] == "office" for c in as_minister.claims)
    by_title = find_claims(index, "jeyhun-bayramov", value="foreign minister")
    assert {c["article"] for c in by_title.claims} == {c["article"] for c in as_minister.claims}

    output = CliRunner().invoke(
        main, ["archive", "find", str(index), "--subject", "Bayramov", "--format", "csv"]
    )
    assert output.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(output.output)))
    assert len(rows) == len(by_name.claims) and rows[0]["subject"] == "jeyhun-bayramov"


def test_json_lines_sources_with_ids_dates_and_errors(tmp_path, client):
    source = tmp_path / "archive.jsonl"
    good = "Foreign Minister Sergey Lavrov met his counterpart in Baku."
    lines = [
        {"id": "a-1", "url": "https://news.example/a-1", "date": "2019-11-06", "text": good},
        {"id": "a-2", "date": "2003-05-01T08:00:00Z", "text": good},
        {"id": "a-3", "html": f"<html><body><article><p>{good}</p></article></body></html>"},
        {"url": "https://news.example/no-id", "text": good},
        {"id": "a-5", "date": "6 November", "text": good},
    ]
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n{broken\n")
    index = tmp_path / "index"
    result = _index_cli(client, str(source), "--into", str(index))
    assert result.exit_code == 2  # indexed what it could, and said what it could not
    assert "3 articles indexed" in result.output
    assert f'error: {source}:4: has no "id"' in result.output
    assert f"error: {source}:5: article a-5: date '6 November' is not an ISO date" in result.output
    assert f"error: {source}:6: is not JSON" in result.output
    claims = {c["article"]: c for c in pq.read_table(index / "claims").to_pylist()}
    assert claims["a-1"]["verdict"] == "supported" and claims["a-1"]["url"].endswith("a-1")
    assert claims["a-2"]["verdict"] == "contradicted"  # Lavrov was not minister yet in 2003
    assert claims["a-1"]["path"] == f"{source}:1"


def test_a_url_source_is_read_by_the_worker(tmp_path, client, httpserver):
    record = {"id": "web-1", "date": "2019-11-06", "text": "The treaty was signed on 3 July 1997."}
    httpserver.expect_request("/archive.jsonl").respond_with_data(json.dumps(record) + "\n")
    index = tmp_path / "index"
    result = index_archive([httpserver.url_for("/archive.jsonl")], index, cluster=client)
    assert (result.indexed, result.claims) == (1, 1)


def test_duplicate_ids_stop_the_run_and_leave_the_index_as_it_was(tmp_path, client):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps({"id": "x", "text": "Signed on 3 July 1997."}) + "\n")
    second.write_text(json.dumps({"id": "x", "text": "Signed on 4 July 1997."}) + "\n")
    index = tmp_path / "index"
    assert _index_cli(client, str(first), "--into", str(index)).exit_code == 0
    before = {p: p.read_bytes() for p in index.rglob("*") if p.is_file()}
    result = _index_cli(client, str(first), str(second), "--into", str(index))
    assert result.exit_code == 2
    assert f"article id 'x' is given twice ({first}:1 and {second}:1)" in result.output
    assert {p: p.read_bytes() for p in index.rglob("*") if p.is_file()} == before


def _index_cli(client, *arguments: str):
    return CliRunner().invoke(
        main, ["archive", "index", *arguments, "--scheduler", client.scheduler.address]
    )


# Corrections that move a link: the article must be linked again, since its
# stored link would still block. "The truce" names the 1994 ceasefire only while a
# date beside it is the ceasefire's; corrected, the second sentence's date is tied
# to it by a guess, and a guess never contradicts. A name spelt a little
# differently is someone only while they held the office the title names.
LINK_MOVES = {
    "a corrected date": (
        "The truce that took effect on 12 May 1994 held for years. "
        "The truce had been signed on 5 June 1994.",
        {"F031": {"value": "1995-05-12"}},
        {
            ("12 May 1994", "supported", "contradicted"),
            ("5 June 1994", "contradicted", "unverified"),
        },
    ),
    "another office": (
        "Russian Foreign Minister Sergey Lavrof arrived in Baku on Monday.",
        {"F130": {"value": "ru-deputy-foreign-minister"}},
        {("Russian Foreign Minister Sergey Lavrof", "contradicted", "unverified")},
    ),
}


@pytest.mark.parametrize("edit", LINK_MOVES)
def test_a_correction_that_moves_a_link_links_the_article_again(tmp_path, client, edit):
    text, facts, transitions = LINK_MOVES[edit]
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "story.md").write_text(f"---\ndate: 2019-05-12\n---\n# A story\n\n{text}\n")
    reference = reference_repository(tmp_path / "reference")
    index = tmp_path / "index"
    index_archive([str(articles)], index, [str(reference)], cluster=client)
    edited = tmp_path / "edited"
    shutil.copytree(reference, edited)
    edit_facts(edited, facts)
    expected = direct_changes(articles, reference, edited)
    assert {(text, was, now) for _, _, _, text, was, now in expected} == transitions
    since = sweep_archive(index, [str(edited)], since="HEAD")
    assert swept_changes(since) == expected and since.relinked


@pytest.mark.parametrize(
    ("signed", "moves"),
    [
        ("1994-05-13", True),  # after the truce took effect: that is now its first date
        ("1994-05-10", False),
    ],
)
def test_a_corrected_date_links_again_where_it_moves_the_first_date(tmp_path, signed, moves):
    """A span of years ("ceased to exist after 30 years") runs from its subject's
    first date: a correction that makes another of its dates the first moves that
    link, so the articles naming the subject are linked again."""
    edited = tmp_path / "reference"
    shutil.copytree(reference_repository(tmp_path / "base"), edited)
    edit_facts(edited, {"F030": {"value": signed}})  # the truce's signing
    changes = changes_between(from_folders([tmp_path / "base"]), from_folders([edited]))
    impact = impact_of(changes, factcheck.load_reference(edited))
    assert ("n:ceasefire-1994" in impact.relinked) is moves
    assert "d:ceasefire-1994" in impact.relinked and "f:F030" in impact.judged


def _one_story_indexed(tmp_path: Path, client, text: str) -> tuple[Path, Path, Path]:
    """An archive of one article, indexed against the project's reference in git."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "story.md").write_text(text)
    reference = reference_repository(tmp_path / "reference")
    index = tmp_path / "index"
    index_archive([str(articles)], index, [str(reference)], cluster=client)
    return articles, reference, index


def test_a_claim_inconsistent_in_its_draft_stays_so_when_its_fact_changes(tmp_path, client):
    """Judged alone after a correction, a claim its own draft contradicts (a
    weekday that is not its date's) keeps that verdict: what made it inconsistent
    is not in the reference."""
    articles, reference, index = _one_story_indexed(
        tmp_path,
        client,
        "---\ndate: 2019-05-12\n---\n# A story\n\nThe Treaty on Friendship, Cooperation "
        "and Mutual Security was signed on Monday, July 3, 1997.\n",
    )
    (stored,) = pq.read_table(index / "claims", columns=["rule_verdict", "verdict"]).to_pylist()
    assert stored == {"rule_verdict": "supported", "verdict": "inconsistent"}
    edited = tmp_path / "edited"
    shutil.copytree(reference, edited)
    edit_facts(edited, *EDITS["corrected date"])  # the rule now contradicts the date
    assert direct_changes(articles, reference, edited) == set()
    since = sweep_archive(index, [str(edited)], since="HEAD")
    assert since.changes == () and since.claims_judged == 1


def test_an_article_dated_by_a_month_is_judged_for_the_whole_month(tmp_path, client):
    """Judged again from the index, the article keeps the period it is dated by: a
    minister who left office in the middle of that month was still its minister."""
    _, reference, index = _one_story_indexed(
        tmp_path,
        client,
        "---\ndate: 2020-07\n---\n# Talks in July\n\n"
        "Foreign Minister Elmar Mammadyarov met his Russian counterpart this month.\n",
    )
    (office,) = find_claims(index, "elmar-mammadyarov").claims
    assert office["verdict"] == "supported"
    assert sweep_archive(index, [str(reference)]).changes == ()


def test_workers_read_the_reference_folders_own_lexicon(tmp_path, client):
    """The lexicon travels with the tables (its words decide what is read), and a
    sweep refuses an index whose lexicon is no longer the reference's."""
    reference = reference_repository(tmp_path / "reference")
    lexicon = reference / "lexicon.csv"
    lexicon.write_text(lexicon.read_text() + "not_counted_compound,nine-lives cat,test row\n")
    files = from_folders([str(reference)])
    assert "nine-lives cat" in table_for(files).lexicon.set("not_counted_compound")
    articles = copy_drafts(tmp_path / "articles", limit=2)
    index = tmp_path / "index"
    index_archive([str(articles)], index, [str(reference)], cluster=client)
    lexicon.write_text(lexicon.read_text() + "not_counted_compound,two-headed coin,test row\n")
    result = CliRunner().invoke(
        main, ["archive", "sweep", str(index), "--reference", str(reference)]
    )
    assert result.exit_code == 2 and "lexicon changed since this index was built" in result.output


def test_a_new_reference_reindexes_and_keeps_nothing_stale(tmp_path, client):
    articles = copy_drafts(tmp_path / "articles", limit=4)
    reference = reference_repository(tmp_path / "reference")
    index = tmp_path / "index"
    index_archive([str(articles)], index, [str(reference)], cluster=client)
    edit_facts(reference, *EDITS["corrected date"])
    again = index_archive([str(articles)], index, [str(reference)], cluster=client)
    assert (again.indexed, again.unchanged) == (4, 0)
    one = sorted(articles.glob("*.md"))[:1]
    edit_facts(reference, {"F001": {"value": "1997-07-05"}}, [])
    with pytest.raises(Exception, match="judged against another reference version"):
        index_archive([str(one[0])], index, [str(reference)], cluster=client)
    pruned = index_archive([str(one[0])], index, [str(reference)], cluster=client, prune=True)
    assert (pruned.articles, pruned.removed) == (1, 3)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["archive", "index", "missing/", "--into", "{tmp}/i"], "missing/: no such file or folder"),
        (["archive", "index", "{tmp}/notes.txt", "--into", "{tmp}/mine"], "is not a factcheck"),
        (["archive", "sweep", "{tmp}"], "is not a factcheck archive index"),
        (["archive", "find", "{tmp}/i2", "--subject", "x"], "is not a factcheck archive index"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(tmp_path, arguments, message, client):
    (tmp_path / "notes.txt").write_text("Signed on 3 July 1997.")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("mine")
    arguments = [a.replace("{tmp}", str(tmp_path)) for a in arguments]
    if arguments[1] == "index":
        arguments += ["--scheduler", client.scheduler.address]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert (tmp_path / "mine" / "keep.txt").read_text() == "mine"


def test_since_needs_a_git_revision(built, tmp_path):
    _, reference, _, index, _ = built
    runner = CliRunner()
    bad = runner.invoke(
        main, ["archive", "sweep", str(index), "--reference", str(reference), "--since", "nope"]
    )
    assert bad.exit_code == 2 and "'nope' is not a revision" in bad.output
    plain = tmp_path / "plain"
    shutil.copytree(reference, plain, ignore=shutil.ignore_patterns(".git"))
    outside = runner.invoke(
        main, ["archive", "sweep", str(index), "--reference", str(plain), "--since", "HEAD"]
    )
    assert outside.exit_code == 2 and "is not in a git repository" in outside.output
    assert git(reference, "status", "--porcelain") == ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _table_rows(index: Path, table: str) -> list[dict]:
    rows = pq.read_table(index / table).to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def test_index_through_a_scheduler_and_a_worker_started_as_processes(tmp_path):
    """`dask scheduler` and `dask worker` as separate processes on loopback; the
    index they build equals the one the default local cluster builds."""
    dask = str(Path(sys.executable).parent / "dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        [
            dask,
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            address.rsplit(":", 1)[1],
            "--no-dashboard",
        ],
        **quiet,
    )
    worker = subprocess.Popen(
        [
            dask,
            "worker",
            address,
            "--nworkers",
            "1",
            "--nthreads",
            "1",
            "--host",
            "127.0.0.1",
            "--no-dashboard",
        ],
        cwd=tmp_path,
        **quiet,
    )
    try:
        with Client(address, timeout="60s") as probe:
            probe.wait_for_workers(1, timeout=120)
        articles = copy_drafts(tmp_path / "articles", limit=12)
        factcheck = str(Path(sys.executable).parent / "factcheck")
        for name, extra in (("remote", ["--scheduler", address]), ("local", ["--workers", "2"])):
            run = subprocess.run(
                [
                    factcheck,
                    "archive",
                    "index",
                    str(articles),
                    "--into",
                    str(tmp_path / name),
                    *extra,
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert run.returncode == 0, run.stderr
            assert "12 articles indexed" in run.stdout
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=60)
    for table in ("articles", "claims", "keys"):
        assert _table_rows(tmp_path / "remote", table) == _table_rows(tmp_path / "local", table)


def test_one_writer_at_a_time(built):
    from factcheck.archive import store

    _, _, _, index, _ = built
    with store.opened(index, write=True):
        busy = CliRunner().invoke(main, ["archive", "find", str(index), "--subject", "x"])
    assert busy.exit_code == 2
    assert "another factcheck command is updating this index" in busy.output
    assert (
        CliRunner().invoke(main, ["archive", "find", str(index), "--subject", "x"]).exit_code == 0
    )


def test_the_corrections_page_links_only_to_web_addresses():
    from factcheck.archive.render import render_sweep
    from factcheck.archive.sweep import Change, Group, SweepResult

    fields = {
        **dict.fromkeys(Change.__slots__, ""),
        "line": 1,
        "column": 1,
        "facts": (),
        "entities": (),
        "url": "javascript:alert(1)",
        "text": "<b>3 July 1997</b>",
        "sentence": "Signed on <b>3 July 1997</b>.",
        "was": "supported",
        "now": "contradicted",
    }
    change = Change(**fields)
    result = SweepResult(
        index="i",
        since="",
        reference_changes=(),
        changes=(change,),
        articles_judged=1,
        claims_judged=1,
        articles_indexed=1,
        relinked=False,
        groups=(Group(cause=None, changes=(change,)),),
    )
    page = render_sweep(result, "html")
    assert "javascript:" not in page and "<b>3 July" not in page
    assert "<mark>&lt;b&gt;3 July 1997&lt;/b&gt;</mark>" in page
