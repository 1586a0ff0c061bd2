"""The permission matrix: each row of tests/permissions/matrix.yaml is a request with the answer it must get.

A row is (route, method, role, relation of the persona to the object) → status (and, for a redirect,
where to). The objects are built once for the module (tests/permissions/world.py); each row runs in its
own transaction, so an accepted write never leaks into the next row. tests/pgaanpak/test_routes.py fails
on a route or method that has no rows here. How to read and extend it: docs/permissions.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.ci_numbers import record
from tests.permissions import matrix
from tests.permissions.world import build

MATRIX = matrix.load()
ROWS = matrix.rows(MATRIX)
_checked: list[str] = []


def _param(row: matrix.Row) -> Any:
    marks = []
    if row.pending:
        marks.append(pytest.mark.xfail(strict=True, reason=matrix.PENDING[row.pending]))
    return pytest.param(row, id=row.id, marks=marks)


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[dict, dict]]:
    """The personas and objects, in one transaction that is rolled back after the module."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    record("routes × roles checked", len(_checked))


@pytest.mark.django_db
@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_matrix_row(row: matrix.Row, world: tuple[dict, dict], web: Any) -> None:
    personas, objects = world
    spec = MATRIX[row.route]
    obj = matrix.object_of(spec, row.method, row.relation, objects)
    path, body = matrix.path_of(spec, row.route, row.method, obj), matrix.body_of(spec, row.method, obj)
    user = personas.get(matrix.PERSONAS[row.role])
    cache.clear()  # API throttling counts per user; every row starts afresh
    response = matrix.request(row, path, body, user, web)
    assert response.status_code == row.status, f"{row.id}: {response.status_code}, expected {row.status}"
    if row.to:
        assert response["Location"].startswith(row.to), f"{row.id}: redirected to {response['Location']}"
    _checked.append(row.id)


def test_the_matrix_names_known_roles_and_every_role_per_route_and_method() -> None:
    missing = []
    for route, spec in MATRIX.items():
        for method in matrix.METHODS:
            roles = set(spec.get(method) or {}) - set(matrix.SETTINGS)
            if method in spec and roles != set(matrix.ROLES):
                missing.append(f"{route} {method}: {sorted(set(matrix.ROLES) ^ roles)}")
    assert not missing, "Rows missing for a role:\n" + "\n".join(missing)
