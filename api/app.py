"""The FastAPI app factory: the store (migrated at start), the token key, the limits, the error handlers,
the routers and the job workers."""

from __future__ import annotations

import gc
import importlib
import logging
import secrets
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import docs_pages, errors, web
from api.callers import RecentCallers
from api.limits import BodyLimits
from api.ratelimit import LoginLimiter
from api.routes import ROUTERS
from api.settings import Settings
from api.store.db import Store
from api.store.models import Meta

log = logging.getLogger("hybrooster.api")

DESCRIPTION = """Plans a school timetable together with the company shifts of hybride techniekopleiders
(hto'ers), within the Dutch working-hours law.

Log in at `POST /auth/token` (user name and password) and send the token as `Authorization: Bearer <token>`,
or send an API key as `X-API-Key`. A resource of another organisation answers 404."""


def secret_key(store: Store, settings: Settings) -> str:
    """The key that signs tokens: the setting, or one made at the first start and kept in the store, so that
    logins survive a restart."""
    if settings.secret_key:
        return settings.secret_key
    with store.session() as session:
        row = session.get(Meta, "secret_key")
        if row is None:
            row = Meta(key="secret_key", value=secrets.token_urlsafe(48))
            session.add(row)
        return row.value


def create_app(settings: Settings | None = None, *, demo: bool = False, workers: bool = True,
               freeze_heap: bool = False) -> FastAPI:
    """The app. `demo` loads the demo at start; `workers=False` leaves jobs queued (for tests of the queue);
    `freeze_heap` (the served app, not tests that make many apps) leaves what start-up built out of every
    later cycle collection."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        store = Store(settings.database_url)
        store.migrate()
        app.state.store = store
        app.state.secret_key = secret_key(store, settings)
        if demo:
            from api.demo import load_demo

            with store.session() as session:
                if load_demo(session) and workers:  # a first timetable to look at, solved after start
                    from api.jobs.submit import queue_demo_solve

                    queue_demo_solve(session, settings)
        app.state.jobs = None
        if workers:
            from api.jobs.manager import JobManager

            app.state.jobs = JobManager(store, settings)
            app.state.jobs.start()
        if freeze_heap:
            # Start-up leaves ~200,000 long-lived objects (modules, models, schemas, routes). Python's full
            # collection walks them all and holds the GIL meanwhile: 100-150 ms in which no request moves, every
            # ~20 s under 50 clients (measured with gc.callbacks). Frozen, they are never walked again.
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            if app.state.jobs is not None:
                app.state.jobs.stop()
            store.dispose()

    app = FastAPI(title="Hybrooster", version="0.1.0", description=DESCRIPTION, lifespan=lifespan, docs_url=None,
                  redoc_url=None)
    docs_pages.install(app)
    app.state.settings = settings
    app.state.login_limiter = LoginLimiter(settings.login_attempts_per_minute)
    app.state.callers = RecentCallers()
    errors.install(app)
    for name in ROUTERS:
        app.include_router(importlib.import_module(f"api.routes.{name}").router, responses=errors.COMMON_RESPONSES)
    web.install(app)
    app.add_middleware(BodyLimits, max_bytes=settings.max_body_bytes, max_json_depth=settings.max_json_depth)
    return app
