"""Request limits, before any route runs: a body larger than the setting gets 413, a JSON body nested deeper
than the setting gets 422 with where it got too deep. Pure ASGI, so that nothing is parsed before the check."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def json_too_deep(body: bytes, max_depth: int) -> int | None:
    """The byte offset where the nesting of `[` and `{` passes max_depth (outside strings), or None."""
    depth, in_string, escaped = 0, False, False
    for offset, byte in enumerate(body):
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > max_depth:
                return offset
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return None


async def _answer(send: Send, status: int, detail: list[dict]) -> None:
    payload = json.dumps({"detail": detail}).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


class BodyLimits:
    """Reads the body once (up to max_bytes), checks it, and hands the same bytes to the app."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, max_json_depth: int):
        self.app, self.max_bytes, self.max_json_depth = app, max_bytes, max_json_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        too_big = [{"loc": ["body"], "msg": f"the request is larger than {self.max_bytes:,} bytes",
                    "type": "too_large"}]
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _answer(send, 413, too_big)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _answer(send, 413, too_big)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if b"json" in headers.get(b"content-type", b""):
            offset = json_too_deep(body, self.max_json_depth)
            if offset is not None:
                await _answer(send, 422, [{"loc": ["body"], "type": "too_deep", "msg": (
                    f"the JSON is nested more than {self.max_json_depth} levels deep (at byte {offset})")}])
                return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
