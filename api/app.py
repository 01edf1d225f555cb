"""The FastAPI app factory: loads the data once in the lifespan and wires the routers.

``create_app(settings, store=None)`` builds an app over a given store (tests) or opens and loads
the configured one at start-up. ``app`` is the module-level instance that ``fastapi``/``uvicorn``
find through ``[tool.fastapi] entrypoint``; it reads its settings from the environment.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

from api.cors import cors_options, origins
from api.errors import govkg_error_handler, http_error_handler, validation_error_handler
from api.lang import VaryOnLanguage
from api.limits import BodyLimit
from api.pages.install import install_pages
from api.routers import admin, answers, audit, compare, graph, graph_store, health, home, secretariat, sparql, workbench
from api.security_headers import SecurityHeaders
from api.sparql_fastpath import SparqlFirst
from govkg import __version__
from govkg.config import Settings
from govkg.errors import GovkgError
from govkg.service import describe_store, open_store, reload
from govkg.store import Store


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the service.

    Args:
        settings: limits, paths and tokens; read from ``GOVKG_*`` environment variables when omitted.
        store: a store already loaded; when omitted the configured folders are loaded at start-up.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is None:
            app.state.store = open_store(settings)
            print(f"govkg: {describe_store(app.state.store, settings)}", file=sys.stderr)
            reload(app.state.store, settings)
        yield
        evaluation = getattr(app.state, "sparql_evaluation", None)
        if evaluation is not None and evaluation.pool is not None:
            evaluation.pool.close()  # stop the query workers with the server

    app = SparqlFirst(  # a FastAPI app that answers /sparql before its middleware stack (same handlers)
        title="govkg",
        version=__version__,
        summary="Who sits where, reports to whom and must do what in Danish health governance.",
        lifespan=lifespan,
        docs_url=None,  # /docs is served by api.routers.docs with local assets
        redoc_url=None,
        exception_handlers={
            GovkgError: govkg_error_handler,
            StarletteHTTPException: http_error_handler,
            RequestValidationError: validation_error_handler,
        },
    )
    app.state.settings = settings
    app.state.store = store
    app.include_router(health.router)
    app.include_router(home.router)
    app.include_router(admin.router)
    app.include_router(answers.router)
    app.include_router(secretariat.router)
    app.include_router(sparql.router)
    app.include_router(graph_store.router)
    app.include_router(graph.router)
    app.include_router(audit.router)
    app.include_router(compare.router)
    app.include_router(workbench.router)
    app.mount("/static/sparql", StaticFiles(directory=workbench.STATIC_DIR), name="sparql-static")  # YASGUI
    install_pages(app)  # /id/{slug}, /ontology, /docs with local assets
    app.add_middleware(VaryOnLanguage)  # an answer whose language came from Accept-Language says so
    app.add_middleware(BodyLimit, settings=settings)  # 413 before anything reads a body
    if origins(settings):
        app.add_middleware(CORSMiddleware, **cors_options(settings))  # pages elsewhere may read
    app.add_middleware(SecurityHeaders, settings=settings)  # outermost: every answer gets the headers
    return app


app = create_app()
