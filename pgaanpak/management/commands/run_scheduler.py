"""`make run`'s server: runserver plus the scheduled jobs, in one command (issue 12).

With REDIS_URL set, a Celery worker with beat in-process (`celery -A pgaanpak worker --beat`) runs next
to runserver and takes the schedule of pgaanpak/schedule.py. With the embedded default (no Redis, tasks
in-process) a background thread plays beat: it runs each entry of the same schedule when it is due,
in this process, and refreshes the monitoring facts every `--facts-every` seconds as well, so that the
demo's case-derived figures follow what a user does without waiting for the night. Production runs the
`worker` and `beat` services of docker-compose instead; this command is for local use only.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import os
import subprocess  # noqa: S404  # starts the local Celery worker (fixed arguments, no shell)
import sys
import threading
import time
from typing import Any

from celery.schedules import maybe_schedule
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from pgaanpak.celery import app
from pgaanpak.schedule import CELERY_BEAT_SCHEDULE

log = logging.getLogger(__name__)

FACTS_TASK = "monitoring.tasks.measurements_refresh"


class LocalBeat:
    """Beat for the embedded default: each entry of the schedule when it is due, run in-process."""

    def __init__(self, *, facts_every: float, now: dt.datetime | None = None) -> None:
        start = now or timezone.now()
        app.loader.import_default_modules()  # registers the apps' tasks (autodiscovery is lazy)
        self.entries: dict[str, Any] = {
            name: maybe_schedule(entry["schedule"], app=app) for name, entry in CELERY_BEAT_SCHEDULE.items()
        }
        self.tasks = {name: entry["task"] for name, entry in CELERY_BEAT_SCHEDULE.items()}
        self.last_run: dict[str, dt.datetime] = dict.fromkeys(self.entries, start)
        self.facts_every = facts_every
        self.facts_last: float | None = None

    def due(self) -> list[str]:
        """The tasks due now (and marks them run)."""
        names = []
        for name, schedule in self.entries.items():
            is_due, _next = schedule.is_due(self.last_run[name])
            if is_due:
                self.last_run[name] = timezone.now()
                names.append(self.tasks[name])
        clock = time.monotonic()
        if self.facts_every > 0 and (self.facts_last is None or clock - self.facts_last >= self.facts_every):
            self.facts_last = clock
            if FACTS_TASK not in names:
                names.append(FACTS_TASK)
        return names

    def tick(self) -> list[str]:
        ran = []
        for task in self.due():
            close_old_connections()
            try:
                app.tasks[task].apply()
                ran.append(task)
            except Exception:  # a failing job must not stop the server or the other jobs
                log.exception("Scheduled task %s failed", task)
            finally:
                close_old_connections()
        return ran

    def run_forever(self, interval: float = 30.0) -> None:
        while True:
            self.tick()
            time.sleep(interval)


class Command(BaseCommand):
    help = (
        "Start de ontwikkelserver met de geplande taken: een Celery-worker met beat als REDIS_URL is gezet, "
        "anders een achtergrondthread die het schema van pgaanpak/schedule.py in dit proces uitvoert."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--facts-every",
            type=float,
            default=300.0,
            help="Ververs de monitoringcijfers elke zoveel seconden (zonder Redis; 0 = alleen het schema).",
        )
        parser.add_argument("--noreload", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        # runserver's autoreloader runs this command twice: a watching parent and a serving child
        # (RUN_MAIN=true). The worker belongs to the parent (one for the whole session), the thread to
        # the process that serves.
        serving = options["noreload"] or os.environ.get("RUN_MAIN") == "true"
        watching = options["noreload"] or os.environ.get("RUN_MAIN") != "true"
        if settings.REDIS_URL:
            if watching:
                self._start_worker()
        elif serving:
            beat = LocalBeat(facts_every=options["facts_every"])
            threading.Thread(target=beat.run_forever, name="local-beat", daemon=True).start()
            self.stdout.write("Geplande taken draaien in dit proces (zonder Redis).")
        call_command("runserver", options["addrport"], use_reloader=not options["noreload"])

    def _start_worker(self) -> None:
        worker = subprocess.Popen(  # noqa: S603  # fixed arguments
            [sys.executable, "-m", "celery", "-A", "pgaanpak", "worker", "--beat", "--loglevel", "INFO"]
        )
        atexit.register(worker.terminate)
        self.stdout.write(f"Celery-worker met beat gestart (pid {worker.pid}).")
