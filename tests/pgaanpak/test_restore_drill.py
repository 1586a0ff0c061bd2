"""The restore drill (bin/restore_drill.py) against the test database: dump, restore, same counts."""

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, _test_database_url, require_service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # committed rows, as pg_dump sees them


def _drill(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "bin" / "restore_drill.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_restore_drill_restores_the_database_with_every_count_equal(reference_lists):
    url = _test_database_url()
    require_service("PostgreSQL", url is not None)
    require_service("pg_dump and pg_restore", bool(shutil.which("pg_dump") and shutil.which("pg_restore")))
    UserFactory.create_batch(3)
    result = _drill(url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Restore drill passed" in result.stdout
    assert "public.accounts_user" in result.stdout
    assert "<-- differs" not in result.stdout


def test_the_restore_drill_refuses_without_a_postgres_url():
    result = _drill("sqlite:///db.sqlite3")
    assert result.returncode == 2
