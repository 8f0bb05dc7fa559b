"""Every endpoint refuses unauthenticated and wrong-role requests; ingestion needs the trunk secret.

The route table is read from the app itself, so a new endpoint without a role check fails here.
"""

from __future__ import annotations

import importlib
import re

import httpx
import pytest
import websockets
from fastapi.routing import APIRoute
from server_harness import SECRET, TRUNK, USERS

from server.app import ROUTER_MODULES
from server.auth import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED

ROLES = ("dispatcher", "supervisor", "analyst")
USER_OF_ROLE = {role: next(u for u, r in USERS.items() if r == role) for role in ROLES}

# Public by design: the login itself, the health probe, static pages and scripts (no data), and
# the ingestion endpoints, which check the per-trunk secret instead of a session.
PUBLIC = {
    ("POST", "/api/login"),
    ("GET", "/healthz"),
    ("GET", "/"),
    ("GET", "/caller"),
    ("GET", "/analyst"),
    ("GET", "/analyst.js"),
}
TRUNK_SECRET = {("WS", "/ws/calls"), ("WS", "/ws/twilio"), ("POST", "/rtc/offer")}

# What this project's own routes must allow (other areas' routes are checked by their checker).
EXPECTED_ROLES = {
    ("POST", "/api/logout"): set(ROLES),
    ("GET", "/api/me"): set(ROLES),
    ("GET", "/api/queue"): {"dispatcher", "supervisor"},
    ("GET", "/api/calls/{call_id}"): set(ROLES),
    ("GET", "/api/calls/{call_id}/recording"): set(ROLES),
    ("POST", "/api/calls/{call_id}/claim"): {"dispatcher", "supervisor"},
    ("POST", "/api/calls/{call_id}/release"): {"dispatcher", "supervisor"},
    ("POST", "/api/calls/{call_id}/override"): {"dispatcher", "supervisor"},
    ("POST", "/api/calls/{call_id}/dispatch"): {"dispatcher", "supervisor"},
    ("POST", "/api/calls/{call_id}/close"): {"dispatcher", "supervisor"},
    ("GET", "/api/users"): {"supervisor"},
    ("POST", "/api/users"): {"supervisor"},
    ("GET", "/api/audit"): {"supervisor", "analyst"},
    ("WS", "/ws/console"): {"dispatcher", "supervisor"},
}


def _route_roles(route: APIRoute) -> set[str] | None:
    for dependency in route.dependant.dependencies:
        roles = getattr(dependency.call, "roles", None)
        if roles is not None:
            return set(roles)
    return None


def http_routes() -> list[tuple[str, str, set[str] | None]]:
    table = []
    for module_name in ROUTER_MODULES:
        for route in importlib.import_module(module_name).router.routes:
            if isinstance(route, APIRoute):
                for method in sorted(route.methods - {"HEAD"}):
                    table.append((method, route.path, _route_roles(route)))
    return table


HTTP_ROUTES = http_routes()
PROTECTED = [
    (method, path, roles)
    for method, path, roles in HTTP_ROUTES
    if (method, path) not in PUBLIC | TRUNK_SECRET
]


def test_every_route_is_public_by_design_or_checks_a_role():
    for method, path, roles in HTTP_ROUTES:
        if (method, path) in PUBLIC | TRUNK_SECRET:
            continue
        assert roles, f"{method} {path} has no role check"
    for key, roles in EXPECTED_ROLES.items():
        if key[0] == "WS":
            continue
        found = [r for m, p, r in HTTP_ROUTES if (m, p) == key]
        assert found == [roles], f"{key}: roles {found} != {roles}"


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "no-such-call", path)


@pytest.mark.parametrize(
    ("method", "path", "roles"), PROTECTED, ids=[f"{m} {p}" for m, p, _ in PROTECTED]
)
async def test_http_endpoint_refuses_missing_bad_and_wrong_role_tokens(server, method, path, roles):
    url = _concrete(path)
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        missing = await http.request(method, url, json={})
        assert missing.status_code == 401, missing.text
        forged = await http.request(
            method, url, json={}, headers={"Authorization": "Bearer not-a-token"}
        )
        assert forged.status_code == 401
        for role in ROLES:
            response = await http.request(
                method, url, json={}, headers=server.headers(USER_OF_ROLE[role])
            )
            if role in roles:
                assert response.status_code not in (401, 403), (role, response.text)
            else:
                assert response.status_code == 403, (role, response.text)


async def _close_code(url: str) -> int | None:
    async with websockets.connect(url) as socket:
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await socket.recv()
    return closed.value.rcvd.code if closed.value.rcvd else None


async def test_console_websocket_checks_token_and_role(server):
    base = f"{server.ws_url}/ws/console"
    assert await _close_code(base) == CLOSE_UNAUTHENTICATED
    assert await _close_code(f"{base}?token=forged") == CLOSE_UNAUTHENTICATED
    for role in ROLES:
        url = server.console_url(USER_OF_ROLE[role])
        if role in EXPECTED_ROLES[("WS", "/ws/console")]:
            async with websockets.connect(url) as socket:
                assert '"snapshot"' in await socket.recv()
        else:
            assert await _close_code(url) == CLOSE_FORBIDDEN


@pytest.mark.parametrize("path", ["/ws/calls", "/ws/twilio"])
async def test_ingestion_websockets_need_the_trunk_secret(server, path):
    assert await _close_code(f"{server.ws_url}{path}") == CLOSE_UNAUTHENTICATED
    assert await _close_code(server.ingest_url(path, secret="wrong")) == CLOSE_UNAUTHENTICATED
    # A console token is not a trunk secret.
    token_url = f"{server.ws_url}{path}?trunk={TRUNK}&token={server.tokens['boss']}"
    assert await _close_code(token_url) == CLOSE_UNAUTHENTICATED


async def test_webrtc_offer_needs_the_trunk_secret(server):
    offer = {"sdp": "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n", "type": "offer"}
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        assert (await http.post("/rtc/offer", json=offer)).status_code == 401
        wrong = await http.post(f"/rtc/offer?trunk={TRUNK}&secret=wrong", json=offer)
        assert wrong.status_code == 401
        header = await http.post(
            f"/rtc/offer?trunk={TRUNK}", json=offer, headers={"X-Trunk-Secret": SECRET}
        )
        assert header.status_code not in (401, 403)


async def test_login_rejects_bad_passwords_and_logout_revokes_the_token(server):
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        bad = await http.post("/api/login", json={"username": "disp1", "password": "nope"})
        assert bad.status_code == 401
        nobody = await http.post("/api/login", json={"username": "ghost", "password": "nope"})
        assert nobody.status_code == 401
        me = await http.get("/api/me", headers=server.headers("disp2"))
        assert me.json() == {"username": "disp2", "role": "dispatcher"}
        assert (await http.post("/api/logout", headers=server.headers("disp2"))).status_code == 200
        assert (await http.get("/api/me", headers=server.headers("disp2"))).status_code == 401
    stored = server.runtime.store.get_account("disp1")
    assert stored.password_hash.startswith("$argon2id$")


async def test_api_reference_answers_offline_without_a_login(server):
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        schema = await http.get("/openapi.json")
        assert schema.status_code == 200
        paths = schema.json()["paths"]
        assert "/api/calls/{call_id}/claim" in paths and "/api/calls/{call_id}/voice" in paths
        assert schema.json()["components"]["securitySchemes"]["session"]["scheme"] == "bearer"
        page = await http.get("/docs")
        assert page.status_code == 200 and "/openapi.json" in page.text
        # Swagger UI is served by us, not a CDN: the page works on a machine without internet.
        assert "cdn.jsdelivr" not in page.text and "/static-docs/swagger-ui-bundle.js" in page.text
        bundle = await http.get("/static-docs/swagger-ui-bundle.js")
        assert bundle.status_code == 200 and len(bundle.content) > 100_000
        # The reference lists the API; the API itself still wants a token.
        assert (await http.get("/api/queue")).status_code == 401
