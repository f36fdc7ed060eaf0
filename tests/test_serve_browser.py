"""The editor's desk in a real headless Chromium, as an editor uses it: the real
server on a loopback port, the bundled planted-errors draft pasted in, a verdict
count clicked, a suggestion applied, a finding suppressed, a fact added.

Screenshots of each step go to tests/artifacts/serve/ (git-ignored).

Needs Debian's chromium (/usr/bin/chromium, or FACTCHECK_CHROMIUM) and the
playwright package; without them these tests skip, unless
FACTCHECK_REQUIRE_BROWSER=1 (as in .ci/run), where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from factcheck.serve import Desk, Policy, create_app
from factcheck.serve.server import address, bind

from .conftest import EXAMPLES, REFERENCE, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts" / "serve"
CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ENABLE = (
    "install Debian's chromium (apt-get install chromium) and playwright "
    "(pip install -e '.[test]'), or set FACTCHECK_CHROMIUM to a Chromium binary"
)


def _browser_missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}"
    return ""


_MISSING = _browser_missing()
_REQUIRED = os.environ.get("FACTCHECK_REQUIRE_BROWSER") == "1"


def _need_browser() -> None:
    if _MISSING and _REQUIRED:
        pytest.fail(
            f"browser tests are required here (FACTCHECK_REQUIRE_BROWSER=1) but {_MISSING} "
            f"— {ENABLE}"
        )
    if _MISSING:
        pytest.skip(f"browser tests skipped: {_MISSING} — to run them, {ENABLE}")


class _Server:
    """The real server (uvicorn) on a free loopback port, in a thread."""

    def __init__(self, folder: Path) -> None:
        self.listener = bind("127.0.0.1", 0)
        self.url = address("127.0.0.1", self.listener.getsockname()[1])
        app = create_app(Desk(folder), Policy())
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.listener]}, daemon=True
        )

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.listener.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the reference, as an editor makes with `cp -r`."""
    copy = tmp_path / "newsroom-reference"
    shutil.copytree(REFERENCE, copy, ignore=shutil.ignore_patterns("README.md"))
    return copy


@pytest.fixture
def page(folder: Path) -> Iterator[object]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with _Server(folder) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        outside: list[str] = []
        # Anything not asked of our own server is recorded and refused.
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(server.url) or route.request.url.startswith("blob:")
                else (outside.append(route.request.url), route.abort())
            ),
        )
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(server.url)
        yield tab
        assert outside == [], f"the page asked for {outside}"
        assert errors == [], f"script errors: {errors}"
        browser.close()


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def _chip(page, verdict: str) -> str:
    return page.locator(f'.chip[data-verdict="{verdict}"]').inner_text()


def _paste(page, text: str) -> None:
    page.locator("#draft").fill(text)


def _wait_for_report(page, claims: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('#article-slot mark').length === n", arg=claims
    )


def test_an_editor_checks_fixes_suppresses_and_adds_a_fact(page, folder):
    from playwright.sync_api import expect

    draft = (EXAMPLES / "mfa-protest-errors.md").read_text(encoding="utf-8")
    _shot(page, "01-empty")
    expect(page.locator("#reference-note")).to_contain_text(str(folder))

    # Paste the planted-errors draft: the highlights and counts appear.
    _paste(page, draft)
    _wait_for_report(page, 21)
    assert _chip(page, "contradicted") == "8 contradicted"
    assert _chip(page, "outdated") == "2 outdated"
    expect(page.locator("#status")).to_contain_text("blocking")
    _shot(page, "02-checked")

    # Click a verdict count: only its cards stay visible.
    page.locator('.chip[data-verdict="outdated"]').click()
    visible = page.locator("#findings-slot .finding:not(.hidden)")
    expect(visible).to_have_count(2)
    _shot(page, "03-filtered-outdated")

    # Open a finding from its highlight: the card is marked active.
    page.locator("mark#claim-0").click()
    expect(page.locator("#finding-0")).to_have_class("finding v-outdated active")
    expect(page.locator("#finding-0")).to_contain_text("Mikhail Bocharnikov")
    _shot(page, "04-finding-open")

    # Apply its suggestion: the draft is edited in place and the claim is supported.
    page.locator("#finding-0 .apply-suggestion").click()
    expect(page.locator("#draft")).to_have_value(
        draft.replace(
            "Russian Ambassador Vladimir Dorokhin", "Russian Ambassador Mikhail Bocharnikov"
        )
    )
    expect(page.locator(".chip[data-verdict='outdated']")).to_have_text("1 outdated")
    claim = page.locator("mark", has_text="Russian Ambassador Mikhail Bocharnikov")
    expect(claim).to_have_class("v-supported")
    # The filter the editor chose survives the new check.
    expect(page.locator("#findings-slot .finding:not(.hidden)")).to_have_count(1)
    _shot(page, "05-suggestion-applied")
    page.locator('.chip[data-verdict="outdated"]').click()  # show all again

    # Suppress a finding with a reason: the comment goes into the draft, it no longer counts.
    card = page.locator(".finding", has_text="“Thursday, Nov. 7, 2019”")
    card.get_by_role("button", name="Suppress…").click()
    card.locator("input[name=reason]").fill('the ministry\'s own "date"')
    card.get_by_role("button", name="Insert comment").click()
    expect(page.locator("#draft")).to_have_value(
        re.compile(
            re.escape("<!-- factcheck: ignore inconsistent \"the ministry's own 'date'\" -->")
        )
    )
    expect(page.locator(".chip[data-verdict='inconsistent']")).to_have_text("2 inconsistent")
    _shot(page, "06-suppressed")

    # A claim the reference does not cover: add the fact from its card.
    page.locator("#draft").press("Control+End")
    page.locator("#draft").press_sequentially(
        "\nThe UN Security Council was established in 1945.\n"
    )
    unverified = page.locator(".finding", has_text="“1945”")
    expect(unverified).to_have_attribute("data-verdict", "unverified")
    unverified.get_by_role("button", name="Add to reference…").click()
    form = unverified.locator("form.fact-form")
    expect(form.locator("input[name=subject]")).to_have_value("un-security-council")
    expect(form.locator("select[name=property]")).to_have_value("established_on")
    expect(form.locator("input[name=value]")).to_have_value("1945")
    _shot(page, "07-fact-form")
    form.locator("input[name=value]").fill("1945-10-24")
    form.get_by_role("button", name="Add to facts.csv").click()
    # Without a source the row is refused by the browser's own form check; give one.
    form.locator("input[name=source_url]").fill("https://www.un.org/securitycouncil/")
    form.locator("input[name=source_title]").fill("United Nations Security Council")
    form.get_by_role("button", name="Add to facts.csv").click()
    expect(page.locator("mark", has_text="1945")).to_have_class("v-supported")
    expect(page.locator("#status")).to_contain_text("Added F-")
    _shot(page, "08-fact-added")
    facts = (folder / "facts.csv").read_text(encoding="utf-8")
    assert "un-security-council,established_on,1945-10-24,," in facts
    assert (folder / "facts.csv.bak").read_text(encoding="utf-8") in facts


def test_the_reference_browser_finds_an_entity_by_alias(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Reference").click()
    page.locator("#entity-query").fill("Bocharnikov")
    page.get_by_role("button", name="Mikhail Bocharnikov (person)").click()
    detail = page.locator("#entity-detail")
    expect(detail.locator("h2")).to_have_text("Mikhail Bocharnikov")
    expect(detail).to_contain_text("position held")
    expect(detail.locator("a").first).to_have_attribute("href", re.compile(r"^https?://"))
    _shot(page, "09-reference-browser")


def test_hostile_draft_runs_nothing_and_injects_nothing(page):
    from playwright.sync_api import expect

    page.evaluate("() => { window.__pwned = 0; }")
    hostile = (
        "BAKU, Nov. 6, 2019 — <script>window.__pwned = 1</script> The treaty was signed "
        'on 3 July 1997. <img src=x onerror="window.__pwned = 2"> '
        '<a href="javascript:window.__pwned=3" id="evil">x</a> '
        '<iframe srcdoc="<script>parent.__pwned=4</script>"></iframe> '
        '<!-- factcheck: ignore all "><img src=y onerror=window.__pwned=5>" -->\n'
    )
    _paste(page, hostile)
    page.wait_for_function("() => document.querySelectorAll('#article-slot mark').length > 0")
    expect(page.locator("#article-slot")).to_contain_text("<script>window.__pwned = 1</script>")
    injected = page.evaluate(
        "() => document.querySelectorAll('#tab-report script, #tab-report img, #tab-report iframe,"
        " #tab-report #evil').length"
    )
    assert injected == 0
    assert page.evaluate("() => window.__pwned") == 0
    _shot(page, "10-hostile-draft")


def test_an_html_file_opens_as_its_article_text(page, tmp_path):
    from playwright.sync_api import expect

    story = tmp_path / "story.html"
    story.write_text(
        "<html><head><title>Treaty</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Treaty anniversary</h1><p>BAKU, Nov. 6, 2019 — The Treaty on Friendship, "
        "Cooperation and Mutual Security between Azerbaijan and Russia was signed on 3 July "
        "1996, the ministry recalled in a statement on Wednesday.</p></article></body></html>",
        encoding="utf-8",
    )
    page.locator("#upload").set_input_files(str(story))
    expect(page.locator("#draft")).to_have_value(re.compile("signed on 3 July\\s+1996"))
    expect(page.locator("#draft")).not_to_have_value(re.compile("Home \\| World"))
    expect(page.locator("mark", has_text="3 July")).to_have_class("v-contradicted")
    _shot(page, "11-html-file-opened")
