"""Reads of the managed lists (legal bases, the follow-up catalogue)."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Organisation

from ..models import (
    FollowUpType,
    LegalBasis,
)


def follow_up_types_for(*, organisation: Organisation | None = None) -> QuerySet[FollowUpType]:
    types = FollowUpType.objects.filter(is_active=True)
    if organisation is not None:
        types = types.filter(authorised_kinds=organisation.kind_id)
    return types.select_related("intervention").prefetch_related("authorised_kinds").order_by("order", "name")


def organisations_authorised_for(*, follow_up_type: FollowUpType) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        is_active=True, kind__in=follow_up_type.authorised_kinds.all()
    ).order_by("name")


def legal_bases_active() -> QuerySet[LegalBasis]:
    return LegalBasis.objects.filter(is_active=True).order_by("order", "name")
