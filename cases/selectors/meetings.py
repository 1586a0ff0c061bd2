"""Reads for meetings and their gateway: all for `view_all_meetings`; for a partner the meetings its
organisation attended. The minutes and subject of an item only for the organisations present for it.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from accounts.access import UserLike, has_role_permission
from youths.models import Flag

from ..models import (
    Action,
    AgendaItem,
    Case,
    Meeting,
)
from .core import organisation_id_of, pk_or_none

VIEW_ALL_MEETINGS = "cases.view_all_meetings"
VIEW_ATTENDED_MEETINGS = "cases.view_attended_meetings"
MANAGE_MEETINGS = "cases.manage_meetings"


def sees_all_meetings(user: UserLike) -> bool:
    return has_role_permission(user, VIEW_ALL_MEETINGS)


def may_use_meetings(user: UserLike) -> bool:
    return sees_all_meetings(user) or (
        has_role_permission(user, VIEW_ATTENDED_MEETINGS)
        and getattr(user, "organisation_id", None) is not None
    )


def meeting_list_for_user(*, user: UserLike) -> QuerySet[Meeting]:
    if sees_all_meetings(user):
        meetings = Meeting.objects.all()
    elif may_use_meetings(user) and (organisation_id := organisation_id_of(user)) is not None:
        meetings = Meeting.objects.filter(
            Exists(
                Meeting.attending_organisations.through.objects.filter(
                    meeting_id=OuterRef("pk"), organisation_id=organisation_id
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


def meeting_get_for_user(*, user: UserLike, meeting_id: int | str) -> Meeting | None:
    pk = pk_or_none(meeting_id)
    if pk is None:
        return None
    return meeting_list_for_user(user=user).filter(pk=pk).first()


def meeting_can_manage(*, user: UserLike) -> bool:
    return has_role_permission(user, MANAGE_MEETINGS)


def agenda_for_user(*, user: UserLike, meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items, each with `visible`: whether the user may see its subject and minutes.

    The procesregisseur and projectleider see every item; a partner only the items its organisation was
    present for (attending the meeting and not marked absent for the item). Other items show only
    their position. Fixed number of queries.
    """
    items = list(
        meeting.agenda_items.select_related(
            "youth",
            "flag__rule",
            "case__procesregie_holder",
            "youth_group",
            "referral__organisation",
            "legal_basis",
            "decided_by",
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
    organisation_id = organisation_id_of(user)
    attended = everything or (
        organisation_id is not None and meeting.attending_organisations.filter(pk=organisation_id).exists()
    )
    for item in items:
        absent = {o.pk for o in item.absent_organisations.all()}
        item.visible = everything or (attended and organisation_id not in absent)
    return items


def open_flags_not_on_an_agenda() -> QuerySet[Flag]:
    waiting = AgendaItem.objects.filter(flag__isnull=False, decision="").values("flag_id")
    return (
        Flag.objects.filter(status=Flag.Status.OPEN).exclude(pk__in=waiting).select_related("youth", "rule")
    )
