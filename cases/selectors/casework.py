"""Reads for casework around procesregie: the caseload of a procesregie holder and the handovers.

A caseload is its holder's own; a role that sees all cases (the procesregisseur team lead, the
projectleider) may look at everyone's. A handover is seen by the proposed new holder (who may not see
the case yet: the handover page shows the case's number and the reason, not the youth), the current
holder and the procesregisseur role.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.access import UserLike, has_role_permission
from accounts.models import User

from ..lifecycle import CaseStatus
from ..models import Action, Case, CaseEscalation, CaseHandover
from .core import MANAGE_CASES, may_use_cases, pk_or_none, procesregie_candidates, sees_all_cases


@dataclass(frozen=True)
class CaseloadRow:
    case: Case
    next_review_on: dt.date | None
    aftercare_overdue: bool


def caseload_holder_for_user(*, user: UserLike, holder_id: int | str | None) -> User | None:
    """Whose caseload the user may see: their own; anyone's for a role that sees all cases."""
    if not isinstance(user, User) or not may_use_cases(user):
        return None
    pk = pk_or_none(holder_id) if holder_id not in (None, "") else user.pk
    if pk == user.pk:
        return user
    if pk is None or not sees_all_cases(user):
        return None
    return procesregie_candidates().filter(pk=pk).first()


def caseload_holders() -> QuerySet[User]:
    """For the team lead: everyone who can hold procesregie, with their number of open cases."""
    return procesregie_candidates().annotate(
        open_cases=Count(
            "procesregie_cases", filter=~Q(procesregie_cases__status=CaseStatus.GESLOTEN), distinct=True
        )
    )


def caseload(*, holder: User) -> dict[str, Any]:
    """A procesregie holder's caseload in a fixed number of queries: open cases (with overdue actions,
    the next due date, escalation and an aftercare check-in), the overdue actions and the handovers."""
    today = timezone.localdate()
    open_actions = Q(actions__status=Action.Status.OPEN)
    cases = list(
        Case.objects.filter(procesregie_holder=holder)
        .exclude(status=CaseStatus.GESLOTEN)
        .select_related("youth")
        .annotate(
            overdue_actions=Count("actions", filter=open_actions & Q(actions__due_on__lt=today)),
            next_due_on=Min("actions__due_on", filter=open_actions),
            escalation_level=Subquery(
                CaseEscalation.objects.filter(case_id=OuterRef("pk"), ended_on__isnull=True).values("level")[
                    :1
                ]
            ),
            handover_pending=Exists(
                CaseHandover.objects.filter(case_id=OuterRef("pk"), status=CaseHandover.Status.PENDING)
            ),
        )
        .order_by("status", "-status_changed_at", "-id")
    )
    rows = []
    for case in cases:
        # The next moment to look at the case again: the earliest due action or the aftercare check-in.
        dates = [d for d in (case.next_due_on, case.aftercare_check_in_on) if d is not None]
        rows.append(
            CaseloadRow(
                case=case,
                next_review_on=min(dates) if dates else None,
                aftercare_overdue=case.status == CaseStatus.NAZORG
                and case.aftercare_check_in_on is not None
                and case.aftercare_check_in_on < today,
            )
        )
    overdue = list(
        Action.objects.filter(case__procesregie_holder=holder, status=Action.Status.OPEN, due_on__lt=today)
        .exclude(case__status=CaseStatus.GESLOTEN)
        .select_related("follow_up_type", "organisation", "youth", "case")
        .order_by("due_on", "id")
    )
    handovers = CaseHandover.objects.filter(status=CaseHandover.Status.PENDING).select_related(
        "case", "from_holder__organisation", "to_holder__organisation"
    )
    return {
        "rows": rows,
        "overdue_actions": overdue,
        "aftercare_overdue": [r.case for r in rows if r.aftercare_overdue],
        "incoming": list(handovers.filter(to_holder=holder).order_by("proposed_at")),
        "outgoing": list(handovers.filter(from_holder=holder).order_by("proposed_at")),
        "today": today,
    }


def handover_get_for_user(*, user: UserLike, handover_id: int | str) -> CaseHandover | None:
    pk = pk_or_none(handover_id)
    if pk is None or not isinstance(user, User) or not may_use_cases(user):
        return None
    handovers = CaseHandover.objects.select_related(
        "case", "from_holder__organisation", "to_holder__organisation", "answered_by"
    )
    if not (has_role_permission(user, MANAGE_CASES) or sees_all_cases(user)):
        handovers = handovers.filter(Q(to_holder=user) | Q(from_holder=user))
    return handovers.filter(pk=pk).first()


def case_handovers(*, case: Case) -> list[CaseHandover]:
    return list(
        case.handovers.select_related("from_holder", "to_holder", "answered_by").order_by("proposed_at", "id")
    )


def case_escalations(*, case: Case) -> list[CaseEscalation]:
    return list(case.escalations.select_related("by", "ended_by").order_by("escalated_on", "id"))
