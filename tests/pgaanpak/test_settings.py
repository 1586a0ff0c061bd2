"""Production settings refuse to start without their secrets; a subprocess imports them fresh."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 50,
    "DATABASE_URL": "postgres://u:p@db:5432/pgaanpak",
    "REDIS_URL": "redis://redis:6379/0",
    "ALLOWED_HOSTS": "pgaanpak.example",
    "BSN_HASH_KEY": "y" * 40,
    "SITE_URL": "https://pgaanpak.example",
}


def _import_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "CI"}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "pgaanpak.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_starts_with_every_production_variable_set():
    result = _import_settings(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "BSN_HASH_KEY", "SITE_URL"]
)
def test_it_refuses_to_start_without_a_required_variable_and_names_it(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _import_settings(env)
    assert result.returncode != 0
    assert f"Environment variable {missing} is required" in result.stderr


def test_a_bad_boolean_is_a_clear_error():
    result = _import_settings({**PRODUCTION, "DEBUG": "misschien"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_the_local_default_is_sqlite_and_in_process_tasks():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER)",
        ],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k not in PRODUCTION}, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_a_checkout_without_debug_set_runs_locally_in_debug_mode():
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "CI"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "pgaanpak.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_refuses_the_demo_exemption_from_the_second_factor():
    result = _import_settings({**PRODUCTION, "OTP_DEMO_EXEMPT": "true"})
    assert result.returncode != 0
    assert "OTP_DEMO_EXEMPT may not be on when DEBUG is off" in result.stderr


def test_production_has_no_demo_exemption_by_default_and_local_development_has():
    code = "import django; django.setup(); from django.conf import settings; print(settings.OTP_DEMO_EXEMPT)"
    clean = {
        k: v for k, v in os.environ.items() if k not in PRODUCTION and k not in ("CI", "OTP_DEMO_EXEMPT")
    }
    for env, expected in ((PRODUCTION, "False"), ({"DEBUG": "true"}, "True")):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**clean, "DJANGO_SETTINGS_MODULE": "pgaanpak.settings", **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == expected
