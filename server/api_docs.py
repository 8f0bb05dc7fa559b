"""FastAPI's own API reference: `/openapi.json` and Swagger UI at `/docs`, served offline.

Public like `/` and `/caller`: they describe the endpoints and hold no data; every endpoint they
list still checks its own role. The Swagger UI files come from the pinned `fastapi-offline`
wheel, so the page works on a machine without internet.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

log = logging.getLogger(__name__)

DOCS_ASSETS_URL = "/static-docs"
DESCRIPTION = (
    "Console, ingestion and analyst API of hotline-triage. Log in with `POST /api/login`, then "
    "press *Authorize* and paste the token. Websockets (`/ws/console`, `/ws/calls`, "
    "`/ws/twilio`) are described in docs/console-protocol.md."
)


def _assets_dir() -> Path | None:
    try:
        import fastapi_offline
    except ImportError:
        return None
    return Path(fastapi_offline.__file__).parent / "static"


def install_api_docs(app: FastAPI) -> None:
    """Adds /openapi.json (with the bearer login scheme) and /docs to `app`."""
    assets = _assets_dir()
    if assets is not None and assets.is_dir():
        app.mount(DOCS_ASSETS_URL, StaticFiles(directory=assets), name="docs-assets")
        js, css = f"{DOCS_ASSETS_URL}/swagger-ui-bundle.js", f"{DOCS_ASSETS_URL}/swagger-ui.css"
        favicon = f"{DOCS_ASSETS_URL}/favicon.png"
    else:  # an install without the pinned wheel: the page still answers, from the CDN
        log.warning("fastapi-offline is missing: /docs loads Swagger UI from the internet")
        js = css = favicon = None

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=DESCRIPTION, routes=app.routes
            )
            schema.setdefault("components", {})["securitySchemes"] = {
                "session": {"type": "http", "scheme": "bearer"}
            }
            schema["security"] = [{"session": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        extra = {} if js is None else {"swagger_js_url": js, "swagger_css_url": css}
        if favicon is not None:
            extra["swagger_favicon_url"] = favicon
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title}: API",
            **extra,
        )
