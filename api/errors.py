"""Every error leaves the service as JSON `{"detail": ...}`: a list of {loc, msg, type} for wrong input
(422, with the field path, or the file, sheet and cell), a sentence for the rest. Never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from solver.domain import PlanError
from solver.domain.base import field_message

log = logging.getLogger("hybrooster.api")


def plan_error_detail(error: PlanError) -> list[dict]:
    """A PlanError's issues as 422 detail items; `loc` starts with the file when there is one."""
    head = [error.source] if error.source else []
    return [{"loc": [*head, issue.path], "msg": issue.message, "type": "plan"} for issue in error.issues]


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        detail = [{"loc": list(item.get("loc", ())), "msg": field_message(item), "type": item.get("type", "value_error")}
                  for item in error.errors()]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(PlanError)
    async def _plan(_request: Request, error: PlanError) -> JSONResponse:
        return JSONResponse({"detail": plan_error_detail(error)}, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "an unexpected error; it has been logged. Nothing was changed."},
                            status_code=500)
