"""The compose file deploys what docs/operations.md says it does."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_defines_web_worker_beat_database_and_broker_with_health_checks():
    services = _compose()["services"]
    assert {"web", "worker", "beat", "db", "redis", "migrate"} <= set(services)
    assert re.fullmatch(r"postgres:16(\..*)?", services["db"]["image"])
    assert re.fullmatch(r"redis:7(\..*)?", services["redis"]["image"])
    for name in ("web", "worker", "db", "redis"):
        assert "healthcheck" in services[name], name
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]


def test_the_app_services_run_the_documented_commands_from_one_image_and_env_file():
    services = _compose()["services"]
    assert services["web"]["command"][0] == "gunicorn"
    assert services["web"]["command"][1] == "pgaanpak.wsgi:application"
    assert services["worker"]["command"][:4] == ["celery", "-A", "pgaanpak", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "pgaanpak", "beat"]
    assert services["migrate"]["command"] == ["python", "manage.py", "setup"]
    for name in ("web", "worker", "beat", "migrate"):
        assert services[name]["image"] == "pgaanpak:latest"
        assert services[name]["env_file"] == ".env"


def test_env_example_documents_every_variable_the_settings_read():
    settings_source = "\n".join(p.read_text() for p in (ROOT / "pgaanpak").glob("settings.py"))
    read = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no variables found"
    assert read <= documented, read - documented


def test_the_production_image_runs_with_debug_off_unless_told_otherwise():
    env_lines = [line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("ENV ")]
    assert any(re.search(r"\bDEBUG=false\b", line) for line in env_lines)
    assert re.search(r"^DEBUG=false$", (ROOT / ".env.example").read_text(), re.M)
