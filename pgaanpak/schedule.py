"""Every periodic job of the platform, in one place.

django-celery-beat's DatabaseScheduler copies these entries into its tables at start-up; there is
exactly one beat process (docker-compose service `beat`). Every task listed here is idempotent, so a
run that beat repeats does no harm, and a run that beat drops (broker down) is caught up by the
task itself where losing it would lose work (the outbox, the reports).
"""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    # Publishes task messages whose immediate publish failed (broker down at commit time).
    # Every minute: the longest a queued piece of work waits after Redis comes back.
    "outbox-flush": {
        "task": "core.tasks.outbox_flush",
        "schedule": 60.0,
    },
    # Forgets Idempotency-Keys older than IDEMPOTENCY_KEY_HOURS (24 h): a client retries within
    # minutes, and the table keeps no more than a day of keys. Hourly, so it stays small.
    "idempotency-keys-purge": {
        "task": "core.tasks.idempotency_keys_purge",
        "schedule": crontab(minute=15),
    },
    # Deletes expired sessions (30 minutes idle, 10 hours at most): Django keeps their rows until then.
    # Nightly; harmless to repeat.
    "sessions-clear": {
        "task": "core.tasks.sessions_clear",
        "schedule": crontab(hour=1, minute=0),
    },
    # Stores the monitoring facts (Measurement) of every open period from the platform's data, so
    # that pages, reports and the ministry's API read facts instead of scanning live tables.
    # Nightly, when nobody works and the day's data are complete.
    "monitoring-measurements-refresh": {
        "task": "monitoring.tasks.measurements_refresh",
        "schedule": crontab(hour=1, minute=30),
    },
    # Makes the monthly and quarterly reports that are due and not made yet. Every period since the
    # last report that succeeded is made, so a run that beat dropped (broker down) is caught up the
    # next day; each report is made once (unique per period and version, claimed under a row lock).
    "monitoring-reports-catch-up": {
        "task": "monitoring.tasks.reports_catch_up",
        "schedule": crontab(hour=2, minute=30),
    },
    # Pending reports whose worker died (killed, out of memory, machine gone) are enqueued again and the
    # report page says so; without this the broker redelivers only after the visibility timeout (2 h).
    # Every 2 minutes: with REPORT_STALLED_AFTER_SECONDS (5 min) a report is picked up within ~7 minutes.
    "monitoring-reports-requeue-stalled": {
        "task": "monitoring.tasks.reports_requeue_stalled",
        "schedule": 120.0,
    },
    # Combination rules over every youth with a recent signal (youths.services.flags.flags_evaluate_all).
    # Nightly, when nobody logs signals: picks up rules the projectleider added or changed and
    # corrected signals, and evaluates with the new date as windows move. Raises no flag twice.
    "youths-flags-evaluate-all": {
        "task": "youths.tasks.flags_evaluate_all",
        "schedule": crontab(hour=2, minute=30),
    },
    # Tells the owner of every open action past its due date. Daily at 07:00 (Europe/Amsterdam), before
    # the working day starts; at most one notification per action per day (run twice: notified once).
    "actions-overdue-notify": {
        "task": "cases.tasks.actions_overdue_notify",
        "schedule": crontab(hour=7, minute=0),
    },
    # Family matches that arose after a family link was made (a new signal or case role on one of the
    # family's youths). Daily at 06:30, before the overdue job, so the morning's mail has both.
    "family-matches-refresh": {
        "task": "cases.tasks.family_matches_refresh",
        "schedule": crontab(hour=6, minute=30),
    },
    # Involvements without activity for INVOLVEMENT_INACTIVE_CLOSE_DAYS are closed, after a notice
    # INVOLVEMENT_INACTIVE_NOTICE_DAYS before (youths.services.lifecycle). Nightly at 03:00, after the
    # rules (02:30); a day's delay is harmless, and a run beat drops is caught up the next night.
    "youths-involvements-inactive-close": {
        "task": "youths.tasks.involvements_inactive_close",
        "schedule": crontab(hour=3, minute=0),
    },
    # Retention (pgaanpak.retention, docs/privacy.md): youths at 23, signals two years after the last
    # activity, expiry of closed signals, anonymising closed cases, the oldest read log. Nightly at 03:30,
    # after the monitoring facts (01:30) and the auto-close (03:00), when nobody works; idempotent.
    "retention": {
        "task": "pgaanpak.tasks.retention",
        "schedule": crontab(hour=3, minute=30),
    },
}

__all__ = ["CELERY_BEAT_SCHEDULE"]
