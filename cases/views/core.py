"""HTML pages for cases: the board, the list, opening a case, the case page and one view per form on it.

Objects come only from the gateway in cases.selectors (out of reach -> 404). Pages that show a youth's
personal data write the read log. A service's DomainError is shown at its field of the form that was
posted, with status 400; success redirects back to the page (post/redirect/get).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import AuthenticatedRequest, has_role_permission, role_required
from core.forms import attempt
from core.readlog import log_read, log_reads
from youths.selectors import youth_get_for_user

from ..forms import actions as action_forms
from ..forms import casework as casework_forms
from ..forms import core as case_forms
from ..lifecycle import ENDING_STATUSES, CaseStatus, transitions_from
from ..models import Case, CaseGoal, CaseHandover
from ..selectors import casework as casework_selectors
from ..selectors import core as case_selectors
from ..services import actions as action_services
from ..services import core as case_services
from ..services import family as family_services
from .shared import page_of, youth_search


@role_required(case_selectors.may_use_cases)
def case_board(request: AuthenticatedRequest) -> HttpResponse:
    columns = case_selectors.case_board_for_user(user=request.user)
    log_reads(
        user=request.user,
        subjects=(c.youth for col in columns for c in col["cases"]),
        what=_("casusbord"),
        path=request.path,
    )
    return render(
        request,
        "cases/case_board.html",
        {
            "columns": columns,
            "can_open": has_role_permission(request.user, case_selectors.MANAGE_CASES),
            "today": timezone.localdate(),
        },
    )


@role_required(case_selectors.may_use_cases)
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status and status not in CaseStatus.values:
        status = ""
    page = page_of(request, case_selectors.case_list_for_user(user=request.user, status=status))
    log_reads(
        user=request.user, subjects=(c.youth for c in page), what=_("lijst van casussen"), path=request.path
    )
    return render(
        request,
        "cases/case_list.html",
        {"page": page, "status": status, "statuses": CaseStatus.choices, "today": timezone.localdate()},
    )


@role_required(case_selectors.may_use_cases)
def case_create(request: AuthenticatedRequest) -> HttpResponse:
    """Open a case outside a meeting (the procesregisseur), for a youth from the youths gateway."""
    if not has_role_permission(request.user, case_selectors.MANAGE_CASES):
        raise PermissionDenied
    youth = youth_get_for_user(user=request.user, youth_id=request.GET.get("jongere", ""))
    if youth is None:
        raise Http404
    form = case_forms.CaseOpenForm(request.POST or None, initial={"procesregie_holder": request.user.pk})
    if request.method == "POST" and form.is_valid():
        case = attempt(
            form,
            lambda: case_services.case_open(
                actor=request.user,
                youth=youth,
                procesregie_holder=form.cleaned_data["procesregie_holder"],
                reason=form.cleaned_data["reason"],
            ),
        )
        if case is not None:
            messages.success(request, _("De casus is geopend."))
            return redirect("cases:case", case.pk)
    log_read(user=request.user, subject=youth, what=_("casus openen"), path=request.path)
    return render(
        request, "cases/case_form.html", {"form": form, "youth": youth}, status=400 if form.errors else 200
    )


def _case_or_404(request: AuthenticatedRequest, case_id: int) -> Case:
    case = case_selectors.case_get_for_user(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _managed_case(request: AuthenticatedRequest, case_id: int) -> Case:
    case = _case_or_404(request, case_id)
    if not case_selectors.case_can_manage(user=request.user, case=case):
        raise PermissionDenied
    return case


def _render_case(
    request: AuthenticatedRequest, case: Case, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    user = request.user
    detail = case_selectors.case_detail(case=case)
    can_manage = case_selectors.case_can_manage(user=user, case=case) and not case.is_closed
    family_youths = [link.linked_youth for link in detail["family"] if link.linked_youth_id]
    handovers = casework_selectors.case_handovers(case=case)
    escalations = casework_selectors.case_escalations(case=case)
    context: dict[str, Any] = {
        "case": case,
        **detail,
        "history": _history(detail["transitions"], handovers, escalations),
        "pending_handover": next((h for h in handovers if h.status == CaseHandover.Status.PENDING), None),
        "escalation": next((e for e in escalations if e.ended_on is None), None),
        "can_manage": can_manage,
        "today": timezone.localdate(),
        "overdue": [a for a in detail["actions"] if a.is_overdue],
        "visible_youths": case_selectors.visible_youth_ids(
            user=user, youth_ids={case.youth_id, *(y.pk for y in family_youths)}
        ),
        "transitions_possible": transitions_from(case.status),
        "can_assign_procesregie": has_role_permission(user, case_selectors.MANAGE_CASES)
        and not case.is_closed,
    }
    if can_manage:
        goals = case.goals.filter(status="open")
        # Ending the work (aftercare, closing) has its own form: it asks for the outcome.
        steps = [t for t in transitions_from(case.status) if t.target not in ENDING_STATUSES]
        targets = {t.target for t in transitions_from(case.status)}
        in_aftercare = case.status == CaseStatus.NAZORG
        context.update(
            transition_form=bound.get("transition") or case_forms.TransitionForm(steps=steps),
            can_close=CaseStatus.GESLOTEN in targets and not in_aftercare,
            close_form=bound.get("close") or case_forms.CloseForm(aftercare=CaseStatus.NAZORG in targets),
            in_aftercare=in_aftercare,
            aftercare_close_form=bound.get("aftercare_close") or case_forms.AftercareCloseForm(),
            handover_form=bound.get("handover") or casework_forms.HandoverProposeForm(),
            escalation_form=bound.get("escalation")
            or casework_forms.EscalationForm(initial={"escalated_on": timezone.localdate()}),
            escalation_end_form=bound.get("escalation_end") or casework_forms.EscalationEndForm(),
            procesregie_form=bound.get("procesregie")
            or case_forms.ProcesregieForm(initial={"holder": case.procesregie_holder_id}),
            organisation_form=bound.get("organisation") or case_forms.CaseOrganisationForm(),
            goal_form=bound.get("goal") or case_forms.GoalForm(),
            action_form=bound.get("action") or action_forms.ActionForm(goals=goals),
            enrolment_form=bound.get("enrolment")
            or case_forms.EnrolmentForm(initial={"started_on": timezone.localdate()}),
            enrolment_end_form=case_forms.EnrolmentEndForm(initial={"ended_on": timezone.localdate()}),
            family_form=bound.get("family") or case_forms.FamilyLinkForm(),
            goal_statuses=CaseGoal.Status.choices,
        )
        # The family search offers neither the case's own youth nor youths already linked.
        linked = {case.youth_id, *(y.pk for y in family_youths)}
        context["search"], context["search_results"] = youth_search(request, exclude=linked)
    # The bound form of a refused row action (a goal's status, ending a role or an enrolment).
    context["refused_form"] = bound.get("refused")
    log_read(
        user=user, subject=case.youth, what=_("casus %(id)s bekeken") % {"id": case.pk}, path=request.path
    )
    log_reads(
        user=request.user,
        subjects=family_youths,
        what=_("gezinscontext van casus %(id)s") % {"id": case.pk},
        path=request.path,
    )
    return render(request, "cases/case_detail.html", context, status=status)


def _history(transitions: list[Any], handovers: list[Any], escalations: list[Any]) -> list[dict[str, Any]]:
    """The case's timeline: status changes, handovers of procesregie and escalations, oldest first."""
    rows: list[dict[str, Any]] = [
        {
            "at": t.at,
            "what": f"{t.get_source_display()} → {t.get_target_display()}"
            if t.source
            else t.get_target_display(),
            "by": t.by,
            "reason": t.reason,
        }
        for t in transitions
    ]
    for h in handovers:
        names = {"from": h.from_holder.get_full_name(), "to": h.to_holder.get_full_name()}
        rows.append(
            {
                "at": h.proposed_at,
                "what": _("Overdracht procesregie voorgesteld: %(from)s → %(to)s") % names,
                "by": h.proposed_by,
                "reason": h.reason,
            }
        )
        if h.answered_at is not None:
            rows.append(
                {
                    "at": h.answered_at,
                    "what": _("Overdracht procesregie %(status)s")
                    % {"status": str(h.get_status_display()).lower()},
                    "by": h.answered_by,
                    "reason": h.answer_reason,
                }
            )
    for e in escalations:
        start = timezone.make_aware(dt.datetime.combine(e.escalated_on, dt.time.min))
        rows.append(
            {
                "at": start,
                "what": _("Opgeschaald naar %(level)s") % {"level": e.get_level_display()},
                "by": e.by,
                "reason": e.reason,
            }
        )
        if e.ended_on is not None:
            rows.append(
                {
                    "at": timezone.make_aware(dt.datetime.combine(e.ended_on, dt.time.max)),
                    "what": _("Opschaling beëindigd"),
                    "by": e.ended_by,
                    "reason": e.end_reason,
                }
            )
    return sorted(rows, key=lambda row: row["at"])


@role_required(case_selectors.may_use_cases)
def case_detail(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _render_case(request, _case_or_404(request, case_id))


def _case_post(
    request: AuthenticatedRequest,
    case_id: int,
    form_class: Callable[..., forms.Form],
    key: str,
    call: Callable[[Case, dict[str, Any]], Any],
    success: str,
    anchor: str,
    **form_kwargs: Any,
) -> HttpResponse:
    case = _managed_case(request, case_id)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid() and attempt(form, lambda: call(case, form.cleaned_data)) is not None:
        messages.success(request, success)
        return redirect(f"{case_url(case)}#{anchor}")
    return _render_case(request, case, status=400, **{key: form})


def case_url(case: Case) -> str:
    return reverse("cases:case", args=[case.pk])


@require_POST
@role_required(case_selectors.may_use_cases)
def case_transition(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Case:
        return case_services.case_transition(
            actor=request.user, case=case, to=data["to"], reason=data["reason"]
        )

    return _case_post(
        request,
        case_id,
        case_forms.TransitionForm,
        "transition",
        call,
        _("De status is gewijzigd."),
        "status",
        steps=None,
    )


@require_POST
@role_required(case_selectors.may_use_cases)
def case_close(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    check_in = request.POST.get("aftercare_check_in_on", "").strip()

    def call(case: Case, data: dict[str, Any]) -> Case:
        aftercare_on = data.get("aftercare_check_in_on")
        return case_services.case_transition(
            actor=request.user,
            case=case,
            to=CaseStatus.NAZORG if aftercare_on else CaseStatus.GESLOTEN,
            reason=data["reason"],
            closing=case_services.CaseClosing(
                reason=data["closing_reason"],
                perspective=data["outcome_perspective"],
                qualification=data["outcome_qualification"],
                network_size=data["outcome_network_size"],
            ),
            aftercare_check_in_on=aftercare_on,
        )

    return _case_post(
        request,
        case_id,
        case_forms.CloseForm,
        "close",
        call,
        _("De casus is in nazorg gezet.") if check_in else _("De casus is gesloten."),
        "status",
    )


@require_POST
@role_required(case_selectors.may_use_cases)
def case_procesregie(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    if not has_role_permission(request.user, case_selectors.MANAGE_CASES):
        raise PermissionDenied

    def call(case: Case, data: dict[str, Any]) -> Case:
        return case_services.case_procesregie_assign(actor=request.user, case=case, holder=data["holder"])

    return _case_post(
        request,
        case_id,
        case_forms.ProcesregieForm,
        "procesregie",
        call,
        _("De procesregie is toegewezen."),
        "organisaties",
    )


@require_POST
@role_required(case_selectors.may_use_cases)
def case_organisation_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Any:
        return case_services.case_organisation_add(
            actor=request.user, case=case, organisation=data["organisation"], role=data["role"]
        )

    return _case_post(
        request,
        case_id,
        case_forms.CaseOrganisationForm,
        "organisation",
        call,
        _("De organisatie is betrokken."),
        "organisaties",
    )


@require_POST
@role_required(case_selectors.may_use_cases)
def case_organisation_end(request: AuthenticatedRequest, case_id: int, row_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    row = case_selectors.case_organisation_get(case=case, row_id=row_id)
    if row is None:
        raise Http404
    form = forms.Form(request.POST)  # no input fields: a refusal still shows like any form's
    ended = attempt(
        form, lambda: case_services.case_organisation_end(actor=request.user, case_organisation=row)
    )
    if ended is None:
        return _render_case(request, case, status=400, refused=form)
    messages.success(request, _("De rol van de organisatie is beëindigd."))
    return redirect(f"{case_url(case)}#organisaties")


@require_POST
@role_required(case_selectors.may_use_cases)
def case_goal_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Any:
        return case_services.case_goal_add(
            actor=request.user, case=case, life_domain=data["life_domain"], description=data["description"]
        )

    return _case_post(
        request, case_id, case_forms.GoalForm, "goal", call, _("Het doel is toegevoegd."), "plan"
    )


@require_POST
@role_required(case_selectors.may_use_cases)
def case_goal_status(request: AuthenticatedRequest, case_id: int, goal_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    goal = case.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404
    form = case_forms.GoalStatusForm(request.POST)
    if not form.is_valid() or (
        attempt(
            form,
            lambda: case_services.case_goal_set_status(
                actor=request.user, goal=goal, status=form.cleaned_data["status"]
            ),
        )
        is None
    ):
        return _render_case(request, case, status=400, refused=form)
    messages.success(request, _("De status van het doel is gewijzigd."))
    return redirect(f"{case_url(case)}#plan")


@require_POST
@role_required(case_selectors.may_use_cases)
def case_action_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    form = action_forms.ActionForm(request.POST, goals=case.goals.all())
    if form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            lambda: action_services.action_assign(
                actor=request.user,
                case=case,
                follow_up_type=data["follow_up_type"],
                organisation=data["organisation"],
                due_on=data["due_on"],
                description=data["description"],
                goal=data.get("goal"),
            ),
        ):
            messages.success(request, _("De actie is gegeven."))
            return redirect(f"{case_url(case)}#acties")
    return _render_case(request, case, status=400, action=form)


@require_POST
@role_required(case_selectors.may_use_cases)
def case_enrolment_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Any:
        return case_services.enrolment_add(
            actor=request.user, case=case, intervention=data["intervention"], started_on=data["started_on"]
        )

    return _case_post(
        request,
        case_id,
        case_forms.EnrolmentForm,
        "enrolment",
        call,
        _("De deelname is vastgelegd."),
        "deelnames",
    )


@require_POST
@role_required(case_selectors.may_use_cases)
def case_enrolment_end(request: AuthenticatedRequest, case_id: int, enrolment_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    enrolment = case.enrolments.filter(pk=enrolment_id).first()
    if enrolment is None:
        raise Http404
    form = case_forms.EnrolmentEndForm(request.POST)
    if not form.is_valid() or (
        attempt(
            form,
            lambda: case_services.enrolment_end(
                actor=request.user,
                enrolment=enrolment,
                ended_on=form.cleaned_data["ended_on"],
                result=form.cleaned_data["result"],
                note=form.cleaned_data["note"],
                leaving=form.leaving(),
            ),
        )
        is None
    ):
        return _render_case(request, case, status=400, refused=form)
    messages.success(request, _("De deelname is beëindigd."))
    return redirect(f"{case_url(case)}#deelnames")


@require_POST
@role_required(case_selectors.may_use_cases)
def case_family_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    form = case_forms.FamilyLinkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        linked = None
        if data["linked_youth"]:
            linked = youth_get_for_user(user=request.user, youth_id=data["linked_youth"])
            if linked is None:
                form.add_error(None, _("Deze jongere bestaat niet."))
        if (
            not form.errors
            and attempt(
                form,
                lambda: family_services.family_link_add(
                    actor=request.user,
                    case=case,
                    relation=data["relation"],
                    linked_youth=linked,
                    member_name=data["member_name"],
                ),
            )
            is not None
        ):
            messages.success(request, _("Het gezinslid is toegevoegd."))
            return redirect(f"{case_url(case)}#gezin")
    # A refusal about the chosen youth (a hidden field) shows above the page, not silently.
    return _render_case(request, case, status=400, family=form, refused=form)
