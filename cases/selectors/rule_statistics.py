"""Per combination rule: its flags, the share the meeting closed with "geen verdere actie", the median
days from flag to decision and the share that led to a case (issue 12; plan 2.2 "snellere aansluiting").

Registered with youths.rule_statistics for the rules page; monitoring's computations use
`flag_decisions` for the programme indicators. Counts only: no youth is named.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery

from youths.models import Flag
from youths.rule_statistics import RuleStatistics

from ..models import AgendaItem


@dataclass(frozen=True)
class FlagDecision:
    rule_id: int
    raised_at: dt.datetime
    decided_at: dt.datetime
    decision: str

    @property
    def days(self) -> int:
        return max((self.decided_at - self.raised_at).days, 0)


def flag_decisions(
    *, rule_ids: list[int] | None = None, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> list[FlagDecision]:
    """Each flag's first decision by a meeting (the flag's agenda item decided earliest), optionally
    only those decided in [since, until). One query."""
    first = AgendaItem.objects.filter(flag=OuterRef("pk"), decided_at__isnull=False).order_by(
        "decided_at", "id"
    )
    flags = Flag.objects.annotate(
        decided_at=Subquery(first.values("decided_at")[:1]), decision=Subquery(first.values("decision")[:1])
    ).filter(decided_at__isnull=False)
    if rule_ids is not None:
        flags = flags.filter(rule_id__in=rule_ids)
    if since is not None:
        flags = flags.filter(decided_at__gte=since)
    if until is not None:
        flags = flags.filter(decided_at__lt=until)
    return [
        FlagDecision(rule_id, raised_at, decided_at, decision)
        for rule_id, raised_at, decided_at, decision in flags.order_by().values_list(
            "rule_id", "raised_at", "decided_at", "decision"
        )
    ]


def median_days(decisions: list[FlagDecision]) -> Decimal | None:
    if not decisions:
        return None
    return Decimal(str(statistics.median(d.days for d in decisions))).quantize(Decimal("0.1"))


def combination_rule_statistics(rule_ids: list[int]) -> dict[int, RuleStatistics]:
    counts = dict(
        Flag.objects.filter(rule_id__in=rule_ids).order_by().values_list("rule_id").annotate(n=Count("id"))
    )
    per_rule: dict[int, list[FlagDecision]] = {pk: [] for pk in rule_ids}
    for decision in flag_decisions(rule_ids=rule_ids):
        per_rule[decision.rule_id].append(decision)
    return {
        pk: RuleStatistics(
            flags=counts.get(pk, 0),
            decided=len(decisions),
            no_action=sum(d.decision == AgendaItem.Decision.NO_ACTION for d in decisions),
            to_case=sum(d.decision == AgendaItem.Decision.CASE for d in decisions),
            median_days_to_decision=median_days(decisions),
        )
        for pk, decisions in per_rule.items()
    }


__all__ = ["combination_rule_statistics", "flag_decisions", "median_days"]
