"""Need-to-know grounds: why a lead role (the procesregisseur) may read a youth (docs/privacy-rights.md).

The procesregisseur reads a youth only while there is a ground for it: a flag, an agenda item, a case, a
group membership, a duplicate to resolve, a partner's request to discuss the youth. Several grounds live
in apps above this one (cases), which the youths app cannot import; such an app registers its ground in
its `AppConfig.ready()`, the way merge steps are registered (`youths/merge.py`). The access gateway
(`youths.selectors`) turns every registered ground into one `pk IN (subquery)` condition of the single
query it runs, and the youth page names the grounds that hold.

A ground that has ended still counts for `GRACE` afterwards: the meeting's decision is followed up and
questions about it are answered in the weeks after a flag or case is closed, without the youth
disappearing from under the procesregisseur's hands. Ninety days covers one quarter's meeting cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

if TYPE_CHECKING:
    from .models import Youth

#: How long an ended ground (a closed flag or case, a past meeting, a member who left) still gives access.
GRACE = dt.timedelta(days=90)

#: Returns the ids of the youths this ground covers for `user`, as a query (`values("pk")` or
#: `values("youth_id")`) that the gateway puts in a subquery: it must not be evaluated.
YouthIds = Callable[[Any], QuerySet[Any]]


@dataclass(frozen=True)
class Ground:
    #: A stable key (`flag`, `case`, ...), used in the annotation and in tests.
    name: str
    #: What the youth page says gives access, in Dutch ("Op de lijst voor het overleg").
    label: str | Promise
    youth_ids: YouthIds


_grounds: dict[str, Ground] = {}


def register_ground(name: str, label: str | Promise, youth_ids: YouthIds) -> None:
    """Register a ground. Registering a name again replaces it and keeps its place."""
    _grounds[name] = Ground(name=name, label=label, youth_ids=youth_ids)


def grounds() -> list[Ground]:
    return list(_grounds.values())


def since() -> dt.datetime:
    """The moment before which an ended ground no longer counts."""
    return timezone.now() - GRACE


def ground_condition(user: Any) -> Q:
    """One condition on Youth: some registered ground covers the youth. Nothing registered: nothing."""
    condition = Q(pk__in=[])
    for ground in grounds():
        condition |= Q(pk__in=ground.youth_ids(user))
    return condition


def grounds_for_youth(*, user: Any, youth: Youth) -> list[Ground]:
    """Which grounds cover this youth for `user`, in one query (for the youth page)."""
    from .models import Youth

    found = grounds()
    if not found:
        return []
    row = (
        Youth.objects.filter(pk=youth.pk)
        .values(
            **{
                f"ground_{g.name}": ExpressionWrapper(
                    Q(pk__in=g.youth_ids(user)), output_field=BooleanField()
                )
                for g in found
            }
        )
        .first()
    )
    return [g for g in found if row and row[f"ground_{g.name}"]]


# --- The youths app's own grounds (registered in YouthsConfig.ready) --------------------------------


def flagged_youth_ids(user: Any) -> QuerySet[Any]:
    """On the list for the early-signal meeting: an open flag, or one closed less than GRACE ago."""
    from .models import Flag

    return Flag.objects.filter(Q(status=Flag.Status.OPEN) | Q(closed_at__gte=since())).values("youth_id")


def duplicate_youth_ids(user: Any) -> QuerySet[Any]:
    """Either record of a possible duplicate, undecided or kept apart less than GRACE ago, and the record
    another was merged into less than GRACE ago: the procesregisseur compares them, and checks the result."""
    from django.db.models import Exists, OuterRef

    from .models import DuplicateCandidate, Youth, YouthMerge

    pairs = DuplicateCandidate.objects.filter(Q(dismissed_at__isnull=True) | Q(dismissed_at__gte=since()))
    return Youth.objects.filter(
        Exists(pairs.filter(youth_a=OuterRef("pk")))
        | Exists(pairs.filter(youth_b=OuterRef("pk")))
        | Exists(YouthMerge.objects.filter(survivor=OuterRef("pk"), merged_at__gte=since()))
    ).values("pk")
