"""Running the desk: check the options, bind the address, print it, serve."""

from __future__ import annotations

import socket
from collections.abc import Callable

import uvicorn

from ..errors import UsageError
from .app import create_app
from .desk import Desk
from .guard import Policy, is_loopback


def serve(
    *,
    reference: str | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str = "",
    echo: Callable[[str], None] = print,
) -> None:
    """Serve the page until interrupted. Off loopback a token is required."""
    loopback = is_loopback(host)
    if not loopback and not token:
        raise UsageError(
            f"--host {host} lets other machines reach the page — give --token TOKEN "
            "(or set FACTCHECK_SERVE_TOKEN), or leave --host at 127.0.0.1"
        )
    desk = Desk(reference)
    app = create_app(desk, Policy(token=token, loopback=loopback))
    listener = bind(host, port)
    bound_port = listener.getsockname()[1]
    state = desk.state()
    echo(f"factcheck serve: {address(host, bound_port, token)}")
    echo(
        f"reference: {state.folder} ({state.facts} facts), "
        + (f"new facts go to {state.folder}/facts.csv" if state.writable else "read-only")
    )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[listener])


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, so that a port in use is a clear error, not a log line."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: without it a small answer waits for the
    # client's delayed ACK (about 40 ms a request on Linux).
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        listener.bind((host.strip("[]"), port))
    except OSError as error:
        listener.close()
        raise UsageError(
            f"cannot listen on {host}:{port} ({error.strerror}) — choose another --port or --host"
        ) from None
    listener.listen(128)
    listener.set_inheritable(True)
    return listener


def address(host: str, port: int, token: str = "") -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
