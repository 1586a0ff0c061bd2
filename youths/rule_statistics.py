"""What became of each combination rule's flags (issue 12, "what no other monitoring tool has").

The decisions on flags live in the cases app (the meeting's agenda items), which this app cannot import.
The cases app registers the function that works the statistics out in its `AppConfig.ready()`, the way
need-to-know grounds are registered (`youths/grounds.py`); the rules page asks this module. Without a
provider only the number of flags per rule is known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count


@dataclass(frozen=True)
class RuleStatistics:
    flags: int  # raised by the rule
    decided: int = 0  # of those, decided by a meeting
    no_action: int = 0  # decided "geen verdere actie"
    to_case: int = 0  # decided "casus openen"
    median_days_to_decision: Decimal | None = None

    def _share(self, part: int) -> Decimal | None:
        return None if not self.decided else (Decimal(100) * part / self.decided).quantize(Decimal("1"))

    @property
    def no_action_share(self) -> Decimal | None:
        return self._share(self.no_action)

    @property
    def to_case_share(self) -> Decimal | None:
        return self._share(self.to_case)


Provider = Callable[[list[int]], dict[int, RuleStatistics]]
_providers: list[Provider] = []


def register_rule_statistics(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def rule_statistics(rule_ids: Iterable[int]) -> dict[int, RuleStatistics]:
    """Per rule id its statistics (two queries with the cases app's provider, whatever the flags)."""
    ids = list(rule_ids)
    if _providers:
        return _providers[-1](ids)
    from .models import Flag

    counts = dict(
        Flag.objects.filter(rule_id__in=ids).order_by().values_list("rule_id").annotate(n=Count("id"))
    )
    return {pk: RuleStatistics(flags=counts.get(pk, 0)) for pk in ids}
