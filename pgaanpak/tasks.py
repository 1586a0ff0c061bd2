"""Jobs that span every app (pgaanpak/schedule.py)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="pgaanpak.tasks.retention")
def retention() -> dict[str, int]:
    """Nightly: remove and anonymise what is due (pgaanpak.retention). Idempotent: a second run the same
    night finds nothing left to remove."""
    from .retention import retention_run

    return retention_run(triggered_by="job").counts
