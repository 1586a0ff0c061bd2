"""Reads for meetings, cases, actions and groups, and THEIR access gateway.

Every HTML view, API endpoint and job gets these objects through the `*_for_user` functions here and
nothing else (docs/cases.md, docs/permissions.md):

- cases: `cases.view_all_cases` (procesregisseur, projectleider) sees all; `cases.view_involved_cases`
  (partner) sees the cases its organisation holds `cases.view_case` on (granted by cases.services while it
  has a role or an open action in the case); anyone else (beheerder, ministerie) nothing;
- actions: all for `view_all_cases`; for a partner its own organisation's actions and the actions of
  the cases it sees;
- meetings: all for `view_all_meetings`; for a partner the meetings its organisation attended. The minutes
  and subject of an item only for the organisations present for that item;
- groups: all for `view_all_youth_groups`; for a partner the groups its organisation takes part in.

Out of reach and not existing look the same (None → 404). Role permissions are checked without the
superuser shortcut (youths.selectors.has_role_permission), object permissions only from the
object-permission rows (never a superuser flag or a global permission): guardian's defaults would leak
every case.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.access import has_role_permission
from accounts.models import Organisation, User
from youths.models import Flag, Youth
from youths.selectors import youth_list_for_user

from .lifecycle import CaseStatus
from .models import (
    Action,
    AgendaItem,
    Case,
    CaseGroupObjectPermission,
    CaseOrganisation,
    CaseUserObjectPermission,
    FamilyLink,
    FollowUpType,
    LegalBasis,
    Meeting,
    YouthGroup,
    YouthGroupMember,
    YouthGroupOrganisation,
    YouthGroupStep,
)

VIEW_ALL_CASES = "cases.view_all_cases"
VIEW_INVOLVED_CASES = "cases.view_involved_cases"
MANAGE_CASES = "cases.manage_cases"
VIEW_ALL_MEETINGS = "cases.view_all_meetings"
VIEW_ATTENDED_MEETINGS = "cases.view_attended_meetings"
MANAGE_MEETINGS = "cases.manage_meetings"
VIEW_ALL_GROUPS = "cases.view_all_youth_groups"
VIEW_INVOLVED_GROUPS = "cases.view_involved_youth_groups"
MANAGE_GROUPS = "cases.manage_youth_groups"


def _pk(value: int | str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- Cases ----------------------------------------------------------------------------------------


def sees_all_cases(user: Any) -> bool:
    return has_role_permission(user, VIEW_ALL_CASES)


def may_use_cases(user: Any) -> bool:
    """Whether case pages and endpoints are for this user at all (else 403, not an empty list)."""
    return sees_all_cases(user) or (
        has_role_permission(user, VIEW_INVOLVED_CASES) and getattr(user, "organisation_id", None) is not None
    )


def _object_permission_condition(user: Any) -> Q:
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


def _cases_in_reach(user: Any) -> QuerySet[Case]:
    if sees_all_cases(user):
        return Case.objects.all()
    if not may_use_cases(user):
        return Case.objects.none()
    return Case.objects.filter(_object_permission_condition(user))


def case_list_for_user(*, user: Any, status: str = "") -> QuerySet[Case]:
    cases = _cases_in_reach(user)
    if status:
        cases = cases.filter(status=status)
    return (
        cases.select_related("youth", "procesregie_holder__organisation")
        .annotate(
            overdue_actions=Count(
                "actions",
                filter=Q(actions__status=Action.Status.OPEN, actions__due_on__lt=timezone.localdate()),
            )
        )
        .order_by("-status_changed_at", "-id")
    )


def case_board_for_user(*, user: Any, per_status: int = 20) -> list[dict[str, Any]]:
    """The board: per status the number of cases and the most recently changed ones (fixed queries)."""
    counts = dict(
        _cases_in_reach(user)
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


def case_get_for_user(*, user: Any, case_id: int | str) -> Case | None:
    pk = _pk(case_id)
    if pk is None:
        return None
    return (
        _cases_in_reach(user)
        .select_related("youth", "procesregie_holder__organisation", "opened_by", "opened_from__meeting")
        .filter(pk=pk)
        .first()
    )


def case_can_manage(*, user: Any, case: Case) -> bool:
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
        "family": list(case.family_links.select_related("linked_youth").order_by("id")),
        "groups": list(case.group_memberships.select_related("youth_group")),
    }


def visible_youth_ids(*, user: Any, youth_ids: set[int]) -> set[int]:
    """Which of these youths the user may open (youths gateway), in one query."""
    if not youth_ids:
        return set()
    return set(youth_list_for_user(user=user).filter(pk__in=youth_ids).values_list("pk", flat=True))


# --- Actions --------------------------------------------------------------------------------------


def action_list_for_user(*, user: Any) -> QuerySet[Action]:
    if sees_all_cases(user):
        actions = Action.objects.all()
    elif may_use_cases(user):
        actions = Action.objects.filter(
            Q(organisation_id=user.organisation_id) | Q(case__in=_cases_in_reach(user).values("pk"))
        )
    else:
        return Action.objects.none()
    return actions.select_related("youth", "case", "follow_up_type", "organisation", "owner")


def action_get_for_user(*, user: Any, action_id: int | str) -> Action | None:
    pk = _pk(action_id)
    if pk is None:
        return None
    return (
        action_list_for_user(user=user)
        .select_related("agenda_item__meeting", "created_by")
        .filter(pk=pk)
        .first()
    )


def actions_of_organisation(*, user: Any, status: str = Action.Status.OPEN) -> QuerySet[Action]:
    """'Mijn acties': the user's organisation's actions, earliest due first (index action_org_idx)."""
    if not may_use_cases(user) or user.organisation_id is None:
        return Action.objects.none()
    return (
        action_list_for_user(user=user)
        .filter(organisation_id=user.organisation_id, status=status)
        .order_by("due_on", "id")
    )


def actions_needing_attention(*, user: Any, response: str) -> QuerySet[Action]:
    """For the procesregisseur: open actions declined, or not yet answered, oldest first."""
    if not sees_all_cases(user):
        return Action.objects.none()
    return (
        action_list_for_user(user=user)
        .filter(status=Action.Status.OPEN, response=response)
        .order_by("created_at", "id")
    )


def action_can_respond(*, user: Any, action: Action) -> bool:
    """Accepting, declining and finishing are for the receiving organisation."""
    return may_use_cases(user) and user.organisation_id == action.organisation_id


def action_can_manage(*, user: Any, action: Action) -> bool:
    """Reassigning and cancelling: the procesregisseur role, or the procesregie holder of its case."""
    if has_role_permission(user, MANAGE_CASES):
        return True
    return action.case is not None and case_can_manage(user=user, case=action.case)


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


# --- Meetings -------------------------------------------------------------------------------------


def sees_all_meetings(user: Any) -> bool:
    return has_role_permission(user, VIEW_ALL_MEETINGS)


def may_use_meetings(user: Any) -> bool:
    return sees_all_meetings(user) or (
        has_role_permission(user, VIEW_ATTENDED_MEETINGS)
        and getattr(user, "organisation_id", None) is not None
    )


def meeting_list_for_user(*, user: Any) -> QuerySet[Meeting]:
    if sees_all_meetings(user):
        meetings = Meeting.objects.all()
    elif may_use_meetings(user):
        meetings = Meeting.objects.filter(
            Exists(
                Meeting.attending_organisations.through.objects.filter(
                    meeting_id=OuterRef("pk"), organisation_id=user.organisation_id
                )
            )
        )
    else:
        return Meeting.objects.none()
    return (
        meetings.select_related("chair__organisation")
        .annotate(item_count=Count("agenda_items"))
        .order_by("-starts_at", "-id")
    )


def meeting_get_for_user(*, user: Any, meeting_id: int | str) -> Meeting | None:
    pk = _pk(meeting_id)
    if pk is None:
        return None
    return meeting_list_for_user(user=user).filter(pk=pk).first()


def meeting_can_manage(*, user: Any) -> bool:
    return has_role_permission(user, MANAGE_MEETINGS)


def agenda_for_user(*, user: Any, meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items, each with `visible`: whether the user may see its subject and minutes.

    The procesregisseur and projectleider see every item; a partner only the items its organisation was
    present for (attending the meeting and not marked absent for the item). Other items show only
    their position. Fixed number of queries.
    """
    items = list(
        meeting.agenda_items.select_related(
            "youth", "flag__rule", "case__procesregie_holder", "youth_group", "legal_basis", "decided_by"
        )
        .prefetch_related(
            "absent_organisations",
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("follow_up_type", "organisation", "owner").order_by(
                    "id"
                ),
            ),
            Prefetch("opened_cases", queryset=Case.objects.order_by("id")),
        )
        .order_by("position")
    )
    everything = sees_all_meetings(user)
    attended = everything or meeting.attending_organisations.filter(pk=user.organisation_id).exists()
    for item in items:
        absent = {o.pk for o in item.absent_organisations.all()}
        item.visible = everything or (attended and user.organisation_id not in absent)
    return items


def open_flags_not_on_an_agenda() -> QuerySet[Flag]:
    waiting = AgendaItem.objects.filter(flag__isnull=False, decision="").values("flag_id")
    return (
        Flag.objects.filter(status=Flag.Status.OPEN).exclude(pk__in=waiting).select_related("youth", "rule")
    )


# --- Groups ---------------------------------------------------------------------------------------


def sees_all_groups(user: Any) -> bool:
    return has_role_permission(user, VIEW_ALL_GROUPS)


def may_use_groups(user: Any) -> bool:
    return sees_all_groups(user) or (
        has_role_permission(user, VIEW_INVOLVED_GROUPS) and getattr(user, "organisation_id", None) is not None
    )


def youth_group_list_for_user(*, user: Any) -> QuerySet[YouthGroup]:
    if sees_all_groups(user):
        groups = YouthGroup.objects.all()
    elif may_use_groups(user):
        groups = YouthGroup.objects.filter(
            Exists(
                YouthGroupOrganisation.objects.filter(
                    youth_group_id=OuterRef("pk"), organisation_id=user.organisation_id
                )
            )
        )
    else:
        return YouthGroup.objects.none()
    return (
        groups.select_related("coordinator__organisation", "district")
        .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True))
        .order_by("-updated_at", "-id")
    )


def youth_group_get_for_user(*, user: Any, group_id: int | str) -> YouthGroup | None:
    pk = _pk(group_id)
    if pk is None:
        return None
    return youth_group_list_for_user(user=user).filter(pk=pk).first()


def youth_group_can_manage(*, user: Any) -> bool:
    return has_role_permission(user, MANAGE_GROUPS)


def youth_group_detail(*, youth_group: YouthGroup) -> dict[str, Any]:
    return {
        "members": list(
            youth_group.members.select_related("youth", "case").order_by(
                "left_on", "namenlijst_position", "id"
            )
        ),
        "steps": list(youth_group.steps.select_related("owner__organisation").order_by("number")),
        "organisations": list(youth_group.organisation_roles.select_related("organisation")),
    }


def youth_group_step_get(*, youth_group: YouthGroup, number: int | str) -> YouthGroupStep | None:
    pk = _pk(number)
    return None if pk is None else youth_group.steps.filter(number=pk).first()


def youth_group_member_get(*, youth_group: YouthGroup, member_id: int | str) -> YouthGroupMember | None:
    pk = _pk(member_id)
    return None if pk is None else youth_group.members.select_related("youth", "case").filter(pk=pk).first()


def family_link_youths(*, case: Case) -> list[Youth]:
    return [link.linked_youth for link in FamilyLink.objects.filter(case=case, linked_youth__isnull=False)]


def case_organisation_get(*, case: Case, row_id: int | str) -> CaseOrganisation | None:
    pk = _pk(row_id)
    return None if pk is None else case.organisation_roles.filter(pk=pk, ended_at__isnull=True).first()
