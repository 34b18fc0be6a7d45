"""The one place where library errors become HTTP status codes and one JSON error shape."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag import (
    ConfigError,
    DocumentError,
    EmptyCorpusError,
    IndexMismatchError,
    InputError,
    LockedError,
    NotFoundError,
    NotReadyError,
    ProviderError,
    ProviderTimeout,
    RagError,
)

log = logging.getLogger(__name__)

# Most specific first.
STATUS: list[tuple[type[RagError], int, str]] = [
    (DocumentError, 422, "invalid_document"),
    (InputError, 422, "invalid_input"),
    (NotFoundError, 404, "not_found"),
    (EmptyCorpusError, 503, "empty_index"),
    (NotReadyError, 503, "not_ready"),
    (LockedError, 503, "index_locked"),
    (IndexMismatchError, 503, "index_mismatch"),
    (ConfigError, 500, "configuration"),
    (ProviderTimeout, 504, "provider_timeout"),
    (ProviderError, 502, "provider_error"),
    (RagError, 500, "internal"),
]


def error_response(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": kind, "message": message, "status": status}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register handlers so every error, ours or the framework's, has the same JSON shape."""

    @app.exception_handler(RagError)
    async def rag_error(_: Request, exc: RagError) -> JSONResponse:
        status, kind = next((s, k) for cls, s, k in STATUS if isinstance(exc, cls))
        if status >= 500 and not isinstance(exc, NotReadyError):
            log.warning("%s: %s", kind, exc)
        return error_response(status, kind, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
            parts.append(f"{loc}: {err.get('msg')}" if loc else str(err.get("msg")))
        return error_response(422, "invalid_input", "; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        kinds = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}
        return error_response(exc.status_code, kinds.get(exc.status_code, "http_error"), str(exc.detail),
                              getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        # No stack traces leave the process; the log keeps them.
        log.exception("unhandled error")
        return error_response(500, "internal", "internal error")
