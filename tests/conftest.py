"""Shared fixtures: the personas every permission test uses, and a real Celery worker for CI.

Personas (one per role, and three partner organisations):
- petra: projectleider, Gemeente Zwolle
- ruben: procesregisseur, Gemeente Zwolle
- bas: partner at Politie
- chaima: partner at Jongerenwerk
- daan: partner at Halt
- hanna: ministerie
- bert: beheerder, Gemeente Zwolle
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import api_token_get_or_create
from tests.clients import VerifiedClient
from tests.factories import OrganisationFactory, OrganisationKindFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent


def _org(name: str, kind: str) -> object:
    return OrganisationFactory(name=name, kind=OrganisationKindFactory(code=kind))


@pytest.fixture
def gemeente(db):
    return _org("Gemeente Zwolle", "gemeente")


@pytest.fixture
def politie(db):
    return _org("Politie Zwolle", "politie")


@pytest.fixture
def jongerenwerk(db):
    return _org("Travers jongerenwerk", "jongerenwerk")


@pytest.fixture
def halt(db):
    return _org("Halt Oost-Nederland", "halt")


@pytest.fixture
def ministerie_org(db):
    return _org("Ministerie van JenV", "ministerie")


@pytest.fixture
def petra(gemeente) -> User:
    # Fixed names: tests check that her name never leaves (a random one can be a substring of a place).
    return UserFactory(
        username="petra",
        first_name="Petra",
        last_name="Hoekstra",
        role="projectleider",
        organisation=gemeente,
    )


@pytest.fixture
def ruben(gemeente) -> User:
    return UserFactory(username="ruben", role="procesregisseur", organisation=gemeente)


@pytest.fixture
def bas(politie) -> User:
    return UserFactory(username="bas", role="partner", organisation=politie)


@pytest.fixture
def chaima(jongerenwerk) -> User:
    return UserFactory(username="chaima", role="partner", organisation=jongerenwerk)


@pytest.fixture
def daan(halt) -> User:
    return UserFactory(username="daan", role="partner", organisation=halt)


@pytest.fixture
def hanna(ministerie_org) -> User:
    return UserFactory(username="hanna", role="ministerie", organisation=ministerie_org)


@pytest.fixture
def bert(gemeente) -> User:
    return UserFactory(username="bert", role="beheerder", organisation=gemeente)


@pytest.fixture
def femke(gemeente) -> User:
    """The privacyfunctionaris: data-subject requests, the read log, the access review."""
    return UserFactory(username="femke", role="privacyfunctionaris", organisation=gemeente)


@pytest.fixture
def web():
    """A browser-like client; log in with web.force_login(persona), which also passes the second factor
    (tests.clients.VerifiedClient). `web.login(...)` does the password step only."""
    return VerifiedClient()


def api_client_for(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_get_or_create(user=user).key}")
    return client


@pytest.fixture
def api():
    return api_client_for


@pytest.fixture
def plan(db):
    """The plan van aanpak with its context indicators, loaded from the repository's data file (never
    retyped in tests), as `manage.py setup` loads it."""
    from monitoring.context_seed import context_indicators_load
    from tracks.services import plan_load

    plan_load(actor=None)
    context_indicators_load(actor=None)


@pytest.fixture
def reference_lists(db):
    """Districts, signal categories and the two default combination rules, as `make run` seeds them."""
    from youths.services.lists import reference_lists_load

    reference_lists_load(actor=None)


# --- Real services ------------------------------------------------------------------------------


def require_service(name: str, available: bool) -> None:
    """In CI a missing service fails the test; on a laptop without it, the test is skipped."""
    if available:
        return
    message = f"{name} is not available (set REDIS_URL and start it; see README)."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _redis_available() -> bool:
    url = os.environ.get("REDIS_URL")
    if not url:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def _test_database_url() -> str | None:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return None
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def start_celery_worker(*, queue: str, hostname: str) -> subprocess.Popen:
    """Start a real `celery worker` process on `queue`, sharing the test database; returns once it
    answers a ping. The caller stops it (terminate, or SIGKILL in the fault tests)."""
    require_service("Redis", _redis_available())
    database_url = _test_database_url()
    require_service("PostgreSQL (the worker shares the test database)", database_url is not None)
    env = {
        **os.environ,
        "DATABASE_URL": database_url or "",
        "DEBUG": "true",
        "DB_CONN_MAX_AGE": "0",
        # What the worker itself enqueues (a report's notice, the outbox flush) stays on this queue.
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "pgaanpak",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--hostname={hostname}",
            "-Q",
            queue,
        ],
        cwd=ROOT,
        env=env,
    )
    from pgaanpak.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"Celery worker exited with code {worker.returncode}")
        if app.control.ping(destination=[hostname], timeout=1):
            return worker
    worker.kill()
    pytest.fail("Celery worker did not answer a ping within 60 s")


def stop_celery_worker(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=20)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker) -> Iterator[subprocess.Popen]:
    """A real `celery worker` process on Redis, sharing the test database (PostgreSQL)."""
    # A queue and host name of this test session only: a worker left over from another run (or
    # another checkout on this machine) never takes our tasks, and we never take theirs.
    queue = f"pgaanpak-test-{os.getpid()}"
    worker = start_celery_worker(queue=queue, hostname=f"test-{os.getpid()}@localhost")
    from pgaanpak.celery import app

    saved_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        yield worker
    finally:
        app.conf.task_default_queue = saved_queue
        stop_celery_worker(worker)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """The API's throttle counters live in the cache: every test starts with none, as a new day would."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_in_process(request, settings) -> Iterator[None]:
    """Tests run tasks in-process unless marked `celery_worker` (then they go through Redis)."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    from pgaanpak.celery import app

    before = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before
