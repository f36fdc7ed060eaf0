"""The editor's desk through Starlette's test client: the JSON API, the guards,
adding facts, the edits the cards offer, and the `serve` command's errors."""

from __future__ import annotations

import json
import re
import shutil
import socket
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import factcheck
from factcheck.cli import main
from factcheck.report.html import render_page
from factcheck.serve import Desk, Policy, create_app
from factcheck.serve.edits import suggested_edit

from .conftest import EXAMPLES, REFERENCE

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette would rather have httpx2; httpx is what we use
    from starlette.testclient import TestClient

ORIGIN = "http://127.0.0.1:8000"
PLANTED = (EXAMPLES / "mfa-protest-errors.md").read_text(encoding="utf-8")
NEW_FACT = {
    "subject": "un-security-council",
    "property": "established_on",
    "value": "1945-10-24",
    "unit": "date",
    "source_url": "https://www.un.org/securitycouncil/",
    "source_title": "United Nations Security Council",
}
UNSC_1945 = "BAKU, Nov. 6, 2019 — The UN Security Council was established in 1945.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "newsroom"
    shutil.copytree(REFERENCE, copy, ignore=shutil.ignore_patterns("README.md"))
    return copy


def _client(desk: Desk, policy: Policy | None = None) -> TestClient:
    return TestClient(create_app(desk, policy), base_url=ORIGIN)


@pytest.fixture
def client(folder: Path) -> TestClient:
    return _client(Desk(folder))


def _csrf(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": client.get("/api/session").json()["csrf"]}


def _verdict_of(answer: dict, text: str) -> str:
    return next(f["verdict"] for f in answer["report"]["findings"] if f["text"] == text)


def test_api_check_answers_what_check_format_json_prints(client, folder):
    cli = CliRunner().invoke(
        main, ["check", "-", "--format", "json", "--reference", str(folder)], input=PLANTED
    )
    answer = client.post("/api/check", json={"text": PLANTED})
    assert answer.status_code == 200
    assert answer.json() == json.loads(cli.stdout)
    dated = client.post("/api/check", json={"text": PLANTED, "as_of": "2024-01-10"}).json()
    assert dated["document"] == {
        **answer.json()["document"],
        "as_of": "2024-01-10",
        "as_of_source": "--as-of",
    }


def test_the_page_shows_the_static_reports_own_parts(client, folder):
    answer = client.post("/api/report", json={"text": PLANTED, "name": "planted.md"}).json()
    report = factcheck.check(
        factcheck.document_from_text(PLANTED, path="planted.md"), reference=str(folder)
    )
    static = render_page(report)
    assert answer["html"]["summary"].strip() in static
    assert answer["html"]["article"].strip() in static
    for card in re.findall(r'<li class="finding[^>]*>\s*<div class="head">.*?</div>', static, re.S):
        assert card in answer["html"]["findings"]
    assert answer["report"]["summary"] == report.summary()
    assert answer["blocking"] == len(report.blocking())


def test_the_page_and_its_files_load_nothing_from_elsewhere(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/static/") for s in sources)
    for source in sources:
        served = client.get(source)
        assert served.status_code == 200, source
        assert not re.search(r"https?://|@import|url\(", served.text), source
    assert "<style" not in page.text and "<script>" not in page.text
    assert client.get("/static/../app.py").status_code == 404


def test_report_css_and_script_are_the_static_reports(client, planted_page):
    assert client.get("/static/report.css").text.strip() in planted_page
    assert client.get("/static/report.js").text.strip() in planted_page


@pytest.fixture(scope="module")
def planted_page(reference) -> str:
    return render_page(factcheck.check(EXAMPLES / "mfa-protest-errors.md", reference=reference))


def test_hostile_text_is_escaped_in_every_part(client):
    hostile = (
        "BAKU, Nov. 6, 2019 — <script>alert(1)</script> signed on 3 July 1997 <img src=x "
        'onerror=alert(2)> "><svg onload=alert(3)>\n'
    )
    answer = client.post("/api/report", json={"text": hostile, "name": '"><b>x.md'}).json()
    for part in answer["html"].values():
        assert "<script>" not in part and "<img" not in part and "<svg" not in part
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer["html"]["article"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"not json", 400, "not JSON"),
        (b"[1]", 400, "JSON object"),
        (b'{"text": 3}', 400, '"text" is missing or not a string'),
        (b'{"text": "   "}', 400, "the draft is empty"),
        (b'{"text": "x", "as_of": "6 Nov"}', 400, "is not a date — write YYYY-MM-DD"),
    ],
)
def test_bad_requests_get_one_clear_line(client, body, status, message):
    answer = client.post("/api/check", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == status
    assert message in answer.json()["error"]
    assert "\n" not in answer.json()["error"]


def test_requests_are_guarded(folder):
    client = _client(Desk(folder), Policy(max_bytes=10_000))
    assert client.post("/api/check", json={"text": "x" * 20_000}).status_code == 413
    assert client.post("/api/check", content="text=1").status_code == 415
    foreign = client.post(
        "/api/check", json={"text": PLANTED}, headers={"Origin": "http://evil.test"}
    )
    assert foreign.status_code == 403
    cross = client.post(
        "/api/check", json={"text": PLANTED}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert cross.status_code == 403
    own = client.post("/api/check", json={"text": PLANTED}, headers={"Origin": ORIGIN})
    assert own.status_code == 200 and own.headers["cache-control"] == "no-store"
    rebound = client.get("/", headers={"Host": "evil.test:8000"})
    assert rebound.status_code == 421
    assert client.put("/api/check").status_code == 405


def test_a_token_is_needed_on_every_request(folder):
    client = _client(Desk(folder), Policy(token="s3cret", loopback=False))
    assert client.get("/").status_code == 401
    assert client.get("/static/desk.js").status_code == 401
    assert client.post("/api/check", json={"text": PLANTED}).status_code == 401
    bearer = {"Authorization": "Bearer s3cret"}
    assert client.post("/api/check", json={"text": PLANTED}, headers=bearer).status_code == 200
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    opened = client.get("/?token=s3cret", follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/"
    assert (
        "HttpOnly" in opened.headers["set-cookie"]
        and "SameSite=Strict" in opened.headers["set-cookie"]
    )
    assert client.get("/").status_code == 200  # the cookie now rides along
    assert (
        "evil" not in client.get("/", headers={"Host": "evil.test"}).text
    )  # no Host check off loopback


def test_adding_a_fact_appends_it_and_checks_the_draft_again(client, folder):
    before = (folder / "facts.csv").read_bytes()
    first = client.post("/api/report", json={"text": UNSC_1945}).json()
    assert _verdict_of(first, "1945") == "unverified"
    answer = client.post(
        "/api/facts", json={"row": NEW_FACT, "text": UNSC_1945}, headers=_csrf(client)
    )
    assert answer.status_code == 201, answer.text
    fact = answer.json()["fact"]
    assert fact["id"].startswith("F-") and fact["status"] == "established"
    assert _verdict_of(answer.json(), "1945") == "supported"
    after = (folder / "facts.csv").read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
    assert (folder / "facts.csv.bak").read_bytes() == before
    assert factcheck.load_reference(folder).facts_for("un-security-council", "established_on")
    again = client.post("/api/facts", json={"row": NEW_FACT}, headers=_csrf(client))
    assert again.status_code == 422
    assert any("used twice" in p for p in again.json()["problems"])
    assert (folder / "facts.csv").read_bytes() == after


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"source_url": ""}, "needs a source_url"),
        ({"source_url": "ftp://example.org/x"}, "needs a source_url starting with http"),
        ({"subject": "nobody"}, "is not an entity in entities.csv"),
        ({"property": "founded"}, "is not in properties.csv"),
        ({"value": "24 October 1945"}, "is not a date"),
        ({"valid_from": "2020", "valid_to": "2019"}, "valid_from is after valid_to"),
        ({"note": "line one\nline two"}, "keep each cell on one line"),
        ({"source_title": "=HYPERLINK(1)"}, "spreadsheet runs as a formula"),
        ({"status": "disputed"}, "is disputed but has one position"),
    ],
)
def test_a_row_reference_lint_refuses_is_not_written(client, folder, change, problem):
    before = (folder / "facts.csv").read_bytes()
    answer = client.post("/api/facts", json={"row": {**NEW_FACT, **change}}, headers=_csrf(client))
    assert answer.status_code == 422
    assert any(problem in p for p in answer.json()["problems"]), answer.json()
    assert (folder / "facts.csv").read_bytes() == before
    assert not (folder / "facts.csv.bak").exists()


def test_a_second_holder_of_an_office_at_once_is_refused(client, folder):
    bocharnikov = {
        "subject": "vladimir-dorokhin",
        "property": "position_held",
        "value": "ru-ambassador-to-az",
        "valid_from": "2019-01",
        "source_url": "https://example.org/dorokhin",
    }
    table = factcheck.load_reference(folder)
    assert table.entities.get("vladimir-dorokhin") and table.entities.get("ru-ambassador-to-az")
    answer = client.post("/api/facts", json={"row": bocharnikov}, headers=_csrf(client))
    assert answer.status_code == 422
    assert any("one person holds this office at a time" in p for p in answer.json()["problems"])


def test_writes_need_the_csrf_token_and_a_writable_folder(client):
    assert client.post("/api/facts", json={"row": NEW_FACT}).status_code == 403
    bad = client.post("/api/facts", json={"row": NEW_FACT}, headers={"X-CSRF-Token": "guess"})
    assert bad.status_code == 403 and "CSRF" in bad.json()["error"]
    read_only = _client(Desk(None))
    answer = read_only.post("/api/facts", json={"row": NEW_FACT}, headers=_csrf(read_only))
    assert answer.status_code == 403
    assert "--reference" in answer.json()["error"]
    assert "read-only" in read_only.get("/").text


def test_the_bundled_reference_is_read_only_even_when_named():
    desk = Desk(REFERENCE)
    assert not desk.writable and "shipped with factcheck" in desk.read_only_reason


def test_a_reference_changed_on_disk_is_read_again(client, folder):
    assert _verdict_of(client.post("/api/report", json={"text": UNSC_1945}).json(), "1945") == (
        "unverified"
    )
    with (folder / "facts.csv").open("a", encoding="utf-8") as facts:
        facts.write(
            "F999,un-security-council,established_on,1945,date,,,,established,https://un.org,,\n"
        )
    assert _verdict_of(client.post("/api/report", json={"text": UNSC_1945}).json(), "1945") == (
        "supported"
    )


def test_crlf_files_and_files_without_a_last_newline_stay_whole(folder):
    facts = folder / "facts.csv"
    original = facts.read_bytes().replace(b"\n", b"\r\n").rstrip(b"\r\n")
    facts.write_bytes(original)
    client = _client(Desk(folder))
    assert (
        client.post("/api/facts", json={"row": NEW_FACT}, headers=_csrf(client)).status_code == 201
    )
    written = facts.read_bytes()
    assert written.startswith(original + b"\r\n") and written.endswith(b"\r\n")
    assert b"\n" not in written.replace(b"\r\n", b"")


def test_cards_offer_prefilled_rows_for_unverified_claims(client):
    answer = client.post("/api/report", json={"text": UNSC_1945}).json()
    form = answer["html"]["findings"]
    assert 'name="subject" value="un-security-council"' in form
    assert "<option selected>established_on</option>" in form
    assert 'name="value" value="1945"' in form


def test_applying_every_suggestion_fixes_the_planted_draft(reference):
    text = PLANTED
    for _ in range(20):
        report = factcheck.check(text, reference=reference)
        edits = [e for f in report.findings if (e := suggested_edit(f, reference))]
        if not edits:
            break
        edit = edits[0]
        text = text[: edit.start] + edit.text + text[edit.end :]
    report = factcheck.check(text, reference=reference)
    assert "Russian Ambassador Mikhail Bocharnikov" in text
    assert "Deputy Minister of Foreign Affairs of Azerbaijan Khalaf Khalafov" in text
    assert "and 7 surrounding districts" in text and "signed on 3 July 1997" in text
    assert report.summary()["outdated"] == 0
    # What is left has no single right figure (sources disagree on the share) or
    # no suggestion to make (a weekday, a date after the dateline).
    assert [f.claim.span.text for f in report.blocking() if f.verdict == "contradicted"] == [
        "40\npercent"
    ]
    assert not any(f.suggestion for f in report.blocking())


def test_html_files_are_read_as_their_article_text(client):
    html = (
        "<html><head><title>T</title></head><body><nav>Home | World</nav><article><h1>Treaty"
        "</h1><p>BAKU, Nov. 6, 2019 — The treaty was signed on 3 July 1997 in Moscow, the "
        "ministry said in a statement on Wednesday.</p></article></body></html>"
    )
    answer = client.post("/api/extract", json={"name": "story.html", "content": html}).json()
    assert "signed on 3 July 1997" in answer["text"] and "<p>" not in answer["text"]
    plain = client.post("/api/extract", json={"name": "draft.md", "content": "# A\n"}).json()
    assert plain["text"] == "# A\n"


def test_the_reference_browser_finds_entities_by_alias(client):
    found = client.get("/api/entities", params={"q": "Bocharnikov"}).json()["entities"]
    assert found[0]["id"] == "mikhail-bocharnikov" and found[0]["exact"]
    typo = client.get("/api/entities", params={"q": "Bocharnikof"}).json()["entities"]
    assert typo and typo[0]["id"] == "mikhail-bocharnikov" and not typo[0]["exact"]
    entity = client.get("/api/entities/mikhail-bocharnikov").json()
    held = [f for f in entity["facts"] if f["property"] == "position_held"]
    assert held and held[0]["source_url"].startswith("http") and held[0]["valid_from"]
    assert client.get("/api/entities/nobody").status_code == 404
    office = client.get("/api/entities/ru-ambassador-to-az").json()
    assert {f["subject_label"] for f in office["named_in"]} >= {"Mikhail Bocharnikov"}


def test_the_report_downloads_as_the_static_page(client):
    answer = client.post("/api/page", json={"text": PLANTED, "name": "planted.md"})
    assert answer.headers["content-disposition"] == 'attachment; filename="planted.html"'
    assert '<meta name="generator" content="factcheck' in answer.text
    assert "<style>" in answer.text and "8 contradicted</button>" in answer.text


def test_serve_refuses_a_public_address_without_a_token():
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --host 0.0.0.0 lets other machines reach the page")
    assert result.stderr.count("\n") == 1


def test_serve_says_when_the_port_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "choose another --port" in result.stderr


def test_serve_stops_on_a_missing_reference(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--reference", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "reference folder not found" in result.stderr


def test_the_readme_documents_every_route_and_option(folder):
    from starlette.routing import Route

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    app = create_app(Desk(folder)).app
    for route in app.routes:
        assert isinstance(route, Route)
        if route.path.startswith("/api/"):
            shown = route.path.replace("{entity_id}", "ID")
            assert f"`{sorted(route.methods - {'HEAD'})[0]} {shown}" in readme, route.path
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    for option in set(re.findall(r"factcheck serve [^\n`]*?(--[a-z-]+)", readme)):
        assert option in help_text, option
