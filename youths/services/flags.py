"""Combination rules and the flags they raise for the early-signal meeting."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from core.audit import acting_as
from core.errors import DomainError
from core.outbox import enqueue

from .. import rules
from ..models import CombinationRule, Flag, RulePriority, Signal, SignalCategory, Youth


@transaction.atomic
def combination_rule_save(
    *,
    actor: Actor | None,
    rule: CombinationRule | None,
    name: str,
    description: str,
    window_days: int,
    min_signals: int,
    min_organisations: int,
    min_domains: int,
    min_total_weight: int,
    categories: Iterable[SignalCategory],
    is_active: bool,
    priority: int = RulePriority.NORMAL,
    evaluate: bool = True,
    dpia_reference: str = "",
) -> CombinationRule:
    """Create or change a rule. Changed rules apply to existing signals: all youths are re-evaluated
    in the background (existing flags stay as they are)."""
    name = name.strip()
    if not name:
        raise DomainError(_("Geef de regel een naam."), field="name")
    clash = CombinationRule.objects.filter(name__iexact=name)
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
    if clash.exists():
        raise DomainError(_("Er is al een regel met deze naam."), field="name")
    if not 1 <= window_days <= 730:
        raise DomainError(_("Het venster is 1 tot en met 730 dagen."), field="window_days")
    if min_signals < 1:
        raise DomainError(_("Minimaal aantal signalen is ten minste 1."), field="min_signals")
    if not 1 <= min_organisations <= min_signals:
        raise DomainError(
            _("Het aantal organisaties ligt tussen 1 en het minimale aantal signalen."),
            field="min_organisations",
        )
    if not 1 <= min_domains <= min(4, min_signals):
        raise DomainError(
            _("Het aantal leefgebieden ligt tussen 1 en 4, en niet boven het minimale aantal signalen."),
            field="min_domains",
        )
    if min_total_weight < 0:
        raise DomainError(_("Het totaalgewicht kan niet negatief zijn."), field="min_total_weight")
    categories = list(categories)
    dpia_reference = dpia_reference.strip()
    special = [c for c in categories if c.is_special]
    if special and not dpia_reference:
        # AVG art. 9, 10 and 35: weighing health data, victimhood or criminal-law data in a rule that
        # selects minors is profiling on special data; only with a DPIA that covers it.
        raise DomainError(
            _(
                "Deze regel weegt een categorie met bijzondere of strafrechtelijke gegevens (%(names)s). "
                "Dat mag alleen met een vastgelegde DPIA: vul het DPIA-kenmerk in of kies andere categorieën."
            )
            % {"names": ", ".join(c.name for c in special)},
            field="dpia_reference",
            code="dpia_required",
        )
    if priority not in RulePriority.values:
        raise DomainError(_("Kies de urgentie: urgent, hoog of normaal."), field="priority")
    values = {
        "name": name,
        "description": description.strip(),
        "window_days": window_days,
        "min_signals": min_signals,
        "min_organisations": min_organisations,
        "min_domains": min_domains,
        "min_total_weight": min_total_weight,
        "dpia_reference": dpia_reference,
        "priority": priority,
        "is_active": is_active,
        "updated_at": timezone.now(),
    }
    with acting_as(actor):
        if rule is None:
            rule = CombinationRule.objects.create(**values)
        else:
            for field, value in values.items():
                setattr(rule, field, value)
            rule.save(update_fields=list(values))
        rule.categories.set(categories)
    if evaluate and is_active:
        enqueue("youths.tasks.flags_evaluate_all")
    return rule


def _category_ids(rule: CombinationRule) -> set[int]:
    return {c.pk for c in rule.categories.all()}


def _flags_raise(
    *,
    youth: Youth,
    active_rules: Sequence[CombinationRule],
    signals: Sequence[Signal],
    latest_flags: dict[int, Flag],
    today: dt.date,
) -> list[Flag]:
    """Raise a flag for every rule that holds, unless it would repeat an earlier one.

    A rule that holds raises a new flag for the youth only when no flag of that rule is open and at
    least one of the triggering signals was logged after the previous flag of the rule was closed.
    """
    raised = []
    for rule in active_rules:
        trigger = rules.matching_signals(rule, _category_ids(rule), signals, today)
        if not trigger:
            continue
        previous = latest_flags.get(rule.pk)
        if previous is not None and (
            previous.status == Flag.Status.OPEN or not any(s.created_at > previous.closed_at for s in trigger)  # type: ignore[operator]
        ):
            continue
        explanation = rules.flag_explanation(rule, [c.name for c in rule.categories.all()], trigger, today)
        try:
            with transaction.atomic():  # a concurrent evaluation may have raised it first
                flag = Flag.objects.create(
                    youth=youth,
                    rule=rule,
                    explanation=explanation,
                    trigger_key=rules.trigger_key(rule, trigger),
                )
                flag.signals.set(trigger)
        except IntegrityError:
            continue
        raised.append(flag)
    return raised


def _active_rules() -> list[CombinationRule]:
    return list(CombinationRule.objects.filter(is_active=True).prefetch_related("categories").order_by("pk"))


def _window_signals(youth_ids: Iterable[int], since: dt.date, today: dt.date) -> dict[int, list[Signal]]:
    by_youth: dict[int, list[Signal]] = defaultdict(list)
    for signal in (
        Signal.objects.filter(
            youth_id__in=list(youth_ids),
            withdrawn_at__isnull=True,
            expired_at__isnull=True,
            observed_on__gte=since,
            observed_on__lte=today,
        )
        .select_related("category", "organisation")
        .order_by("observed_on", "pk")
    ):
        by_youth[signal.youth_id].append(signal)
    return by_youth


def _latest_flags(youth_ids: Iterable[int]) -> dict[int, dict[int, Flag]]:
    latest: dict[int, dict[int, Flag]] = defaultdict(dict)
    for flag in Flag.objects.filter(youth_id__in=list(youth_ids)).order_by("raised_at", "pk"):
        latest[flag.youth_id][flag.rule_id] = flag  # later rows overwrite earlier ones
    return latest


def flags_evaluate(*, youth: Youth, today: dt.date | None = None) -> list[Flag]:
    """Evaluate every active rule for one youth (called when a signal is logged or corrected)."""
    today = today or timezone.localdate()
    active_rules = _active_rules()
    if not active_rules:
        return []
    since = min(rules.window_start(rule, today) for rule in active_rules)
    with acting_as(None):
        return _flags_raise(
            youth=youth,
            active_rules=active_rules,
            signals=_window_signals([youth.pk], since, today).get(youth.pk, []),
            latest_flags=_latest_flags([youth.pk]).get(youth.pk, {}),
            today=today,
        )


def flags_evaluate_all(*, today: dt.date | None = None, batch_size: int = 500) -> int:
    """The nightly run: every youth with a signal in the longest window, in batches. Returns flags raised.

    It catches what evaluation at logging time cannot: rules added or changed since, corrected signals.
    Windows move with the date, so signals that have left every window no longer count.
    """
    today = today or timezone.localdate()
    active_rules = _active_rules()
    if not active_rules:
        return 0
    since = min(rules.window_start(rule, today) for rule in active_rules)
    youth_ids = list(
        Signal.objects.filter(
            withdrawn_at__isnull=True, expired_at__isnull=True, observed_on__gte=since, observed_on__lte=today
        )
        .order_by("youth_id")
        .values_list("youth_id", flat=True)
        .distinct()
    )
    raised = 0
    for start in range(0, len(youth_ids), batch_size):
        batch = youth_ids[start : start + batch_size]
        with transaction.atomic(), acting_as(None):
            signals = _window_signals(batch, since, today)
            latest = _latest_flags(batch)
            for youth in Youth.objects.filter(pk__in=batch):
                raised += len(
                    _flags_raise(
                        youth=youth,
                        active_rules=active_rules,
                        signals=signals.get(youth.pk, []),
                        latest_flags=latest.get(youth.pk, {}),
                        today=today,
                    )
                )
    return raised


@transaction.atomic
def flag_close(*, actor: Actor, flag: Flag, note: str) -> Flag:
    """People decided about a flag (the early-signal meeting, issue 4). A flag never closes by itself."""
    note = note.strip()
    if not note:
        raise DomainError(_("Leg kort vast wat er met de signalering is gedaan."), field="note")
    with acting_as(actor):
        if flag.status == Flag.Status.OPEN:
            flag.status, flag.closed_at, flag.closed_by, flag.closing_note = (
                Flag.Status.CLOSED,
                timezone.now(),
                actor,
                note[:500],
            )
            flag.save(update_fields=["status", "closed_at", "closed_by", "closing_note"])
    return flag
