"""Reads for follow-up actions and their gateway: all for `view_all_cases`; for a partner its own
organisation's actions and the actions of the cases it sees.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.access import UserLike, has_role_permission

from ..models import (
    Action,
)
from .core import (
    MANAGE_CASES,
    case_can_manage,
    cases_in_reach,
    may_use_cases,
    organisation_id_of,
    pk_or_none,
    sees_all_cases,
)


def action_list_for_user(*, user: UserLike) -> QuerySet[Action]:
    if sees_all_cases(user):
        actions = Action.objects.all()
    elif may_use_cases(user):
        actions = Action.objects.filter(
            Q(organisation_id=organisation_id_of(user)) | Q(case__in=cases_in_reach(user).values("pk"))
        )
    else:
        return Action.objects.none()
    # `assessment`: the #kansRIJK or Halt data, one row or none (the API shows it on every action).
    return actions.select_related("youth", "case", "follow_up_type", "organisation", "owner", "assessment")


def action_get_for_user(*, user: UserLike, action_id: int | str) -> Action | None:
    pk = pk_or_none(action_id)
    if pk is None:
        return None
    return (
        action_list_for_user(user=user)
        .select_related("agenda_item__meeting", "created_by")
        .filter(pk=pk)
        .first()
    )


def actions_of_organisation(*, user: UserLike, status: str = Action.Status.OPEN) -> QuerySet[Action]:
    """'Mijn acties': the user's organisation's actions, earliest due first (index action_org_idx)."""
    organisation_id = organisation_id_of(user)
    if not may_use_cases(user) or organisation_id is None:
        return Action.objects.none()
    return (
        action_list_for_user(user=user)
        .filter(organisation_id=organisation_id, status=status)
        .order_by("due_on", "id")
    )


def actions_needing_attention(*, user: UserLike, response: str) -> QuerySet[Action]:
    """For the procesregisseur: open actions declined, or not yet answered, oldest first."""
    if not sees_all_cases(user):
        return Action.objects.none()
    return (
        action_list_for_user(user=user)
        .filter(status=Action.Status.OPEN, response=response)
        .order_by("created_at", "id")
    )


def action_can_respond(*, user: UserLike, action: Action) -> bool:
    """Accepting, declining and finishing are for the receiving organisation."""
    return may_use_cases(user) and organisation_id_of(user) == action.organisation_id


def action_can_manage(*, user: UserLike, action: Action) -> bool:
    """Reassigning and cancelling: the procesregisseur role, or the procesregie holder of its case."""
    if has_role_permission(user, MANAGE_CASES):
        return True
    return action.case is not None and case_can_manage(user=user, case=action.case)
