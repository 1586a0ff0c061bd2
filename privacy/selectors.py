"""Reads for the data subject's rights and the access review, and their gate: only the role that holds
the permissions (the privacyfunctionaris). The youth of an export is reached only through a recorded
request about it (need-to-know for the privacyfunctionaris too)."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from accounts.access import has_role_permission
from accounts.models import Organisation, User
from cases.models import Action, CaseOrganisation
from core.models import ReadLogEntry
from youths.models import Involvement, MatchParticipant, Youth

from .models import AccessReview, DataSubjectRequest, RequestRouting

HANDLE_REQUESTS = "privacy.view_datasubjectrequest"
EXPORT = "privacy.export_youth_data"
ACCESS_REVIEW = "privacy.view_accessreview"


def may_handle_requests(user: Any) -> bool:
    return has_role_permission(user, HANDLE_REQUESTS)


def may_review_access(user: Any) -> bool:
    return has_role_permission(user, ACCESS_REVIEW)


def _pk(value: int | str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def request_list_for_user(*, user: Any, status: str = "") -> QuerySet[DataSubjectRequest]:
    """Open requests first, earliest deadline first (index dsr_list_idx); each with `overdue`."""
    if not may_handle_requests(user):
        return DataSubjectRequest.objects.none()
    requests = DataSubjectRequest.objects.all()
    if status:
        requests = requests.filter(status=status)
    return (
        requests.select_related("youth", "created_by", "closed_by")
        .prefetch_related(
            Prefetch("routings", queryset=RequestRouting.objects.select_related("organisation"))
        )
        .annotate(
            overdue=ExpressionWrapper(
                Q(status=DataSubjectRequest.Status.OPEN, deadline__lt=timezone.localdate()),
                output_field=BooleanField(),
            ),
        )
        .order_by("status", "deadline", "id")
    )


def request_get_for_user(*, user: Any, request_id: int | str) -> DataSubjectRequest | None:
    pk = _pk(request_id)
    return None if pk is None else request_list_for_user(user=user).filter(pk=pk).first()


def youth_for_export(*, user: Any, youth_id: int | str) -> Youth | None:
    """The youth whose data the privacyfunctionaris exports: only one a recorded request is about."""
    pk = _pk(youth_id)
    if pk is None or not has_role_permission(user, EXPORT):
        return None
    return (
        Youth.objects.filter(pk=pk)
        .filter(Exists(DataSubjectRequest.objects.filter(youth=OuterRef("pk"))))
        .first()
    )


def organisations_holding(*, youth: Youth) -> QuerySet[Organisation]:
    """The organisations that hold data about the youth: involved now or before (signals), in a match,
    a role in a case or an action. The request is routed to them."""
    return Organisation.objects.filter(
        Exists(Involvement.objects.filter(youth=youth, organisation=OuterRef("pk")))
        | Exists(MatchParticipant.objects.filter(match__youth=youth, organisation=OuterRef("pk")))
        | Exists(CaseOrganisation.objects.filter(case__youth=youth, organisation=OuterRef("pk")))
        | Exists(Action.objects.filter(youth=youth, organisation=OuterRef("pk")))
    ).order_by("name")


def access_review_rows(*, organisation_id: int | None = None) -> QuerySet[User]:
    """Per organisation, who has which role, their last login and their last read of personal data (the
    read log's index readlog_user_idx answers the subquery per user). One query."""
    users = User.objects.all()
    if organisation_id is not None:
        users = users.filter(organisation_id=organisation_id)
    last_read = ReadLogEntry.objects.filter(user=OuterRef("pk")).order_by("-read_at").values("read_at")[:1]
    return (
        users.select_related("organisation")
        .annotate(last_read_at=Subquery(last_read))
        .order_by("organisation__name", "role", "username")
    )


def access_review_list() -> QuerySet[AccessReview]:
    return AccessReview.objects.select_related("reviewed_by").order_by("-held_on", "-id")
