"""The fetch engine against a real local HTTP server (pytest-httpserver)."""

from __future__ import annotations

import gzip
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from factcheck.fetch import Blocked, FetchPolicy, FetchStats, check_address, fetch_pages

ARTICLE = (
    "<html><head><title>Treaty signed</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a> Subscribe: 40 percent off!</nav>"
    "<article><h1>Treaty signed in Moscow</h1>"
    "<p>The Treaty on Friendship, Cooperation and Mutual Security was signed in Moscow on "
    "3 July 1997 by the two presidents during an official visit.</p>"
    "<p>The treaty covers security, trade and culture, officials said after the ceremony.</p>"
    "</article><footer>Copyright 2024 Example News</footer></body></html>"
)


def policy(tmp_path, **changes) -> FetchPolicy:
    values = {
        "allow_private": True,
        "cache_dir": tmp_path / "cache",
        "deadline": 5.0,
        "host_spacing": 0.0,
        "backoff": 0.05,
    }
    values.update(changes)
    return FetchPolicy(**values)


def fetch(url, tmp_path, stats=None, **changes):
    return fetch_pages([url], policy(tmp_path, **changes), stats)[url]


def test_200_page_main_text_without_boilerplate(httpserver, tmp_path):
    httpserver.expect_request("/a").respond_with_data(ARTICLE, content_type="text/html")
    page = fetch(httpserver.url_for("/a"), tmp_path)
    assert page.reachable and page.status == 200
    assert "signed in Moscow on 3 July 1997" in page.text
    assert "Subscribe" not in page.text and "Copyright" not in page.text


def test_honest_user_agent_and_no_environment_proxy(httpserver, tmp_path, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    httpserver.expect_request("/ua").respond_with_data("ok", content_type="text/plain")
    assert fetch(httpserver.url_for("/ua"), tmp_path).reachable
    ((request, _),) = httpserver.log
    assert request.headers["User-Agent"].startswith("factcheck/")


@pytest.mark.parametrize("status", [404, 410])
def test_missing_pages_are_unreachable(httpserver, tmp_path, status):
    httpserver.expect_request("/gone").respond_with_data("no", status=status)
    page = fetch(httpserver.url_for("/gone"), tmp_path)
    assert not page.reachable and page.error == f"HTTP {status}"


def test_slow_response_past_the_deadline(httpserver, tmp_path):
    def slow(request):
        time.sleep(2)
        return Response("late", content_type="text/plain")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    page = fetch(httpserver.url_for("/slow"), tmp_path, deadline=0.5, retries=0)
    assert page.error in ("DeadlineExceeded", "ReadTimeout")
    assert time.monotonic() - started < 1.9


def test_429_with_retry_after_then_200(httpserver, tmp_path):
    httpserver.expect_ordered_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_ordered_request("/busy").respond_with_data("fine", content_type="text/plain")
    stats = FetchStats()
    started = time.monotonic()
    page = fetch(httpserver.url_for("/busy"), tmp_path, stats)
    assert page.reachable and page.text == "fine"
    assert stats.requests == 2
    assert time.monotonic() - started >= 0.9  # Retry-After was honoured


def test_5xx_is_retried_but_404_is_not(httpserver, tmp_path):
    httpserver.expect_ordered_request("/flaky").respond_with_data("oops", status=503)
    httpserver.expect_ordered_request("/flaky").respond_with_data("ok", content_type="text/plain")
    assert fetch(httpserver.url_for("/flaky"), tmp_path).reachable
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    stats = FetchStats()
    fetch(httpserver.url_for("/missing"), tmp_path, stats)
    assert stats.requests == 1


def test_redirect_chain_is_reported(httpserver, tmp_path):
    httpserver.expect_request("/one").respond_with_data(
        "", status=301, headers={"Location": "/two"}
    )
    httpserver.expect_request("/two").respond_with_data(
        "", status=302, headers={"Location": "/three"}
    )
    httpserver.expect_request("/three").respond_with_data(ARTICLE, content_type="text/html")
    page = fetch(httpserver.url_for("/one"), tmp_path)
    assert page.reachable
    assert page.chain == (httpserver.url_for("/one"), httpserver.url_for("/two"))
    assert page.final_url == httpserver.url_for("/three")


def test_redirect_loop_and_too_many_redirects(httpserver, tmp_path):
    httpserver.expect_request("/ping").respond_with_data(
        "", status=302, headers={"Location": "/pong"}
    )
    httpserver.expect_request("/pong").respond_with_data(
        "", status=302, headers={"Location": "/ping"}
    )
    assert fetch(httpserver.url_for("/ping"), tmp_path).error == "redirect loop"
    for i in range(12):
        httpserver.expect_request(f"/r{i}").respond_with_data(
            "", status=302, headers={"Location": f"/r{i + 1}"}
        )
    page = fetch(httpserver.url_for("/r0"), tmp_path, max_redirects=10)
    assert page.error == "more than 10 redirects"


def test_redirect_from_a_public_name_to_loopback_is_refused(tmp_path):
    """public.test resolves to 127.0.0.2, trusted as if public; it redirects to
    127.0.0.1, which must be refused unless private addresses are allowed."""
    inner = HTTPServer(host="127.0.0.1", port=0)
    outer = HTTPServer(host="127.0.0.2", port=0)
    inner.start()
    outer.start()
    try:
        inner.expect_request("/secret").respond_with_data(
            "internal data", content_type="text/plain"
        )
        outer.expect_request("/start").respond_with_data(
            "", status=302, headers={"Location": inner.url_for("/secret")}
        )

        async def resolve(host, port):
            return {"public.test": ["127.0.0.2"]}.get(host, [host])

        url = f"http://public.test:{outer.port}/start"
        strict = fetch(
            url,
            tmp_path,
            allow_private=False,
            allow_addresses=frozenset({"127.0.0.2"}),
            resolve=resolve,
            cache_dir=None,
        )
        assert strict.error.startswith("blocked: 127.0.0.1")
        assert inner.log == []  # the internal service was never contacted
        ((request, _),) = outer.log
        assert request.headers["Host"] == f"public.test:{outer.port}"
        allowed = fetch(url, tmp_path, allow_private=True, resolve=resolve, cache_dir=None)
        assert allowed.reachable and allowed.text == "internal data"
    finally:
        inner.clear()
        outer.clear()
        inner.stop()
        outer.stop()


def test_50_mb_body_is_cut_at_the_cap(httpserver, tmp_path):
    body = b"word " * (10 * 1024 * 1024)  # 50 MB
    httpserver.expect_request("/huge").respond_with_data(body, content_type="text/plain")
    page = fetch(httpserver.url_for("/huge"), tmp_path, max_bytes=1_000_000)
    assert page.reachable and page.truncated
    assert len(page.text) <= 1_000_000


def test_gzip_bomb_is_cut_after_decompression(httpserver, tmp_path):
    bomb = gzip.compress(b"a" * (200 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 1_000_000
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/plain", headers={"Content-Encoding": "gzip"}
    )
    page = fetch(httpserver.url_for("/bomb"), tmp_path, max_bytes=2_000_000)
    assert page.truncated and len(page.text) <= 2_000_000


def test_wrong_content_type_is_not_read(httpserver, tmp_path):
    httpserver.expect_request("/img").respond_with_data(b"\x89PNG....", content_type="image/png")
    page = fetch(httpserver.url_for("/img"), tmp_path)
    assert page.status == 200 and page.error == "content type image/png not read"
    assert page.text == ""


def test_only_http_and_https(tmp_path):
    pages = fetch_pages(["ftp://example.org/x", "file:///etc/passwd"], policy(tmp_path))
    assert all(p.error.startswith("unsupported URL scheme") for p in pages.values())


def test_cache_makes_a_second_run_request_free(httpserver, tmp_path):
    httpserver.expect_request("/c").respond_with_data(
        "cached text", content_type="text/plain", headers={"ETag": '"v1"'}
    )
    first, second = FetchStats(), FetchStats()
    fetch(httpserver.url_for("/c"), tmp_path, first)
    page = fetch(httpserver.url_for("/c"), tmp_path, second)
    assert first.requests == 1 and second.requests == 0 and second.cache_hits == 1
    assert page.from_cache and page.text == "cached text"


def test_expired_cache_entry_is_revalidated_with_its_etag(httpserver, tmp_path):
    httpserver.expect_ordered_request("/e").respond_with_data(
        "version one", content_type="text/plain", headers={"ETag": '"v1"'}
    )
    httpserver.expect_ordered_request("/e", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    fetch(httpserver.url_for("/e"), tmp_path, cache_ttl=0.0)
    page = fetch(httpserver.url_for("/e"), tmp_path, cache_ttl=0.0)
    assert page.reachable and page.text == "version one"
    assert len(httpserver.log) == 2


def test_refusals_and_timeouts_are_not_cached(httpserver, tmp_path):
    httpserver.expect_request("/p").respond_with_data("public now", content_type="text/plain")
    refused = fetch(httpserver.url_for("/p"), tmp_path, allow_private=False)
    assert refused.error.startswith("blocked")
    allowed = fetch(httpserver.url_for("/p"), tmp_path, allow_private=True)
    assert allowed.reachable and not allowed.from_cache


def test_offline_fetches_nothing(httpserver, tmp_path):
    page = fetch(httpserver.url_for("/x"), tmp_path, offline=True)
    assert page.error == "not fetched: offline" and httpserver.log == []


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fd00::1",
        "fd00:ec2::254",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a00:1",
        "2002:7f00:1::1",
        "224.0.0.1",
    ],
)
def test_non_public_addresses_are_blocked(address):
    with pytest.raises(Blocked):
        check_address(address, FetchPolicy())


@pytest.mark.parametrize(
    "address",
    [
        "169.254.169.254",
        "169.254.170.2",
        "100.100.100.200",
        "fd00:ec2::254",
        "::ffff:169.254.169.254",
        "::a9fe:a9fe",
        "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::a9fe:a9fe",
        "2002:a9fe:a9fe::1",
        "fe80::a9fe:a9fe%eth0",
        "0.0.0.0",
        "255.255.255.255",
        "224.0.0.1",
    ],
)
def test_metadata_and_no_host_addresses_are_blocked_under_every_policy(address):
    loosest = FetchPolicy(allow_private=True, allow_addresses=frozenset({address}))
    with pytest.raises(Blocked, match="never fetched"):
        check_address(address, loosest)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_pass(address):
    check_address(address, FetchPolicy())


def _one_page_pdf(text: str) -> bytes:
    """A minimal PDF with one line of text, written out by hand (with its xref)."""
    stream = f"BT /F1 24 Tf 72 700 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj" % number + content + b"endobj\n"
    xref = len(body)
    body += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return body + b"trailer<</Size 6/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_pdf_text_layer_is_read(httpserver, tmp_path):
    pdf = _one_page_pdf("Signed in Moscow on 3 July 1997")
    httpserver.expect_request("/doc.pdf").respond_with_data(pdf, content_type="application/pdf")
    page = fetch(httpserver.url_for("/doc.pdf"), tmp_path)
    assert page.reachable and "Signed in Moscow on 3 July 1997" in page.text


def test_https_connects_to_the_checked_address_and_verifies_the_name(tmp_path):
    """public.test is pinned to 127.0.0.1; TLS must still check the certificate
    against the name public.test (sent as SNI), not against the address."""
    import ssl

    import trustme

    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("public.test").configure_cert(server_context)
    client_context = ssl.create_default_context()
    authority.configure_trust(client_context)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=server_context)
    server.start()
    try:
        server.expect_request("/s").respond_with_data("over TLS", content_type="text/plain")

        async def resolve(host, port):
            return ["127.0.0.1"]

        url = f"https://public.test:{server.port}/s"
        page = fetch(url, tmp_path, resolve=resolve, verify=client_context, cache_dir=None)
        assert page.reachable and page.text == "over TLS"
        wrong = f"https://other.test:{server.port}/s"  # the certificate does not name it
        refused = fetch(wrong, tmp_path, resolve=resolve, verify=client_context, cache_dir=None)
        assert not refused.reachable and refused.error == "ConnectError"
    finally:
        server.clear()
        server.stop()


def test_a_page_read_under_allow_private_is_not_served_to_a_stricter_run(httpserver, tmp_path):
    httpserver.expect_request("/intranet").respond_with_data(
        "internal memo: 3 July 1997", content_type="text/plain"
    )
    url = httpserver.url_for("/intranet")
    first = fetch(url, tmp_path, allow_private=True)
    assert first.reachable and first.addresses == ("127.0.0.1",)
    strict = fetch(url, tmp_path, allow_private=False)
    assert strict.error.startswith("blocked") and strict.text == "" and not strict.from_cache
    offline = fetch(url, tmp_path, allow_private=False, offline=True)
    assert offline.error == "not fetched: offline" and offline.text == ""
    trusted = fetch(url, tmp_path, allow_private=False, allow_addresses=frozenset({"127.0.0.1"}))
    assert trusted.from_cache and trusted.text == first.text  # the same address, allowed
    again = fetch(url, tmp_path, allow_private=True, offline=True)
    assert again.from_cache and again.text == first.text  # offline: the cache, at any age
    assert len(httpserver.log) == 1


def test_cache_entries_of_an_older_version_are_not_trusted(httpserver, tmp_path):
    import json

    httpserver.expect_request("/p").respond_with_data("fresh", content_type="text/plain")
    url = httpserver.url_for("/p")
    fetch(url, tmp_path)
    (entry,) = (tmp_path / "cache").glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    del data["version"], data["addresses"]
    entry.write_text(json.dumps({**data, "text": "stale"}), encoding="utf-8")
    assert fetch(url, tmp_path).text == "fresh"


class _Proxy:
    """A forward proxy on loopback that answers every request itself and keeps
    the request lines it got (what a real proxy would resolve and fetch)."""

    def __init__(self) -> None:
        import http.server
        import threading

        lines = self.lines = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                lines.append((self.requestline, self.headers.get("Host")))
                body = b"Signed in Moscow on 3 July 1997."
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy(monkeypatch):
    server = _Proxy()
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("HTTP_PROXY", server.url)
    yield server
    server.close()


def test_env_proxy_gets_the_host_name_not_an_address(proxy, tmp_path):
    async def resolve(host, port):  # would give loopback, which the strict policy refuses
        return ["127.0.0.1"]

    url = "http://news.example/2019/treaty"
    page = fetch(url, tmp_path, allow_private=False, trust_env=True, resolve=resolve)
    assert page.reachable and "3 July 1997" in page.text
    assert proxy.lines == [(f"GET {url} HTTP/1.1", "news.example")]
    assert page.via_proxy and page.addresses == ("",)
    direct = fetch(url, tmp_path, allow_private=False, trust_env=False, resolve=resolve)
    assert direct.error.startswith("blocked")  # a page read through the proxy stays there
    assert len(proxy.lines) == 1


def test_no_proxy_hosts_go_direct_to_the_checked_address(proxy, httpserver, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "intranet.example")
    httpserver.expect_request("/memo").respond_with_data("memo", content_type="text/plain")

    async def resolve(host, port):
        return ["127.0.0.1"]

    url = f"http://intranet.example:{httpserver.port}/memo"
    page = fetch(url, tmp_path, trust_env=True, resolve=resolve)
    assert page.text == "memo" and proxy.lines == [] and page.addresses == ("127.0.0.1",)


@pytest.mark.parametrize(
    "host",
    ["169.254.169.254", "2852039166", "0xa9fea9fe", "0251.0376.0251.0376", "[fd00:ec2::254]"],
)
def test_env_proxy_is_never_asked_for_a_metadata_address(proxy, tmp_path, host):
    page = fetch(f"http://{host}/latest/meta-data/", tmp_path, trust_env=True, allow_private=True)
    assert "never fetched" in page.error and proxy.lines == []


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("169.254.169.254", "169.254.169.254"),
        ("2852039166", "169.254.169.254"),
        ("0xa9fea9fe", "169.254.169.254"),
        ("0251.0376.0251.0376", "169.254.169.254"),
        ("169.254.43518", "169.254.169.254"),
        ("[::ffff:a9fe:a9fe]", "::ffff:a9fe:a9fe"),
        ("example.org", None),
        ("1e100.net", None),
    ],
)
def test_literal_addresses_in_every_spelling(host, address):
    from factcheck.fetch import literal_address

    assert literal_address(host) == address
