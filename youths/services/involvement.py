"""Involvement: why an organisation works with a youth. While it is involved, the organisation holds the
object permission to see the youth; these functions grant and withdraw it with the involvement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from accounts.access import Actor
from accounts.models import Organisation
from accounts.services import organisation_access_group
from core.audit import acting_as

from ..models import Involvement, InvolvementReason, Youth
from .youths import VIEW_YOUTH, youth_lock


@dataclass(frozen=True)
class InvolvementChange:
    involvement: Involvement | None
    # True when the organisation was not involved before this call (access was granted now).
    newly_involved: bool = False
    # True when this call ended the organisation's last reason (access was withdrawn now).
    access_ended: bool = False


@transaction.atomic
def involvement_add(
    *,
    actor: Actor,
    organisation: Organisation,
    youth: Youth,
    reason: str,
    reference_id: int,
    at: dt.datetime | None = None,
) -> InvolvementChange:
    """Record a reason for `organisation` to be involved with `youth`, and grant access if it had none.

    `reason` is an InvolvementReason.Kind; `reference_id` the id of the signal, case or action. Adding
    the same reason twice changes nothing. This and `involvement_end` are the only places that grant or
    withdraw object permissions on youths, so grants and involvement rows cannot drift apart.
    """
    at = at or timezone.now()
    youth_lock(youth)
    with acting_as(actor):
        involvement, created = Involvement.objects.get_or_create(
            organisation=organisation, youth=youth, defaults={"started_at": at, "last_activity_at": at}
        )
        newly_involved = created or involvement.ended_at is not None
        if not created:
            fields = []
            if at > involvement.last_activity_at:
                involvement.last_activity_at = at
                fields.append("last_activity_at")
            if involvement.ended_at is not None:
                involvement.ended_at, involvement.started_at = None, at
                fields += ["ended_at", "started_at"]
            if fields:
                involvement.save(update_fields=fields)
        row, new_reason = InvolvementReason.objects.get_or_create(
            involvement=involvement, kind=reason, reference_id=reference_id, defaults={"started_at": at}
        )
        if not new_reason and row.ended_at is not None:
            row.ended_at = None
            row.save(update_fields=["ended_at"])
        if newly_involved:
            assign_perm(VIEW_YOUTH, organisation_access_group(organisation), youth)
    return InvolvementChange(involvement, newly_involved=newly_involved)


@transaction.atomic
def involvement_end(
    *,
    actor: Actor | None,
    organisation: Organisation,
    youth: Youth,
    reason: str,
    reference_id: int,
    at: dt.datetime | None = None,
) -> InvolvementChange:
    """End one reason; when it was the organisation's last, end the involvement and withdraw access."""
    at = at or timezone.now()
    youth_lock(youth)
    with acting_as(actor):
        involvement = Involvement.objects.filter(organisation=organisation, youth=youth).first()
        if involvement is None:
            return InvolvementChange(None)
        for row in involvement.reasons.filter(kind=reason, reference_id=reference_id, ended_at__isnull=True):
            row.ended_at = at
            row.save(update_fields=["ended_at"])
        if involvement.ended_at is not None or involvement.reasons.filter(ended_at__isnull=True).exists():
            return InvolvementChange(involvement)
        involvement.ended_at = at
        involvement.save(update_fields=["ended_at"])
        remove_perm(VIEW_YOUTH, organisation_access_group(organisation), youth)
    return InvolvementChange(involvement, access_ended=True)


def involved_organisations(youth: Youth) -> list[Organisation]:
    return [
        involvement.organisation
        for involvement in Involvement.objects.filter(youth=youth, ended_at__isnull=True)
        .select_related("organisation__sharing_basis")
        .order_by("started_at", "pk")
    ]
