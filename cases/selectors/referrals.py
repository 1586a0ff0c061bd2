"""Reads for referrals (aanmeldingen) and their gateway.

- `cases.view_all_referrals` (procesregisseur, projectleider): every referral.
- a partner (`cases.add_referral`): its own organisation's referrals, about youths still in its reach.
- anyone else: nothing (the pages answer 403).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.access import UserLike, has_role_permission
from youths.selectors import youth_list_for_user

from ..models import Referral
from .core import organisation_id_of, pk_or_none

VIEW_ALL_REFERRALS = "cases.view_all_referrals"
ADD_REFERRAL = "cases.add_referral"
TRIAGE_REFERRAL = "cases.triage_referral"

#: How long after its triage a referral still lets the procesregisseur read the youth (need-to-know).
REFERRAL_GROUND_DAYS = 30


def sees_all_referrals(user: UserLike) -> bool:
    return has_role_permission(user, VIEW_ALL_REFERRALS)


def may_refer(user: UserLike) -> bool:
    return has_role_permission(user, ADD_REFERRAL) and organisation_id_of(user) is not None


def may_use_referrals(user: UserLike) -> bool:
    return sees_all_referrals(user) or may_refer(user)


def may_triage(user: UserLike) -> bool:
    return sees_all_referrals(user) and has_role_permission(user, TRIAGE_REFERRAL)


def referral_list_for_user(
    *, user: UserLike, status: str = "", oldest_first: bool = False
) -> QuerySet[Referral]:
    """Referrals the user may see; `status` "open" (waiting for triage) or "beoordeeld" (triaged)."""
    if sees_all_referrals(user):
        referrals = Referral.objects.all()
    elif may_refer(user) and (organisation_id := organisation_id_of(user)) is not None:
        referrals = Referral.objects.filter(
            organisation_id=organisation_id, youth__in=youth_list_for_user(user=user).values("pk")
        )
    else:
        return Referral.objects.none()
    if status == "open":
        referrals = referrals.filter(outcome="")
    elif status == "beoordeeld":
        referrals = referrals.exclude(outcome="")
    ordering = ["created_at", "id"] if oldest_first else ["-created_at", "-id"]
    return (
        referrals.select_related(
            "youth", "organisation", "requested_by__organisation", "triaged_by__organisation"
        )
        .prefetch_related("agenda_items__meeting")
        .order_by(*ordering)
    )


def referral_get_for_user(*, user: UserLike, referral_id: int | str) -> Referral | None:
    pk = pk_or_none(referral_id)
    if pk is None:
        return None
    return referral_list_for_user(user=user).filter(pk=pk).first()


def youth_ids_with_open_referral(*, days: int = REFERRAL_GROUND_DAYS) -> QuerySet[Referral, int]:
    """Ids of youths with a referral that is open or was triaged in the last `days` days.

    For the need-to-know rule (issue 10): a partner's request is a ground for the procesregisseur to read
    the youth. A values queryset, so that it can be used as a subquery (`pk__in=`). Index:
    referral_youth_idx.
    """
    since = timezone.now() - dt.timedelta(days=days)
    return (
        Referral.objects.filter(Q(triaged_at__isnull=True) | Q(triaged_at__gte=since))
        .values_list("youth_id", flat=True)
        .distinct()
    )
