"""Run by tests/test_network_guard.py inside a network namespace of its own
(`unshare -n`, loopback only) where the machine allows it: the tests here point
factcheck at cloud metadata addresses, so nothing may be able to leave.

Inside the namespace the loopback interface starts down; it is brought up here.
In every case a guard refuses any socket connection to an address that is not
loopback, so that a broken fetch guard fails a test instead of sending a packet.
"""

from __future__ import annotations

import fcntl
import ipaddress
import os
import socket
import struct

import pytest

ISOLATED = os.environ.get("FACTCHECK_LOOPBACK_ONLY") == "1"


def _loopback_up() -> None:
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as handle:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(handle, siocgifflags, request))[1]
        fcntl.ioctl(handle, siocsifflags, struct.pack("16sH14x", b"lo", flags | iff_up))


if ISOLATED:
    _loopback_up()


class LeftTheMachine(AssertionError):
    """A connection to an address other than loopback was attempted."""


def _loopback_only(connect):
    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and not ipaddress.ip_address(host.split("%")[0]).is_loopback:
            raise LeftTheMachine(f"connection to {host} attempted")
        return connect(self, address)

    return guarded


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _loopback_only(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", _loopback_only(socket.socket.connect_ex))
