"""The editor's page and the JSON API it uses, as an ASGI app (Starlette).

Routes (all answers to /api/ are JSON, errors as {"error": ...}):

    GET  /                     the page
    GET  /static/...           its CSS and script (the report's own, and the page's)
    POST /api/check            {"text", "as_of"?, "name"?} -> the document of check --format json
    POST /api/report           the same, with the report's parts rendered for the page
    POST /api/page             the same draft as the static HTML report (a download)
    POST /api/extract          {"name", "content"} -> {"text"}: the article text of an .html file
    POST /api/facts            {"row", "text"?, ...} -> the new fact, and the draft checked again
    GET  /api/reference        the folder, whether the page may write to it, its properties
    GET  /api/entities?q=      entities by any alias
    GET  /api/entities/{id}    one entity, its facts and the facts that name it
    GET  /api/session          the CSRF token writes need
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import importlib.resources
import json
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..config import parse_date
from ..datetext import human_date
from ..document import document_from_text
from ..errors import FactcheckError
from ..models import Entity, Fact, Report, Verdict
from ..report import render as render_format
from ..report.html import environment as report_environment
from ..report.html import render_page, report_context
from ..version import __version__
from .curate import EDITABLE, FactRowError
from .desk import Desk, ReadOnlyError
from .edits import can_suppress, line_end, suggested_edit
from .guard import BodyTooLarge, Guard, Policy

T = TypeVar("T")
_STATUSES = ("established", "disputed")


def create_app(desk: Desk, policy: Policy | None = None) -> Guard:
    """The page over `desk`, behind the guard of `policy` (loopback, no token)."""
    policy = policy or Policy()
    # One thread does all the desk's work: its SQLite connection and caches are
    # not shared between threads, and checks are a few milliseconds each.
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factcheck-desk")
    worker.submit(desk.table).result()  # a broken reference stops here, before serving
    api = _Api(desk, policy, worker)
    routes = [
        Route("/", api.page),
        Route("/static/{name}", api.static),
        Route("/api/check", api.check, methods=["POST"]),
        Route("/api/report", api.report, methods=["POST"]),
        Route("/api/page", api.download, methods=["POST"]),
        Route("/api/extract", api.extract, methods=["POST"]),
        Route("/api/facts", api.add_fact, methods=["POST"]),
        Route("/api/reference", api.reference),
        Route("/api/entities", api.entities),
        Route("/api/entities/{entity_id}", api.entity),
        Route("/api/session", api.session),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            FactcheckError: _error(400),
            BodyTooLarge: _error(413),
            404: _not_found,
        },
        lifespan=_stops(worker),
    )
    return Guard(app, policy)


def _stops(worker: ThreadPoolExecutor) -> Callable[[Starlette], Any]:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        worker.shutdown(wait=False)

    return lifespan


class _Api:
    def __init__(self, desk: Desk, policy: Policy, worker: ThreadPoolExecutor) -> None:
        self.desk = desk
        self.policy = policy
        self.worker = worker

    async def _run(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, functools.partial(work, *args, **kwargs))

    async def page(self, request: Request) -> Response:
        state = await self._run(self.desk.state)
        html = (
            _environment()
            .get_template("desk.html.j2")
            .render(state=state, csrf=self.policy.csrf, version=__version__)
        )
        return Response(html, media_type="text/html; charset=utf-8")

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        content = _static(name)
        if content is None:
            return _json({"error": f"no such file: {name}"}, 404)
        media = "text/css" if name.endswith(".css") else "text/javascript"
        return Response(content, media_type=f"{media}; charset=utf-8")

    async def check(self, request: Request) -> Response:
        text, as_of, name = _draft(await _body(request))
        report = await self._run(self.desk.check, text, as_of=as_of, name=name)
        return Response(render_format([report], "json"), media_type="application/json")

    async def report(self, request: Request) -> Response:
        text, as_of, name = _draft(await _body(request))
        return _json(await self._run(self._checked, text, as_of, name))

    async def download(self, request: Request) -> Response:
        text, as_of, name = _draft(await _body(request))
        report = await self._run(self.desk.check, text, as_of=as_of, name=name)
        filename = (Path(name).stem or "draft") + ".html"
        return Response(
            render_page(report),
            media_type="text/html; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{_ascii(filename)}"'},
        )

    async def extract(self, request: Request) -> Response:
        body = await _body(request)
        name, content = _string(body, "name"), _string(body, "content")
        if Path(name).suffix.lower() not in (".html", ".htm"):
            return _json({"text": content})
        return _json({"text": await self._run(_article_text, content, name)})

    async def add_fact(self, request: Request) -> Response:
        body = await _body(request)
        cells = body.get("row")
        if not isinstance(cells, dict):
            return _json({"error": f'send the new fact as "row": {{{", ".join(EDITABLE)}}}'}, 400)
        try:
            row = await self._run(self.desk.add_fact, cells)
        except ReadOnlyError as error:
            return _json({"error": str(error)}, 403)
        except FactRowError as error:
            refused = {"error": "the reference refuses this row", "problems": error.problems}
            return _json(refused, 422)
        answer: dict[str, Any] = {"fact": row, "folder": str(self.desk.folder)}
        if isinstance(body.get("text"), str) and body["text"].strip():
            text, as_of, name = _draft(body)
            answer.update(await self._run(self._checked, text, as_of, name))
        return _json(answer, 201)

    async def reference(self, request: Request) -> Response:
        return _json(await self._run(self._reference))

    async def entities(self, request: Request) -> Response:
        query = request.query_params.get("q", "")
        matches = await self._run(self.desk.find, query) if query.strip() else []
        return _json(
            {
                "query": query,
                "entities": [
                    {**_entity(m.entity), "matched": m.alias, "exact": m.exact} for m in matches
                ],
            }
        )

    async def entity(self, request: Request) -> Response:
        found = await self._run(self._entity_facts, request.path_params["entity_id"])
        if found is None:
            return _json({"error": "no such entity — search for it with /api/entities?q="}, 404)
        return _json(found)

    async def session(self, request: Request) -> Response:
        return _json({"csrf": self.policy.csrf})

    # The work done on the desk's thread.

    def _checked(self, text: str, as_of: dt.date | None, name: str) -> dict[str, Any]:
        started = time.perf_counter()
        report = self.desk.check(text, as_of=as_of, name=name)
        parts = self._parts(report)
        return {
            "report": report.to_dict(),
            "html": parts,
            "blocking": len(report.blocking()),
            "milliseconds": round((time.perf_counter() - started) * 1000, 1),
        }

    def _parts(self, report: Report) -> dict[str, str]:
        """The static report's own parts, with the page's buttons on each card."""
        state = self.desk.state()
        table = self.desk.table()
        document = report.document
        context = report_context(report)
        context.update(
            card_actions="_card_actions.html.j2",
            edits={
                i: edit
                for i, f in enumerate(report.findings)
                if (edit := suggested_edit(f, table)) is not None
            },
            suppressible={i for i, f in enumerate(report.findings) if can_suppress(f)},
            line_ends={
                i: line_end(document, f.claim.span.end) for i, f in enumerate(report.findings)
            },
            stubs=self.desk.stubs(report),
            properties=sorted(table.properties),
            statuses=_STATUSES,
            state=state,
        )
        environment = _environment()
        return {
            part: environment.get_template(f"_{part}.html.j2").render(context)
            for part in ("summary", "article", "findings")
        }

    def _reference(self) -> dict[str, Any]:
        state = self.desk.state()
        table = self.desk.table()
        return {
            "folder": state.folder,
            "writable": state.writable,
            "read_only_reason": state.read_only_reason,
            "facts": state.facts,
            "properties": [
                {"property": p.property, "value_type": p.value_type, "description": p.description}
                for p in table.properties.values()
            ],
        }

    def _entity_facts(self, entity_id: str) -> dict[str, Any] | None:
        found = self.desk.entity(entity_id)
        if found is None:
            return None
        entity, about, pointing = found
        return {
            "entity": _entity(entity),
            "facts": [self._fact(f) for f in about],
            "named_in": [
                {**self._fact(f), "subject_label": self.desk.table().label(f.subject)}
                for f in pointing
            ],
        }

    def _fact(self, fact: Fact) -> dict[str, Any]:
        table = self.desk.table()
        if fact.value in table.entities:
            shown = table.label(fact.value)
        elif table.properties[fact.property].value_type == "date":
            shown = human_date(fact.value)
        else:
            shown = f"{fact.value} {fact.unit}".strip()
        return {
            "id": fact.id,
            "property": fact.property,
            "value": fact.value,
            "shown": shown,
            "unit": fact.unit,
            "valid_from": fact.valid_from,
            "valid_to": fact.valid_to,
            "status": fact.status,
            "source_url": fact.source_url,
            "source_title": fact.source_title,
            "note": fact.note,
        }


def _article_text(content: str, name: str) -> str:
    return document_from_text(content, path=name, kind="html").text


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "label": entity.label,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "description": entity.description,
    }


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise FactcheckError("the request body is not JSON — send a JSON object") from None
    if not isinstance(body, dict):
        raise FactcheckError('send a JSON object, e.g. {"text": "..."}')
    return body


def _draft(body: dict[str, Any]) -> tuple[str, dt.date | None, str]:
    text = _string(body, "text")
    as_of = body.get("as_of")
    if as_of is not None and not isinstance(as_of, str):
        raise FactcheckError('"as_of" is a date written YYYY-MM-DD, or null')
    name = body.get("name") or "<stdin>"
    if not isinstance(name, str):
        raise FactcheckError('"name" is the draft\'s file name, e.g. "draft.md"')
    return text, parse_date(as_of, '"as_of"') if as_of else None, name


def _string(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise FactcheckError(f'"{key}" is missing or not a string — send it as text')
    return value


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)


def _json(payload: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(payload, status_code=status)


def _error(status: int) -> Callable[[Request, Exception], Any]:
    async def handler(request: Request, error: Exception) -> Response:
        return _json({"error": str(error)}, status)

    return handler


async def _not_found(request: Request, error: Exception) -> Response:
    return _json({"error": f"nothing at {request.url.path}"}, 404)


@functools.cache
def _static(name: str) -> str | None:
    """The page's files, and the static report's style and script rendered from
    the same template parts the HTML report inlines."""
    if name == "report.css":
        order = [v.value for v in Verdict]
        return _environment().get_template("_style.css.j2").render(order=order)
    if name == "report.js":
        return _environment().get_template("_report.js.j2").render()
    if name not in ("desk.css", "desk.js"):
        return None
    return importlib.resources.files("factcheck.serve").joinpath("static", name).read_text("utf-8")


@functools.cache
def _environment() -> jinja2.Environment:
    # The static report's environment (templates, settings, globals) with the page's own.
    return report_environment(jinja2.PackageLoader("factcheck.serve", "templates"))
