"""The FastAPI application: the API under /api/v1, the web workspace, security headers.

One process serves both. Every response carries a strict Content-Security-Policy (scripts,
styles, data and images from this server only; the optional tile host for images), so a
page cannot load anything from elsewhere even if a stored article tried to make it.
Violations the browser reports arrive at ``/api/v1/csp-report`` and are counted.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from importlib import resources as importlib_resources
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy.engine import Connection

from sitroom import __version__
from sitroom.errors import CorrectionConflict, InvalidField, MissingDependency, NotFound, SitroomError, StoreError
from sitroom.server.config import ServerConfig
from sitroom.store.db import open_engine, write_transaction
from sitroom.store.facts import CHUNK, Refresher, vacuum

log = logging.getLogger(__name__)

API = "/api/v1"
#: pages of the workspace: each answers with the same index.html, the script routes
UI_ROUTES = ("/", "/events/{rest:path}", "/incidents/{rest:path}", "/actors/{rest:path}", "/articles/{rest:path}",
             "/about")


def csp(config: ServerConfig) -> str:
    img = "'self' data:"
    if config.tile_url:
        parts = urlsplit(config.tile_url.replace("{", "").replace("}", ""))
        img += f" {parts.scheme}://{parts.netloc}"
    return ("default-src 'none'; script-src 'self'; style-src 'self'; "
            f"img-src {img}; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
            f"form-action 'self'; frame-ancestors 'none'; report-uri {API}/csp-report")


class State:
    """What the routes share: the engine, the facts refresher (at most every few seconds), counters."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.engine = open_engine(config.db)
        self.refresher = Refresher()
        self._lock = threading.Lock()
        self._last = 0.0
        self.csp_reports: list[dict] = []
        self.refresh(force=True)

    def refresh(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.config.refresh_seconds:
            return
        with self._lock:
            if not force and now - self._last < self.config.refresh_seconds:
                return
            with write_transaction(self.engine) as conn:
                added = self.refresher(conn)
            if added > CHUNK:
                vacuum(self.engine)
            self._last = time.monotonic()


def state(request: Request) -> State:
    return request.app.state.sitroom


def read_conn(request: Request) -> Iterator[Connection]:
    st = state(request)
    st.refresh()
    with st.engine.connect() as conn:
        yield conn


def writer(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """The analyst a write request is from (its bearer token's name); 401/403 otherwise."""
    config = state(request).config
    if config.read_only:
        raise HTTPException(403, detail={"code": "read_only",
                                         "message": "this server is read-only: start it with --token-file "
                                                    "or SITROOM_TOKEN to allow corrections"})
    scheme, _, token = (authorization or "").partition(" ")
    author = config.author(token.strip()) if scheme.lower() == "bearer" else None
    if author is None:
        raise HTTPException(401, detail={"code": "unauthorized", "message": "a valid bearer token is required"},
                            headers={"WWW-Authenticate": "Bearer"})
    return author


Conn = Annotated[Connection, Depends(read_conn)]
Author = Annotated[str, Depends(writer)]

_STATUS = {NotFound: 404, CorrectionConflict: 409, InvalidField: 422, MissingDependency: 501, StoreError: 503}


class Json(JSONResponse):
    """A large answer (a page of events, map points, stats) as JSON in one ``json.dumps``: FastAPI's
    own encoding walks every value in Python first, which costs more than the query for
    thousands of rows."""

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                          default=str).encode("utf-8")


def _error(status: int, code: str, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, **extra}}, status_code=status)


def create_app(config: ServerConfig) -> FastAPI:
    from sitroom.server import routes_events, routes_other

    app = FastAPI(title="sitroom", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url=f"{API}/openapi.json",
                  description="Sourced, structured event data: events, articles, incidents, actors, stats, "
                              "exports and corrections. Writes need a bearer token.")
    app.state.sitroom = State(config)
    policy = csp(config)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "geolocation=(), camera=(), microphone=()"
        if request.url.path.startswith(API):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(SitroomError)
    async def sitroom_error(_request: Request, exc: SitroomError):
        status = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), 400)
        # what the error names (field, event, incident, correction), as the CLI's error records carry it
        extra = {k: v for k, v in exc.context.items() if isinstance(v, str | int | float | bool) and k != "code"}
        if exc.document_id:
            extra["document_id"] = exc.document_id
        return _error(status, exc.code, exc.message, **{k: v for k, v in extra.items() if k != "message"})

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException):
        detail = exc.detail if isinstance(exc.detail, dict) else {"code": f"http_{exc.status_code}",
                                                                  "message": str(exc.detail)}
        return JSONResponse({"error": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError):
        problems = [{"where": ".".join(str(x) for x in err.get("loc", ())), "problem": err.get("msg")}
                    for err in exc.errors()]
        message = "; ".join(f"{p['where']}: {p['problem']}" for p in problems[:5])
        return _error(422, "invalid_request", message or "invalid request", problems=problems)

    app.include_router(routes_events.router, prefix=API)
    app.include_router(routes_other.router, prefix=API)
    _mount_web(app)
    return app


def _web(*parts: str):
    return importlib_resources.files("sitroom").joinpath("web", *parts)


_TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".html": "text/html",
          ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}


def _mount_web(app: FastAPI) -> None:
    root = _web()

    def index() -> Response:
        return FileResponse(str(root.joinpath("index.html")), media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    for path in UI_ROUTES:
        app.add_api_route(path, index, methods=["GET"], include_in_schema=False)

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> Response:
        return FileResponse(str(root.joinpath("docs.html")), media_type="text/html; charset=utf-8")

    @app.get("/static/{name:path}", include_in_schema=False)
    def static(name: str) -> Response:
        # only files of the package's web folder, by a plain relative name
        if not name or ".." in name.split("/") or name.startswith("/") or "\\" in name:
            raise HTTPException(404, detail={"code": "not_found", "message": "no such file"})
        target = root.joinpath(*name.split("/"))
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        if not target.is_file() or suffix not in _TYPES:
            raise HTTPException(404, detail={"code": "not_found", "message": "no such file"})
        return FileResponse(str(target), media_type=_TYPES[suffix],
                            headers={"Cache-Control": "public, max-age=300"})
