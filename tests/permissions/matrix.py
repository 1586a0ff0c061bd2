"""Reading the permission matrix (tests/permissions/matrix.yaml): its rows and the request each row makes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User

MATRIX_FILE = Path(__file__).with_name("matrix.yaml")

#: The persona (tests/conftest.py) that plays each role; anonymous is nobody.
PERSONAS = {
    "projectleider": "petra",
    "procesregisseur": "ruben",
    "partner": "bas",
    "ministerie": "hanna",
    "beheerder": "bert",
    "privacyfunctionaris": "femke",
    "anonymous": None,
}
ROLES = tuple(PERSONAS)
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
#: Keys of a route or of one of its methods that are not roles: the object type and the request body.
SETTINGS = ("object", "args", "body")
#: The reason a pending row is expected to fail until the branch that delivers it is merged.
PENDING = {
    "ministry-html": "ministry HTML refusal lands with the roles branch",
}


@dataclass(frozen=True)
class Row:
    route: str
    method: str
    role: str
    relation: str
    status: int
    to: str = ""  # for a redirect: where to (the start of the Location header)
    pending: str = ""

    @property
    def id(self) -> str:
        return f"{self.route} {self.method} {self.role} {self.relation}"

    @property
    def api(self) -> bool:
        return self.route.startswith("api:")


def load() -> dict[str, Any]:
    with MATRIX_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["routes"]


def object_of(spec: dict[str, Any], method: str, relation: str, objects: dict[str, Any]) -> dict[str, Any]:
    """The fields of the object the row requests (with the fixed ones of the world, such as codes)."""
    kind = setting(spec, method, "object", "-")
    return {**objects["-"]["-"], **objects[kind]["-" if kind == "-" else relation]}


def rows(matrix: dict[str, Any] | None = None) -> list[Row]:
    matrix = load() if matrix is None else matrix
    found = []
    for route, spec in matrix.items():
        for method in METHODS:
            for role, relations in (spec.get(method) or {}).items():
                if role in SETTINGS:
                    continue
                if role not in PERSONAS:
                    raise ValueError(f"{route} {method}: unknown role {role!r}")
                for relation, expected in relations.items():
                    if isinstance(expected, int):
                        expected = {"status": expected}
                    if expected.get("pending", "") and expected["pending"] not in PENDING:
                        raise ValueError(f"{route} {method} {role}: unknown pending {expected['pending']!r}")
                    found.append(Row(route, method, role, str(relation), **expected))
    return found


def setting(spec: dict[str, Any], method: str, key: str, default: Any = None) -> Any:
    """A setting of the route (`object`, `body`), overridden for one method when that method names it."""
    return (spec.get(method) or {}).get(key, spec.get(key, default))


def body_of(spec: dict[str, Any], method: str, obj: dict[str, Any]) -> dict[str, Any]:
    """The request body of a write: `{field}` in a value is the object's field (its id, say)."""
    body = setting(spec, method, "body") or {}
    return {key: value.format(**obj) if isinstance(value, str) else value for key, value in body.items()}


def path_of(spec: dict[str, Any], route: str, method: str, obj: dict[str, Any]) -> str:
    """The URL of the route for the object: `args` names the URL's arguments, a list when they are called
    as in the object, a mapping {url argument: object field} when not."""
    args = setting(spec, method, "args") or []
    mapping = dict(args) if isinstance(args, dict) else {a: a for a in args}
    return reverse(route, kwargs={arg: obj[field] for arg, field in mapping.items()})


def request(
    row: Row, path: str, body: dict[str, Any], user: User | None, web: Client, raise_exceptions: bool = True
) -> HttpResponse:
    """The row's request: HTML through the `web` client of tests/conftest.py (its login is the one every
    page test uses), the API with the user's token; a POST (or other write) with an empty body, so an
    accepted write is answered by validation and a refused one by the gate."""
    from tests.conftest import api_client_for

    method = row.method.lower()
    if row.api:
        client: Client | APIClient = api_client_for(user) if user is not None else APIClient()
        client.raise_request_exception = raise_exceptions
        return getattr(client, method)(path, body if method != "get" else None, format="json")
    web.raise_request_exception = raise_exceptions
    if user is not None:
        web.force_login(user)
    return getattr(web, method)(path, body) if method != "get" else web.get(path)
