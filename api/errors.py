"""Every error leaves the service as JSON `{"detail": ...}`: a list of {loc, msg, type} for wrong input
(422, with the field path, or the file, sheet and cell), a sentence for the rest. Never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.formparsers import MultiPartException

from solver.domain import PlanError
from solver.domain.base import field_message

log = logging.getLogger("hybrooster.api")


class ErrorItem(BaseModel):
    loc: list[str | int] = Field(description="Where: the field path, or the file, sheet and cell.")
    msg: str = Field(description="What is wrong, in a sentence.")
    type: str = Field(description="The kind of error, for programs.")


class ErrorOut(BaseModel):
    detail: str | list[ErrorItem] = Field(description="What went wrong: a sentence, or a list of errors.")


# Declared on every route (app.py), so that /docs lists them and clients (and Schemathesis) may expect them.
COMMON_RESPONSES: dict[int | str, dict] = {
    401: {"model": ErrorOut, "description": "Not logged in, or the login has expired."},
    403: {"model": ErrorOut, "description": "Your role may not do this."},
    404: {"model": ErrorOut, "description": "Not found, or it belongs to another organisation."},
    413: {"model": ErrorOut, "description": "The request is larger than the limit."},
    503: {"model": ErrorOut, "description": "The store is busy for a moment; nothing was changed. Try again."},
}


def plan_error_detail(error: PlanError) -> list[dict]:
    """A PlanError's issues as 422 detail items; `loc` starts with the file when there is one."""
    head = [error.source] if error.source else []
    return [{"loc": [*head, issue.path], "msg": issue.message, "type": "plan"} for issue in error.issues]


def json_error_item(item: dict, document: object) -> dict:
    """FastAPI's json_invalid error (a character offset) as the line and column a person can find."""
    offset = item["loc"][-1] if isinstance(item["loc"][-1], int) else 0
    text = document if isinstance(document, str) else ""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    reason = (item.get("ctx") or {}).get("error", "not valid JSON")
    return {"loc": ["body", f"line {line}, column {column}"], "msg": f"malformed JSON: {reason}",
            "type": "json_invalid"}


# FastAPI answers a body it cannot decode at all (not UTF-8, say) with this 400; Starlette a broken multipart
# form with a 400 raised while handling a MultiPartException. Both are bad input: 422, as everywhere else.
UNREADABLE_BODY = "There was an error parsing the body"


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        detail = [json_error_item(item, error.body) if item.get("type") == "json_invalid" else
                  {"loc": list(item.get("loc", ())), "msg": field_message(item), "type": item.get("type", "value_error")}
                  for item in error.errors()]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == 400 and error.detail == UNREADABLE_BODY:
            return JSONResponse({"detail": [{"loc": ["body"], "type": "body_unreadable", "msg": (
                "the body could not be read: it is not UTF-8 JSON, or not a well-formed form or upload")}]},
                status_code=422)
        if error.status_code == 400 and isinstance(error.__context__, MultiPartException):
            return JSONResponse({"detail": [{"loc": ["body"], "type": "multipart_invalid",
                                             "msg": f"the upload could not be read: {error.detail}"}]}, status_code=422)
        page_error = getattr(request.app.state, "page_error", None)
        if page_error is not None and request.url.path.startswith("/app"):  # a page: the error as a page
            return page_error(request, error.status_code, error.detail)
        return await http_exception_handler(request, error)

    @app.exception_handler(PlanError)
    async def _plan(_request: Request, error: PlanError) -> JSONResponse:
        return JSONResponse({"detail": plan_error_detail(error)}, status_code=422)

    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeout)
    async def _busy(request: Request, error: Exception) -> JSONResponse:
        # the store is locked or out of connections for a moment: the transaction was rolled back
        log.warning("store busy on %s %s: %s", request.method, request.url.path, error)
        return JSONResponse({"detail": "the store is busy; nothing was changed. Try again in a moment."},
                            status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(DataError)
    async def _unstorable(request: Request, error: DataError) -> JSONResponse:
        # PostgreSQL refuses some values SQLite takes (a NUL character in a text): wrong input, not a crash
        log.warning("value refused by the store on %s %s: %s", request.method, request.url.path, error)
        return JSONResponse({"detail": [{"loc": ["body"], "type": "value_error", "msg": (
            "a value in the request cannot be stored (a NUL character, or a number out of range); nothing was "
            "changed")}]}, status_code=422)

    @app.exception_handler(IntegrityError)
    async def _clash(request: Request, error: IntegrityError) -> JSONResponse:
        log.warning("write clash on %s %s: %s", request.method, request.url.path, error)
        return JSONResponse({"detail": "someone changed the same thing at the same moment; nothing was "
                                       "changed. Try again."}, status_code=409)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "an unexpected error; it has been logged. Nothing was changed."},
                            status_code=500)
