"""Logging reads of personal data. Every page, API response or job that shows a person's data calls
`log_reads` (or `log_read` for one subject), and nothing else writes `ReadLogEntry` rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import ReadLogEntry


def log_reads(
    *,
    user: Any,
    subjects: Iterable[models.Model | None],
    what: str,
    channel: str = "web",
    path: str = "",
) -> None:
    """One row per distinct subject shown, in one INSERT. `None` (an empty link) is skipped, and a
    subject shown twice on one page (a youth in two rows) is logged once."""
    unique: dict[tuple[str, Any], models.Model] = {}
    for subject in subjects:
        if subject is not None:
            unique.setdefault((subject._meta.label_lower, subject.pk), subject)
    if not unique:
        return
    org = getattr(getattr(user, "organisation", None), "name", "")
    ReadLogEntry.objects.bulk_create(
        ReadLogEntry(
            user=user,
            organisation_name=org,
            subject_type=label,
            subject_id=pk,
            what=what[:200],
            channel=channel,
            path=path[:500],
        )
        for (label, pk) in unique
    )


def log_read(
    *, user: Any, subject: models.Model | None, what: str, channel: str = "web", path: str = ""
) -> None:
    log_reads(user=user, subjects=[subject], what=what, channel=channel, path=path)


def read_log_for(subject: models.Model) -> models.QuerySet[ReadLogEntry]:
    return ReadLogEntry.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=subject.pk
    ).select_related("user")
