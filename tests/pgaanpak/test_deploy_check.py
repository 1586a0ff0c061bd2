"""`manage.py check --deploy --fail-level WARNING` passes with production settings (issue 9, point 5):
https redirect, HSTS, secure cookies, and an OpenAPI schema without drf-spectacular warnings."""

import os
import subprocess
import sys

from tests.pgaanpak.test_settings import PRODUCTION, ROOT


def test_the_deployment_checks_pass_with_production_settings():
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "CI"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "pgaanpak.settings",
            **PRODUCTION,
            "SECRET_KEY": "pgaanpak-deploy-check-" + "0123456789abcdef" * 3,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
