"""Logging reads of personal data. Every page, API response or job that shows a person's data calls
`log_reads` (or `log_read` for one subject), and nothing else writes `ReadLogEntry` rows.

The rows form a hash chain: each row's `row_hash` is sha256 over its content and the previous row's
hash. `verify_read_log` (and `manage.py verify_logs`) recomputes the chain and names the first row that
no longer matches, so an edited or deleted row is found. The chain is appended under a lock (an advisory
lock on PostgreSQL; SQLite allows one writer anyway), so concurrent requests cannot fork it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from .models import ReadLogEntry, RetentionRun
from .security_log import actor_of, current_origin, security_event

# Any fixed number: the key of the PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK = 0x7067_7265_6164  # "pgread"
GENESIS = "0" * 64


def row_hash(
    *,
    previous: str,
    user_id: int,
    organisation_name: str,
    subject_type: str,
    subject_id: int,
    what: str,
    channel: str,
    path: str,
    read_at: datetime,
) -> str:
    content = [
        previous,
        user_id,
        organisation_name,
        subject_type,
        subject_id,
        what,
        channel,
        path,
        read_at.astimezone(UTC).isoformat(),
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])


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
    now = timezone.now()
    with transaction.atomic():
        _lock_chain()
        previous = ReadLogEntry.objects.order_by("-pk").values_list("row_hash", flat=True).first() or GENESIS
        rows = []
        for label, pk in unique:
            row = ReadLogEntry(
                user=user,
                organisation_name=org,
                subject_type=label,
                subject_id=pk,
                what=what[:200],
                channel=channel,
                path=path[:500],
                read_at=now,
            )
            row.row_hash = previous = _hash_of(row, previous)
            rows.append(row)
        ReadLogEntry.objects.bulk_create(rows)
    by_type: dict[str, list[str]] = {}
    for label, pk in unique:
        by_type.setdefault(label, []).append(str(pk))
    for label, ids in by_type.items():
        security_event(
            action="read personal data",
            obj=f"{label}:{','.join(ids)}",
            result="ok",
            actor=actor_of(user),
            origin=current_origin() or channel,
            channel=channel,
        )


def _hash_of(row: ReadLogEntry, previous: str) -> str:
    return row_hash(
        previous=previous,
        user_id=row.user_id,
        organisation_name=row.organisation_name,
        subject_type=row.subject_type,
        subject_id=row.subject_id,
        what=row.what,
        channel=row.channel,
        path=row.path,
        read_at=row.read_at,
    )


def log_read(
    *, user: Any, subject: models.Model | None, what: str, channel: str = "web", path: str = ""
) -> None:
    log_reads(user=user, subjects=[subject], what=what, channel=channel, path=path)


def read_log_for(subject: models.Model) -> models.QuerySet[ReadLogEntry]:
    return ReadLogEntry.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=subject.pk
    ).select_related("user")


def verify_read_log(*, anchor: str = GENESIS) -> tuple[int, int | None, str]:
    """Recompute the chain in insert order: (rows checked, id of the first row that does not match,
    hash of the last good row).

    A changed row fails itself; a deleted row fails its successor. `anchor` is the hash before the
    oldest row: GENESIS, or, once old rows have been removed by retention, the last removed row's hash.
    Rows cut off at the end, or a chain recomputed from scratch by someone with database access, show
    only against an earlier run's count and last hash, kept outside the database (docs/operations.md).
    """
    previous = anchor
    checked = 0
    for row in ReadLogEntry.objects.order_by("pk").iterator(chunk_size=2000):
        if row.row_hash != _hash_of(row, previous):
            return checked, row.pk, previous
        previous = row.row_hash
        checked += 1
    return checked, None, previous


def retained_anchor() -> str:
    """The hash the remaining chain starts from: the last row the newest retention run removed
    (pgaanpak.retention), or GENESIS when no row was ever removed."""
    anchor = (
        RetentionRun.objects.exclude(read_log_anchor="")
        .order_by("-started_at", "-pk")
        .values_list("read_log_anchor", flat=True)
        .first()
    )
    return anchor or GENESIS
