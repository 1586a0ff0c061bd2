"""HTML pages for casework around procesregie: the caseload, the warm handover, escalation, closing
an aftercare case and the #kansRIJK and Halt data of an action.

Same shape as the other case pages: objects through the gateways (out of reach -> 404), a service's
DomainError at its field with status 400, post/redirect/get with a confirmation message.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import AuthenticatedRequest, has_role_permission, role_required
from core.forms import attempt
from core.readlog import log_reads

from ..catalogue import assessment_kind
from ..forms import casework as casework_forms
from ..forms import core as case_forms
from ..lifecycle import CaseStatus
from ..models import Case, CaseHandover
from ..selectors import actions as action_selectors
from ..selectors import casework as casework_selectors
from ..selectors import core as case_selectors
from ..services import casework as casework_services
from ..services import core as case_services
from ..services import family as family_services
from .actions import _action_or_404, _render_action
from .core import _case_post

# --- Caseload -------------------------------------------------------------------------------------


@require_GET
@role_required(case_selectors.may_use_cases)
def caseload(request: AuthenticatedRequest) -> HttpResponse:
    """A procesregie holder's cases, overdue actions, next review dates and handovers; the team lead
    (a role that sees all cases) chooses whose caseload with ?van=."""
    holder = casework_selectors.caseload_holder_for_user(user=request.user, holder_id=request.GET.get("van"))
    if holder is None:
        raise Http404
    load = casework_selectors.caseload(holder=holder)
    log_reads(
        user=request.user,
        subjects=[*(r.case.youth for r in load["rows"]), *(a.youth for a in load["overdue_actions"])],
        what=_("caseload van %(name)s") % {"name": holder.get_full_name()},
        path=request.path,
    )
    context: dict[str, Any] = {**load, "holder": holder, "own": holder.pk == request.user.pk}
    if case_selectors.sees_all_cases(request.user):
        context["holders"] = list(casework_selectors.caseload_holders())
    return render(request, "cases/caseload.html", context)


# --- Warm handover --------------------------------------------------------------------------------


@require_POST
@role_required(case_selectors.may_use_cases)
def case_handover_propose(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Any:
        return casework_services.case_handover_propose(
            actor=request.user, case=case, to_holder=data["to_holder"], reason=data["reason"]
        )

    return _case_post(
        request,
        case_id,
        casework_forms.HandoverProposeForm,
        "handover",
        call,
        _(
            "De overdracht is voorgesteld. De huidige procesregisseur houdt de procesregie tot de "
            "nieuwe die accepteert."
        ),
        "procesregie",
    )


def _handover_or_404(request: AuthenticatedRequest, handover_id: int) -> CaseHandover:
    handover = casework_selectors.handover_get_for_user(user=request.user, handover_id=handover_id)
    if handover is None:
        raise Http404
    return handover


@role_required(case_selectors.may_use_cases)
def handover_detail(request: AuthenticatedRequest, handover_id: int) -> HttpResponse:
    """The proposed new holder accepts or declines (with a reason); others see the state."""
    handover = _handover_or_404(request, handover_id)
    may_answer = handover.to_holder_id == request.user.pk and handover.status == CaseHandover.Status.PENDING
    form = casework_forms.HandoverAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied
        if form.is_valid():
            accept = form.cleaned_data["accept"] == "ja"
            answered = attempt(
                form,
                lambda: casework_services.case_handover_answer(
                    actor=request.user, handover=handover, accept=accept, reason=form.cleaned_data["reason"]
                ),
            )
            if answered is not None:
                if accept:
                    messages.success(request, _("U hebt nu de procesregie van deze casus."))
                    return redirect("cases:case", handover.case_id)
                messages.success(
                    request, _("U hebt de overdracht afgewezen; de vorige procesregisseur is bericht.")
                )
                return redirect("cases:caseload")
    may_withdraw = handover.status == CaseHandover.Status.PENDING and (
        handover.from_holder_id == request.user.pk
        or has_role_permission(request.user, case_selectors.MANAGE_CASES)
    )
    return render(
        request,
        "cases/handover.html",
        {"handover": handover, "form": form, "may_answer": may_answer, "may_withdraw": may_withdraw},
        status=400 if form.errors else 200,
    )


@require_POST
@role_required(case_selectors.may_use_cases)
def handover_withdraw(request: AuthenticatedRequest, handover_id: int) -> HttpResponse:
    handover = _handover_or_404(request, handover_id)
    if handover.from_holder_id != request.user.pk and not has_role_permission(
        request.user, case_selectors.MANAGE_CASES
    ):
        raise PermissionDenied
    form = forms.Form(request.POST)
    if attempt(form, lambda: casework_services.case_handover_withdraw(actor=request.user, handover=handover)):
        messages.success(request, _("De overdracht is ingetrokken."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("cases:handover", handover.pk)


# --- Escalation -------------------------------------------------------------------------------------


@require_POST
@role_required(case_selectors.may_use_cases)
def case_escalate(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Any:
        return casework_services.case_escalate(
            actor=request.user,
            case=case,
            level=data["level"],
            reason=data["reason"],
            escalated_on=data["escalated_on"],
        )

    return _case_post(
        request,
        case_id,
        casework_forms.EscalationForm,
        "escalation",
        call,
        _("De casus is opgeschaald."),
        "opschaling",
    )


@require_POST
@role_required(case_selectors.may_use_cases)
def case_escalation_end(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Any:
        return casework_services.case_escalation_end(actor=request.user, case=case, reason=data["reason"])

    return _case_post(
        request,
        case_id,
        casework_forms.EscalationEndForm,
        "escalation_end",
        call,
        _("De opschaling is beëindigd."),
        "opschaling",
    )


# --- Aftercare ----------------------------------------------------------------------------------------


@require_POST
@role_required(case_selectors.may_use_cases)
def case_aftercare_close(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Any:
        return case_services.case_transition(
            actor=request.user, case=case, to=CaseStatus.GESLOTEN, reason=data["reason"]
        )

    return _case_post(
        request,
        case_id,
        case_forms.AftercareCloseForm,
        "aftercare_close",
        call,
        _("De nazorg is afgerond en de casus is gesloten."),
        "status",
    )


# --- #kansRIJK and Halt ---------------------------------------------------------------------------------


@require_POST
@role_required(case_selectors.may_use_cases)
def action_assessment(request: AuthenticatedRequest, action_id: int) -> HttpResponse:
    """The receiving organisation records the #kansRIJK outcome or the Halt involvement."""
    action = _action_or_404(request, action_id)
    kind = assessment_kind(action.follow_up_type)
    if kind is None:
        raise Http404
    if not action_selectors.action_can_respond(user=request.user, action=action):
        raise PermissionDenied
    form = casework_forms.assessment_form(kind, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            lambda: casework_services.action_assessment_record(
                actor=request.user,
                action=action,
                instrument=data.get("instrument", ""),
                assessed_on=data.get("assessed_on"),
                risk_level=data.get("risk_level", ""),
                outcome_note=data.get("outcome_note", ""),
                lvb_screening_done=casework_forms.yes_no(data.get("lvb_screening_done", "")),
                parents_involved=casework_forms.yes_no(data.get("parents_involved", "")),
                victim_involvement=data.get("victim_involvement", ""),
            ),
        ):
            messages.success(request, _("De uitkomst is vastgelegd."))
            return redirect("cases:action", action.pk)
    return _render_action(request, action, status=400, assessment=form)


# --- Family match ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(case_selectors.may_use_cases)
def family_match(request: AuthenticatedRequest, link_id: int) -> HttpResponse:
    """A family match: who else is involved with a member of the family (contact, never content), and
    its follow-up, recorded once for all of them. Only the youths the reader may open are named."""
    link = case_selectors.family_match_get_for_user(user=request.user, link_id=link_id)
    if link is None:
        raise Http404
    participants = list(link.match_participants.select_related("organisation").order_by("organisation__name"))
    assert link.linked_youth is not None  # noqa: S101 - the selector returns links to a youth only
    visible = case_selectors.visible_youth_ids(
        user=request.user, youth_ids={link.case.youth_id, link.linked_youth.pk}
    )
    youths = [y for y in (link.case.youth, link.linked_youth) if y.pk in visible]
    form = case_forms.FamilyMatchFollowUpForm(
        request.POST if request.method == "POST" else None,
        organisation_ids=[p.organisation_id for p in participants],
    )
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: family_services.family_match_follow_up(
                actor=request.user,
                link=link,
                in_touch_on=form.cleaned_data["in_touch_on"],
                lead_organisation=form.cleaned_data["lead_organisation"],
                note=form.cleaned_data["note"],
            ),
        )
        if done is not None:
            messages.success(
                request,
                _(
                    "De opvolging van de gezinsmatch is vastgelegd; "
                    "de andere organisaties zien het en zijn bericht."
                ),
            )
            return redirect("cases:family_match", link.pk)
    log_reads(user=request.user, subjects=youths, what=_("gezinsmatch bekeken"), path=request.path)
    return render(
        request,
        "cases/family_match.html",
        {"link": link, "participants": participants, "youths": youths, "form": form},
        status=400 if form.errors else 200,
    )
