"""Every route is gated by the access toolkit (accounts.access) or is on the commented list of public routes.

This walk is the base of the permission matrix: a new view or endpoint that forgets its gate fails here
before it reaches a partner. It checks the code (the gate is there) and the behaviour (an anonymous
request is refused before any object is looked up).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.access import RolePermission
from tests.ci_numbers import record
from tests.permissions import matrix

# Routes that are deliberately not gated by the toolkit, each with its reason. Keyed by URL name.
PUBLIC_ROUTES = {
    # The login page must be reachable without a login; logout only ends a session (POST).
    "accounts:login",
    "accounts:logout",
    # The second login step (code, and enrolment on the first login): for a session that has passed the
    # password step only, so before the toolkit's gate; the views require a logged-in user themselves
    # (tests/accounts/test_two_factor.py).
    "accounts:otp_verify",
    "accounts:otp_setup",
    # For the load balancer: database and broker state, no data (core.views.health).
    "health",
    # The OpenAPI document and its viewers describe the API, no data; the NL API Design Rules (API-51)
    # publish it openly at the API's base (drf-spectacular's default AllowAny).
    "api:openapi",
    "api:schema",
    "api:docs",
    "api:redoc",
}

# The Django admin (/beheer/) has its own gate: its login, `is_staff`, and a model permission per page
# (accounts/roles.py gives the beheerder no permission on case data).
ADMIN_PREFIX = "beheer/"


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Callable]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield prefix + str(entry.pattern), name, entry.callback


def _routes() -> list[tuple[str, str, Callable]]:
    return [r for r in _walk(get_resolver().url_patterns) if not r[0].startswith(ADMIN_PREFIX)]


def _gate(callback: Callable) -> str | None:
    """'html' or 'api' when the route is gated by the toolkit, else None."""
    cls = getattr(callback, "cls", None)  # DRF views and viewsets
    if cls is not None:
        classes = getattr(callback, "initkwargs", {}).get("permission_classes") or cls.permission_classes
        return "api" if any(issubclass(c, RolePermission) for c in classes) else None
    return "html" if hasattr(callback, "access_checks") else None


def test_it_finds_the_routes_of_every_app():
    names = {name for _, name, _ in _routes()}
    for expected in ("programme", "youths:list", "cases:cases", "monitoring:dashboard", "api:youth-list"):
        assert expected in names, f"{expected} not found: the walk misses a part of the URL tree"


def test_every_route_is_gated_by_the_toolkit_or_listed_as_public():
    ungated = [
        f"{route} ({name or callback.__name__})"
        for route, name, callback in _routes()
        if name not in PUBLIC_ROUTES and _gate(callback) is None
    ]
    assert not ungated, "Routes without the access toolkit and not on PUBLIC_ROUTES:\n" + "\n".join(ungated)
    record("routes walked, each gated or listed as public", len(_routes()))


def test_the_public_list_names_only_routes_that_exist():
    names = {name for _, name, _ in _routes()}
    assert names >= PUBLIC_ROUTES, PUBLIC_ROUTES - names


def _example_path(route: str) -> str:
    """A concrete path for a route pattern: numbers for ids, a word for the rest."""
    route = route.replace("^", "").replace("$", "").replace("\\.", ".")
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(?:str|slug|path):?\w*>", "x", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return "/" + route.replace("/?", "/")


@pytest.mark.django_db
def test_every_gated_route_refuses_an_anonymous_request(client):
    refused = {"html": {302, 405}, "api": {401, 403, 405}}
    wrong = []
    for route, name, callback in _routes():
        kind = _gate(callback)
        if kind is None or "format>" in route:  # format-suffix twins of the routes above
            continue
        path = _example_path(route)
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            if response.status_code not in refused[kind]:
                wrong.append(f"{method.upper()} {path} ({name}): {response.status_code}")
            elif response.status_code == 302 and "/account/inloggen/" not in response["Location"]:
                wrong.append(f"{method.upper()} {path} ({name}): redirected to {response['Location']}")
    assert not wrong, "Anonymous requests that were not refused:\n" + "\n".join(wrong)


def _methods(route: str, callback: Callable, client: Any) -> list[str]:
    """The methods a route accepts: a DRF view's handlers; for an HTML view, GET and POST (what a browser
    sends) unless an anonymous request is refused with 405 before the login gate (`require_POST`)."""
    cls = getattr(callback, "cls", None)
    if cls is not None:
        actions = getattr(callback, "actions", None)  # a viewset route: its method → action mapping
        names = list(actions) if actions else [m for m in cls.http_method_names if hasattr(cls, m)]
        return sorted(m.upper() for m in names if m not in ("head", "options"))
    path = _example_path(route)
    return [m for m in ("GET", "POST") if getattr(client, m.lower())(path).status_code != 405]


@pytest.mark.django_db
def test_every_route_and_method_has_rows_in_the_permission_matrix(client):
    """The permission matrix (tests/permissions/matrix.yaml) covers every route that is not public, for
    every method it accepts, and names no route or method that is gone."""
    table = matrix.load()
    missing, stale = [], []
    routes = [(r, n, c) for r, n, c in _routes() if n not in PUBLIC_ROUTES and "format>" not in r]
    for route, name, callback in routes:
        accepted = _methods(route, callback, client)
        missing += [f"{name} {m}" for m in accepted if not (table.get(name) or {}).get(m)]
        stale += [f"{name} {m}" for m in matrix.METHODS if m in (table.get(name) or {}) and m not in accepted]
    names = {name for _, name, _ in routes}
    stale += [f"{name} (no such route)" for name in table if name not in names]
    where = "tests/permissions/matrix.yaml"
    assert not missing, f"Routes and methods without rows in {where}:\n" + "\n".join(missing)
    assert not stale, f"Rows in {where} for no route or method:\n" + "\n".join(stale)
