"""Logging reads of personal data. Every page or API response that shows a person's data calls this."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import ReadLogEntry


def log_read(
    *, user: Any, subject: models.Model, what: str, channel: str = "web", path: str = ""
) -> ReadLogEntry:
    return ReadLogEntry.objects.create(
        user=user,
        organisation_name=getattr(getattr(user, "organisation", None), "name", ""),
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        what=what[:200],
        channel=channel,
        path=path[:500],
    )


def log_reads(
    *, user: Any, subjects: Iterable[models.Model], what: str, channel: str = "web", path: str = ""
) -> None:
    """One row per subject shown on a list page, in one INSERT."""
    org = getattr(getattr(user, "organisation", None), "name", "")
    ReadLogEntry.objects.bulk_create(
        ReadLogEntry(
            user=user,
            organisation_name=org,
            subject_type=s._meta.label_lower,
            subject_id=s.pk,
            what=what[:200],
            channel=channel,
            path=path[:500],
        )
        for s in subjects
    )


def read_log_for(subject: models.Model) -> models.QuerySet[ReadLogEntry]:
    return ReadLogEntry.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=subject.pk
    ).select_related("user")
