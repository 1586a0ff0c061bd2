"""Reads for the case core and the cases' access gateway (docs/cases.md, docs/permissions.md).

`cases.view_all_cases` (procesregisseur, projectleider) sees all cases; `cases.view_involved_cases`
(partner) sees the cases its organisation holds `cases.view_case` on (granted by cases.services.core while
it has a role or an open action in the case); anyone else (beheerder, ministerie) nothing.

Out of reach and not existing look the same (None -> 404). Role permissions are checked without the
superuser shortcut (accounts.access.has_role_permission), object permissions only from the
object-permission rows (never a superuser flag or a global permission): guardian's defaults would leak
every case.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.access import UserLike, has_role_permission
from accounts.models import User
from youths.selectors import youth_list_for_user

from ..lifecycle import CaseStatus
from ..models import (
    Action,
    Case,
    CaseEscalation,
    CaseGroupObjectPermission,
    CaseOrganisation,
    CaseUserObjectPermission,
    FamilyLink,
)

VIEW_ALL_CASES = "cases.view_all_cases"
VIEW_INVOLVED_CASES = "cases.view_involved_cases"
MANAGE_CASES = "cases.manage_cases"


def pk_or_none(value: int | str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def organisation_id_of(user: UserLike) -> int | None:
    """The user's organisation; None for an anonymous user or one without an organisation."""
    return user.organisation_id if isinstance(user, User) else None


def sees_all_cases(user: UserLike) -> bool:
    return has_role_permission(user, VIEW_ALL_CASES)


def may_use_cases(user: UserLike) -> bool:
    """Whether case pages and endpoints are for this user at all (else 403, not an empty list)."""
    return sees_all_cases(user) or (
        has_role_permission(user, VIEW_INVOLVED_CASES) and organisation_id_of(user) is not None
    )


def _object_permission_condition(user: User) -> Q:
    """The user holds `cases.view_case` on the case through a group (its organisation's access group)
    or directly. Object permissions only: no superuser, no global permission.

    The rows django-guardian's `get_objects_for_user(..., with_superuser=False, accept_global_perms=False)`
    returns (tests/cases/test_gateway.py checks it), as correlated EXISTS on the direct-foreign-key
    tables, the same shape as the youths gateway (see youths.selectors for why EXISTS).
    """
    view_case = {"permission__codename": "view_case", "permission__content_type__app_label": "cases"}
    return Q(
        Exists(
            CaseGroupObjectPermission.objects.filter(
                content_object=OuterRef("pk"), group__user=user, **view_case
            )
        )
    ) | Q(
        Exists(CaseUserObjectPermission.objects.filter(content_object=OuterRef("pk"), user=user, **view_case))
    )


def cases_in_reach(user: UserLike) -> QuerySet[Case]:
    if sees_all_cases(user):
        return Case.objects.all()
    if not may_use_cases(user) or not isinstance(user, User):
        return Case.objects.none()
    return Case.objects.filter(_object_permission_condition(user))


def case_list_for_user(*, user: UserLike, status: str = "") -> QuerySet[Case]:
    cases = cases_in_reach(user)
    if status:
        cases = cases.filter(status=status)
    return (
        cases.select_related("youth", "procesregie_holder__organisation")
        .annotate(
            overdue_actions=Count(
                "actions",
                filter=Q(actions__status=Action.Status.OPEN, actions__due_on__lt=timezone.localdate()),
            ),
            # The active escalation (Zorg- en Veiligheidshuis or bestuurlijk), shown on the board.
            escalation_level=Subquery(
                CaseEscalation.objects.filter(case_id=OuterRef("pk"), ended_on__isnull=True).values("level")[
                    :1
                ]
            ),
        )
        .order_by("-status_changed_at", "-id")
    )


def case_board_for_user(*, user: UserLike, per_status: int = 20) -> list[dict[str, Any]]:
    """The board: per status the number of cases and the most recently changed ones (fixed queries)."""
    counts = dict(
        cases_in_reach(user)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    columns = []
    for status in CaseStatus:
        columns.append(
            {
                "status": status,
                "count": counts.get(status.value, 0),
                "cases": list(case_list_for_user(user=user, status=status.value)[:per_status]),
            }
        )
    return columns


def case_get_for_user(*, user: UserLike, case_id: int | str) -> Case | None:
    pk = pk_or_none(case_id)
    if pk is None:
        return None
    return (
        cases_in_reach(user)
        .select_related("youth", "procesregie_holder__organisation", "opened_by", "opened_from__meeting")
        .filter(pk=pk)
        .first()
    )


def case_can_manage(*, user: UserLike, case: Case) -> bool:
    """The procesregie holder manages their case; the procesregisseur role manages every case."""
    if has_role_permission(user, MANAGE_CASES):
        return True
    return case.procesregie_holder_id == user.pk and may_use_cases(user)


def case_detail(*, case: Case) -> dict[str, Any]:
    """Everything the case page shows, in a fixed number of queries."""
    return {
        "transitions": list(case.transitions.select_related("by").order_by("at", "id")),
        "organisations": list(
            case.organisation_roles.filter(ended_at__isnull=True)
            .select_related("organisation")
            .order_by("added_at")
        ),
        "goals": list(case.goals.order_by("life_domain", "id")),
        "actions": list(
            case.actions.select_related("follow_up_type", "organisation", "owner", "goal").order_by(
                "status", "due_on", "id"
            )
        ),
        "enrolments": list(case.enrolments.select_related("intervention").order_by("started_on", "id")),
        "family": list(
            case.family_links.select_related("linked_youth")
            .annotate(match_size=Count("match_participants"))
            .order_by("id")
        ),
        "groups": list(case.group_memberships.select_related("youth_group")),
    }


def family_match_get_for_user(*, user: UserLike, link_id: int | str) -> FamilyLink | None:
    """A family link with a family match, for an organisation that was told of it (a participant) or for
    a role that sees all cases (the procesregisseur: the case is its ground). Anyone else: None (404)."""
    pk = pk_or_none(link_id)
    if pk is None or not may_use_cases(user):
        return None
    links = FamilyLink.objects.filter(
        pk=pk, linked_youth__isnull=False, match_participants__isnull=False
    ).distinct()
    if not sees_all_cases(user):
        organisation_id = organisation_id_of(user)
        if organisation_id is None:
            return None
        links = links.filter(match_participants__organisation_id=organisation_id)
    return links.select_related(
        "case__youth", "linked_youth", "match_lead_organisation", "match_followed_up_by"
    ).first()


def visible_youth_ids(*, user: UserLike, youth_ids: set[int]) -> set[int]:
    """Which of these youths the user may open (youths gateway), in one query."""
    if not youth_ids:
        return set()
    return set(youth_list_for_user(user=user).filter(pk__in=youth_ids).values_list("pk", flat=True))


def procesregie_candidates() -> QuerySet[User]:
    """People who can hold procesregie: active users whose role works with cases."""
    return (
        User.objects.filter(is_active=True, organisation__isnull=False)
        .filter(
            Q(groups__permissions__codename__in=["view_all_cases", "view_involved_cases"])
            & Q(groups__permissions__content_type__app_label="cases")
        )
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name")
    )


def case_organisation_get(*, case: Case, row_id: int | str) -> CaseOrganisation | None:
    pk = pk_or_none(row_id)
    return None if pk is None else case.organisation_roles.filter(pk=pk, ended_at__isnull=True).first()
