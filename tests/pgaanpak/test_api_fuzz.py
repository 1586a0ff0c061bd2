"""Schemathesis over the whole API, once per role (issue 9, point 8): whatever a client sends, the answer is
never a server error, and every answer matches the OpenAPI document (`/api/v1/openapi.json`).

Runs in-process against the WSGI app on the test database, with the demo loaded (the plan, every kind of
object) and each role's demo user's token. Bounded: a few valid and a few invalid requests per operation,
derandomised so that a CI run is repeatable.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from accounts.models import User
from accounts.services import api_token_get_or_create
from tests import ci_numbers

ROLES = ["projectleider", "procesregisseur", "partner", "ministerie", "beheerder", "privacyfunctionaris"]
# Per operation and per mode (valid, invalid input): about 45 operations × 2 × 5 roles in a few minutes.
EXAMPLES_PER_OPERATION = 6
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]

_examples = {"count": 0}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """What `make run` loads, once for the module, rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):  # the demo loads only where DEBUG is on
            call_command("setup", "--skip-migrate", stdout=StringIO())
            call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)
    ci_numbers.record("schemathesis examples", _examples["count"])


@pytest.fixture
def in_test_transaction() -> Iterator[None]:
    """Requests sent straight to the WSGI handler close the database connection when they start and
    finish (it is in a transaction, so it looks unusable); Django's test client switches that off, and so
    does this, for the test's duration."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _run_operation(operation: Any, headers: dict[str, str], mode: schemathesis.GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        _examples["count"] += 1
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_input_makes_the_api_fail_or_break_its_schema(demo, in_test_transaction, role):
    user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
    assert user is not None, f"the demo has no {role}"
    headers = {"Authorization": f"Token {api_token_get_or_create(user=user).key}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), headers=headers)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            try:
                _run_operation(operation, headers, mode)
            except Unsatisfiable:
                continue  # no invalid request exists for an operation without parameters or body
            except (Exception, BaseExceptionGroup) as error:  # schemathesis' FailureGroup; report them all
                failures.append(f"{operation.label} ({mode}): {str(error)[:3000]}")
    assert not failures, "\n\n".join(failures)
