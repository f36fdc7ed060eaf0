"""Cloud metadata and other never-public addresses stay blocked under every flag
and at every hop: directly, in every spelling, by name, through redirects of a
local server, through the command line. See conftest.py for the isolation."""

from __future__ import annotations

import errno
import json
import socket

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.fetch import FetchPolicy, fetch_pages

from .conftest import ISOLATED, LeftTheMachine

METADATA_URLS = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://169.254.170.2/v2/credentials",
    "http://100.100.100.200/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/latest/meta-data/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[::a9fe:a9fe]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:a9fe:a9fe::1]/",
    "http://2852039166/latest/meta-data/",
    "http://0xa9fea9fe/latest/meta-data/",
    "http://0251.0376.0251.0376/latest/meta-data/",
    "http://169.254.43518/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://metadata/computeMetadata/v1/",
    "https://169.254.169.254/",
    "http://0.0.0.0/",
]
FLAGS = {
    "default": {},
    "allow-private": {"allow_private": True},
    "allow-private and env proxy": {"allow_private": True, "trust_env": True},
}


def fetch(url: str, tmp_path, **flags) -> object:
    policy = FetchPolicy(cache_dir=tmp_path / "cache", host_spacing=0.0, deadline=5.0, **flags)
    return fetch_pages([url], policy)[url]


def test_nothing_but_loopback_can_be_reached():
    if ISOLATED:  # the namespace itself: no route to anything but loopback
        raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        with pytest.raises(OSError) as refused:
            super(socket.socket, raw).connect(("169.254.169.254", 80))
        raw.close()
        assert refused.value.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH)
    with pytest.raises(LeftTheMachine):  # and the guard of conftest.py, in any case
        socket.create_connection(("169.254.169.254", 80), timeout=1)


@pytest.mark.parametrize("flags", FLAGS.values(), ids=FLAGS.keys())
@pytest.mark.parametrize("url", METADATA_URLS)
def test_metadata_address_is_never_fetched(url, flags, tmp_path):
    page = fetch(url, tmp_path, **flags)
    assert "never fetched" in page.error, page.error
    assert page.status is None and page.text == ""


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "//169.254.169.254/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://2852039166/",
        "http://metadata.google.internal/computeMetadata/v1/",
    ],
)
def test_redirect_to_metadata_is_blocked_under_allow_private(
    httpserver, tmp_path, status, location
):
    httpserver.expect_request("/start").respond_with_data(
        "", status=status, headers={"Location": location}
    )
    start = httpserver.url_for("/start")
    page = fetch(start, tmp_path, allow_private=True)
    assert "never fetched" in page.error and page.chain == (start,)
    assert len(httpserver.log) == 1


def test_metadata_is_blocked_after_two_local_hops(httpserver, tmp_path):
    httpserver.expect_request("/one").respond_with_data(
        "", status=302, headers={"Location": "/two"}
    )
    httpserver.expect_request("/two").respond_with_data(
        "", status=307, headers={"Location": "http://0xa9fea9fe/latest/"}
    )
    page = fetch(httpserver.url_for("/one"), tmp_path, allow_private=True)
    assert "never fetched" in page.error and len(page.chain) == 2


def test_a_name_resolving_to_metadata_is_blocked(tmp_path):
    async def resolve(host, port):
        return ["169.254.169.254"]

    page = fetch("http://harmless.example/", tmp_path, allow_private=True, resolve=resolve)
    assert "never fetched" in page.error


def test_command_line_with_allow_private_reports_the_block(httpserver, tmp_path, monkeypatch):
    httpserver.expect_request("/source").respond_with_data(
        "", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(
        "The treaty was signed on 3 July 1997, according to "
        f"[the ministry]({httpserver.url_for('/source')}).\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        ["check", "draft.md", "--check-citations", "--allow-private", "--format", "json"],
        catch_exceptions=False,
    )
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["kind"] == "citation"]
    assert finding["verdict"] == "unreachable" and "never fetched" in finding["message"]
    assert len(httpserver.log) == 1
