"""Retention: what goes when (docs/privacy.md, "Bewaartermijnen / Retention").

It lives here, above every app, because removing a youth means removing what the cases app holds about
them too (cases, actions, agenda items, group memberships protect the youth row).

One function selects (`retention_select`); `retention_run` carries the selection out, in batches, and
returns the counts per kind. The dry run is the same run inside a transaction that is rolled back, so it
reports exactly what the real run would remove — no second set of queries that could drift. The job
records counts, never content: a `core.RetentionRun` row and a security-log line.

The rules, each a setting:
- a youth goes on their YOUTH_RETENTION_AGE-th (23rd) birthday with everything about them, unless an open
  case holds them with a recorded reason (`Case.retention_hold_reason`);
- a signal is removed SIGNAL_RETENTION_DAYS (730) after the last activity on its organisation's
  involvement; a closed signal expires SIGNAL_CLOSED_VISIBLE_DAYS (180) after closing;
- a closed case is anonymised CASE_ANONYMISE_AFTER_DAYS (730) after closing;
- the read log's rows older than READ_LOG_RETENTION_DAYS are removed from the start of the chain, and the
  hash of the last removed row is kept as the anchor that the rest verifies from.

Monitoring facts (`monitoring.Measurement`, report snapshots) hold counts per period and no key to a youth,
signal or case, so nothing here touches them (tests/pgaanpak/test_retention.py checks they stay).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, router, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.deletion import Collector
from django.urls import reverse
from django.utils import timezone

from cases.lifecycle import CaseStatus
from cases.models import (
    Action,
    AgendaItem,
    Case,
    CaseGoal,
    CaseTransition,
    Enrolment,
    FamilyLink,
    YouthGroupMember,
)
from core.models import IdempotencyKey, Notification, ReadLogEntry, RetentionRun
from core.security_log import security_event
from youths.models import Flag, Involvement, InvolvementReason, Signal, Youth

# The kinds reported (always present, also when 0), in this order. `--json` prints them as one object.
KINDS = (
    "youths",
    "signals",
    "cases",
    "signals_expired",
    "cases_anonymised",
    "involvements",
    "matches",
    "flags",
    "actions",
    "agenda_items",
    "family_links",
    "group_memberships",
    "grants",
    "notifications",
    "idempotency_keys",
    "audit_entries",
    "read_log",
    "other_rows",
)

_KIND_OF_MODEL = {
    "youths.youth": "youths",
    "youths.signal": "signals",
    "cases.case": "cases",
    "youths.involvement": "involvements",
    "youths.match": "matches",
    "youths.flag": "flags",
    "cases.action": "actions",
    "cases.agendaitem": "agenda_items",
    "cases.familylink": "family_links",
    "cases.youthgroupmember": "group_memberships",
    "youths.youthgroupobjectpermission": "grants",
    "youths.youthuserobjectpermission": "grants",
    "cases.casegroupobjectpermission": "grants",
    "cases.caseuserobjectpermission": "grants",
    "core.notification": "notifications",
    "core.idempotencykey": "idempotency_keys",
    "auditlog.logentry": "audit_entries",
}

ANONYMISED = "[geanonimiseerd]"


@dataclass(frozen=True)
class Selection:
    """What retention removes or changes on `as_of` (ids only)."""

    as_of: dt.date
    youth_ids: list[int]
    signal_ids: list[int]  # removed on their own (not with their youth)
    expire_signal_ids: list[int]
    anonymise_case_ids: list[int]
    read_log_below_pk: int | None  # read-log rows with a smaller pk go


@dataclass
class Outcome:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    read_log_anchor: str = ""

    def add(self, kind: str, n: int) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n


# --- Selecting ---------------------------------------------------------------------------------------


def _start_of_day_after(day: dt.date) -> dt.datetime:
    """The first moment of the day after `day` (local time): `x < this` means "on `day` or before"."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def youths_due(as_of: dt.date) -> models.QuerySet[Youth]:
    """Youths who are YOUTH_RETENTION_AGE or older on `as_of`, without an open case that holds them."""
    born_on_or_before = _years_before(as_of, settings.YOUTH_RETENTION_AGE)
    hold = (
        Case.objects.filter(youth=OuterRef("pk"))
        .exclude(status=CaseStatus.GESLOTEN)
        .exclude(retention_hold_reason="")
    )
    return Youth.objects.filter(date_of_birth__lte=born_on_or_before).filter(~Exists(hold))


def signals_due(as_of: dt.date) -> models.QuerySet[Signal]:
    """Signals whose organisation's involvement has had no activity for SIGNAL_RETENTION_DAYS on `as_of`."""
    before = _start_of_day_after(as_of - dt.timedelta(days=settings.SIGNAL_RETENTION_DAYS))
    stale = Involvement.objects.filter(
        youth=OuterRef("youth"), organisation=OuterRef("organisation"), last_activity_at__lt=before
    )
    return Signal.objects.filter(Exists(stale))


def signals_to_expire(as_of: dt.date) -> models.QuerySet[Signal]:
    """Closed signals closed SIGNAL_CLOSED_VISIBLE_DAYS or longer before `as_of`."""
    before = _start_of_day_after(as_of - dt.timedelta(days=settings.SIGNAL_CLOSED_VISIBLE_DAYS))
    return Signal.objects.filter(closed_at__lt=before, expired_at__isnull=True, withdrawn_at__isnull=True)


def cases_to_anonymise(as_of: dt.date) -> models.QuerySet[Case]:
    before = _start_of_day_after(as_of - dt.timedelta(days=settings.CASE_ANONYMISE_AFTER_DAYS))
    return Case.objects.filter(status=CaseStatus.GESLOTEN, closed_at__lt=before, anonymised_at__isnull=True)


def read_log_boundary(as_of: dt.date) -> int | None:
    """The pk of the first read-log row to keep, when older rows are due; None when none is due.

    Rows are removed only from the start of the chain (everything below the boundary), so the rest
    still verifies from one anchor."""
    before = _start_of_day_after(as_of - dt.timedelta(days=settings.READ_LOG_RETENTION_DAYS))
    oldest = ReadLogEntry.objects.order_by("pk").values_list("pk", "read_at").first()
    if oldest is None or oldest[1] >= before:
        return None
    first_kept = ReadLogEntry.objects.filter(read_at__gte=before).order_by("pk").values_list("pk", flat=True)
    boundary = first_kept.first()
    if boundary is None:
        last = ReadLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1
    return boundary


def retention_select(*, as_of: dt.date) -> Selection:
    """THE selection, used by the real run and the dry run alike."""
    youth_ids = list(youths_due(as_of).order_by("pk").values_list("pk", flat=True))
    going = set(youth_ids)
    signal_ids = [
        pk
        for pk, youth_id in signals_due(as_of).order_by("pk").values_list("pk", "youth_id")
        if youth_id not in going
    ]
    removed = set(signal_ids)
    expire = [
        pk
        for pk, youth_id in signals_to_expire(as_of).order_by("pk").values_list("pk", "youth_id")
        if youth_id not in going and pk not in removed
    ]
    anonymise = [
        pk
        for pk, youth_id in cases_to_anonymise(as_of).order_by("pk").values_list("pk", "youth_id")
        if youth_id not in going
    ]
    return Selection(
        as_of=as_of,
        youth_ids=youth_ids,
        signal_ids=signal_ids,
        expire_signal_ids=expire,
        anonymise_case_ids=anonymise,
        read_log_below_pk=read_log_boundary(as_of),
    )


# --- Carrying it out ---------------------------------------------------------------------------------


def _batches(ids: Sequence[int]) -> Iterator[list[int]]:
    size = max(1, settings.RETENTION_BATCH_SIZE)
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _delete_with_history(outcome: Outcome, objects: models.QuerySet[Any]) -> None:
    """Delete `objects` and everything that cascades from them, and the change-log entries of every
    removed row (django-auditlog keeps no foreign key, so they would outlive the data)."""
    if not objects.exists():
        return
    using = router.db_for_write(objects.model)
    collector = Collector(using=using, origin=objects)
    collector.collect(objects)
    history = Q(pk__in=[])
    for model, instances in collector.data.items():
        pks = [str(obj.pk) for obj in instances]
        if pks:
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            history |= Q(content_type=content_type, object_pk__in=pks)
    removed_history, _ = LogEntry.objects.filter(history).delete()
    outcome.add("audit_entries", removed_history)
    _, per_model = collector.delete()
    for label, n in per_model.items():
        outcome.add(_KIND_OF_MODEL.get(label.lower(), "other_rows"), n)


def _remove_youths(outcome: Outcome, youth_ids: list[int]) -> None:
    cases = list(Case.objects.filter(youth_id__in=youth_ids).values_list("pk", flat=True))
    actions = list(
        Action.objects.filter(Q(youth_id__in=youth_ids) | Q(case_id__in=cases)).values_list("pk", flat=True)
    )
    links = [reverse("youths:detail", args=[pk]) for pk in youth_ids]
    links += [reverse("cases:case", args=[pk]) for pk in cases]
    links += [reverse("cases:action", args=[pk]) for pk in actions]
    # Notices that name the youth (core keeps its id and name without a foreign key) go too.
    _delete_with_history(outcome, Notification.objects.filter(Q(link__in=links) | Q(youth_id__in=youth_ids)))
    signal_ids = list(Signal.objects.filter(youth_id__in=youth_ids).values_list("pk", flat=True))
    _delete_with_history(
        outcome, IdempotencyKey.objects.filter(scope="signals.create", object_id__in=signal_ids)
    )
    # The rows that protect a youth or a case from deletion go first: the agenda items about them (a
    # meeting's minutes of this youth), the actions, the group memberships, the cases.
    _delete_with_history(
        outcome,
        AgendaItem.objects.filter(
            Q(youth_id__in=youth_ids) | Q(case_id__in=cases) | Q(flag__youth_id__in=youth_ids)
        ),
    )
    _delete_with_history(outcome, Action.objects.filter(pk__in=actions))
    _delete_with_history(outcome, YouthGroupMember.objects.filter(youth_id__in=youth_ids))
    _delete_with_history(outcome, Case.objects.filter(pk__in=cases))
    # Signals, involvement (and its reasons), matches, flags, duplicate pairs, merges, family links to
    # these youths and the guardian grants cascade from the youth.
    _delete_with_history(outcome, Youth.objects.filter(pk__in=youth_ids))


def _remove_signals(outcome: Outcome, signal_ids: list[int], now: dt.datetime) -> None:
    # A flag that only these signals made hold says why in words that name them: it goes with them,
    # unless a meeting discussed it (the agenda item is the record of that meeting; it goes with the youth).
    other_signals = Signal.objects.filter(flags=OuterRef("pk")).exclude(pk__in=signal_ids)
    flags = Flag.objects.filter(signals__in=signal_ids, agenda_items__isnull=True).filter(
        ~Exists(other_signals)
    )
    _delete_with_history(outcome, Flag.objects.filter(pk__in=list(flags.values_list("pk", flat=True))))
    _delete_with_history(
        outcome, IdempotencyKey.objects.filter(scope="signals.create", object_id__in=signal_ids)
    )
    # Each removed signal was a reason of its organisation's involvement; one that still counted ends
    # now, and with the last one the involvement and the organisation's access (as a closed signal does).
    from youths.services.involvement import involvement_end

    open_reasons = InvolvementReason.objects.filter(
        kind=InvolvementReason.Kind.SIGNAL, reference_id__in=signal_ids, ended_at__isnull=True
    ).select_related("involvement__organisation", "involvement__youth")
    for reason in open_reasons:
        involvement_end(
            actor=None,
            organisation=reason.involvement.organisation,
            youth=reason.involvement.youth,
            reason=reason.kind,
            reference_id=reason.reference_id,
            at=now,
        )
    _delete_with_history(
        outcome,
        InvolvementReason.objects.filter(kind=InvolvementReason.Kind.SIGNAL, reference_id__in=signal_ids),
    )
    _delete_with_history(outcome, Signal.objects.filter(pk__in=signal_ids))


def _anonymise_cases(outcome: Outcome, case_ids: list[int], now: dt.datetime) -> None:
    """Texts and names replaced; dates, status, organisations, enrolments and outcome kept (the facts
    the monitoring computes from)."""
    Case.objects.filter(pk__in=case_ids).update(reason="", retention_hold_reason="", anonymised_at=now)
    CaseTransition.objects.filter(case_id__in=case_ids).update(reason=ANONYMISED)
    CaseGoal.objects.filter(case_id__in=case_ids).update(description=ANONYMISED)
    Enrolment.objects.filter(case_id__in=case_ids).update(result_note="")
    Action.objects.filter(case_id__in=case_ids).update(description="", response_reason="", result_note="")
    AgendaItem.objects.filter(case_id__in=case_ids).update(minutes="", decision_reason="")
    FamilyLink.objects.filter(case_id__in=case_ids, linked_youth__isnull=True).update(member_name=ANONYMISED)
    # A link to another youth names that youth in this case: the link itself goes.
    _delete_with_history(outcome, FamilyLink.objects.filter(case_id__in=case_ids, linked_youth__isnull=False))
    outcome.add("cases_anonymised", len(case_ids))


def _trim_read_log(outcome: Outcome, below_pk: int) -> None:
    anchor = (
        ReadLogEntry.objects.filter(pk__lt=below_pk)
        .order_by("-pk")
        .values_list("row_hash", flat=True)
        .first()
    )
    if anchor is None:
        return
    removed = 0
    while True:
        batch = list(
            ReadLogEntry.objects.filter(pk__lt=below_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[: settings.RETENTION_BATCH_SIZE]
        )
        if not batch:
            break
        removed += ReadLogEntry.objects.filter(pk__in=batch).delete()[0]
    outcome.add("read_log", removed)
    outcome.read_log_anchor = anchor


def _execute(selection: Selection, now: dt.datetime) -> Outcome:
    outcome = Outcome()
    with disable_auditlog():
        for batch in _batches(selection.youth_ids):
            with transaction.atomic():
                _remove_youths(outcome, batch)
        for batch in _batches(selection.signal_ids):
            with transaction.atomic():
                _remove_signals(outcome, batch, now)
        for batch in _batches(selection.expire_signal_ids):
            with transaction.atomic():
                outcome.add(
                    "signals_expired",
                    Signal.objects.filter(pk__in=batch, expired_at__isnull=True).update(expired_at=now),
                )
        for batch in _batches(selection.anonymise_case_ids):
            with transaction.atomic():
                _anonymise_cases(outcome, batch, now)
        if selection.read_log_below_pk is not None:
            with transaction.atomic():
                _trim_read_log(outcome, selection.read_log_below_pk)
    return outcome


class _DryRunRollback(Exception):
    pass


def retention_run(
    *, as_of: dt.date | None = None, dry_run: bool = False, triggered_by: str = "job"
) -> Outcome:
    """Select and carry out (or, with `dry_run`, carry out and roll back) the retention of `as_of`.

    A real run is only for today: a date in the future would remove what is not due yet.
    """
    today = timezone.localdate()
    as_of = as_of or today
    if not dry_run and as_of != today:
        raise ValueError("A retention run other than today's is only allowed as a dry run.")
    now = timezone.now()
    selection = retention_select(as_of=as_of)
    if dry_run:
        result: Outcome | None = None
        try:
            with transaction.atomic():
                result = _execute(selection, now)
                raise _DryRunRollback
        except _DryRunRollback:
            pass
        assert result is not None  # noqa: S101 - set before the rollback
        return result
    run = RetentionRun.objects.create(started_at=now, as_of=as_of, triggered_by=triggered_by)
    outcome = _execute(selection, now)
    run.counts, run.read_log_anchor, run.finished_at = outcome.counts, outcome.read_log_anchor, timezone.now()
    run.save(update_fields=["counts", "read_log_anchor", "finished_at"])
    security_event(
        action="retention",
        obj=f"run:{run.pk}",
        result="ok",
        actor=triggered_by,
        origin="",
        **{kind: n for kind, n in outcome.counts.items() if n},
    )
    return outcome
