"""The cases app's need-to-know grounds for the lead roles, registered into youths (youths/grounds.py)
in `CasesConfig.ready()`. Each returns the ids of the youths it covers as an unevaluated query."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from youths.grounds import since

from .models import AgendaItem, Case, YouthGroupMember
from .selectors.referrals import youth_ids_with_open_referral


def agenda_youth_ids(user: Any) -> QuerySet[Any]:
    """On the agenda of a meeting that is still to come or took place less than GRACE ago."""
    return AgendaItem.objects.filter(youth__isnull=False, meeting__starts_at__gte=since()).values("youth_id")


def case_youth_ids(user: Any) -> QuerySet[Any]:
    """A case that is not closed (aftercare included), or was closed less than GRACE ago."""
    return Case.objects.filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since())).values("youth_id")


def group_youth_ids(user: Any) -> QuerySet[Any]:
    """A member of a youth group (group approach), or one who left less than GRACE ago."""
    left_since = timezone.localtime(since()).date()
    return YouthGroupMember.objects.filter(Q(left_on__isnull=True) | Q(left_on__gte=left_since)).values(
        "youth_id"
    )


def referral_youth_ids(user: Any) -> QuerySet[Any]:
    """A partner's request to discuss the youth (issue 11) that is open or was triaged recently."""
    return youth_ids_with_open_referral()
