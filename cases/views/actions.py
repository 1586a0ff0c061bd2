"""HTML pages for follow-up actions: the organisation's list, one action, and answering, finishing and
reassigning it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import AuthenticatedRequest, role_required
from core.forms import attempt
from core.readlog import log_read, log_reads

from ..catalogue import assessment_kind
from ..forms import actions as action_forms
from ..forms import casework as casework_forms
from ..models import Action, ActionAssessment
from ..selectors import actions as action_selectors
from ..selectors import core as case_selectors
from ..services import actions as action_services
from .shared import PAGE_SIZE, page_of


@role_required(case_selectors.may_use_cases)
def action_list(request: AuthenticatedRequest) -> HttpResponse:
    """'Mijn acties' for a partner; for the procesregisseur also the declined and unanswered ones."""
    user = request.user
    show = request.GET.get("toon", "open")
    statuses = {
        "open": Action.Status.OPEN,
        "afgerond": Action.Status.DONE,
        "geannuleerd": Action.Status.CANCELLED,
    }
    status = statuses.get(show, Action.Status.OPEN)
    page = page_of(request, action_selectors.actions_of_organisation(user=user, status=status))
    context: dict[str, Any] = {"page": page, "show": show, "today": timezone.localdate()}
    shown: list[Action] = list(page)
    if case_selectors.sees_all_cases(user):
        context["declined"] = list(
            action_selectors.actions_needing_attention(user=user, response=Action.Response.DECLINED)[
                :PAGE_SIZE
            ]
        )
        context["unanswered"] = list(
            action_selectors.actions_needing_attention(user=user, response=Action.Response.PENDING)[
                :PAGE_SIZE
            ]
        )
        shown += context["declined"] + context["unanswered"]
    log_reads(
        user=request.user, subjects=(a.youth for a in shown), what=_("lijst van acties"), path=request.path
    )
    return render(request, "cases/action_list.html", context)


def _action_or_404(request: AuthenticatedRequest, action_id: int) -> Action:
    action = action_selectors.action_get_for_user(user=request.user, action_id=action_id)
    if action is None:
        raise Http404
    return action


def _render_action(
    request: AuthenticatedRequest, action: Action, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    user = request.user
    can_respond = (
        action_selectors.action_can_respond(user=user, action=action) and action.status == Action.Status.OPEN
    )
    can_manage = (
        action_selectors.action_can_manage(user=user, action=action) and action.status == Action.Status.OPEN
    )
    log_read(
        user=user, subject=action.youth, what=_("actie %(id)s bekeken") % {"id": action.pk}, path=request.path
    )
    # #kansRIJK and Halt: their outcome as fields, recorded by the receiving organisation.
    kind = assessment_kind(action.follow_up_type)
    assessment = ActionAssessment.objects.filter(action=action).first() if kind is not None else None
    can_record = (
        kind is not None
        and action_selectors.action_can_respond(user=user, action=action)
        and action.status != Action.Status.CANCELLED
    )
    assessment_form = None
    if can_record and kind is not None:
        assessment_form = bound.get("assessment") or casework_forms.assessment_form(
            kind, initial=casework_forms.assessment_initial(assessment)
        )
    return render(
        request,
        "cases/action_detail.html",
        {
            "action": action,
            "today": timezone.localdate(),
            "can_respond": can_respond and action.response == Action.Response.PENDING,
            "can_finish": can_respond and action.response == Action.Response.ACCEPTED,
            "can_manage": can_manage,
            "respond_form": bound.get("respond") or action_forms.RespondForm(),
            "finish_form": bound.get("finish") or action_forms.FinishForm(),
            "reassign_form": bound.get("reassign") or action_forms.ReassignForm(action=action),
            "cancel_form": action_forms.FinishForm(initial={"done": "nee"}),
            "youth_visible": bool(case_selectors.visible_youth_ids(user=user, youth_ids={action.youth_id})),
            "case_visible": action.case_id is not None
            and case_selectors.case_get_for_user(user=user, case_id=action.case_id) is not None,
            "assessment_kind": kind,
            "assessment": assessment,
            "assessment_form": assessment_form,
        },
        status=status,
    )


@role_required(case_selectors.may_use_cases)
def action_detail(request: AuthenticatedRequest, action_id: int) -> HttpResponse:
    return _render_action(request, _action_or_404(request, action_id))


@require_POST
@role_required(case_selectors.may_use_cases)
def action_respond(request: AuthenticatedRequest, action_id: int) -> HttpResponse:
    action = _action_or_404(request, action_id)
    if not action_selectors.action_can_respond(user=request.user, action=action):
        raise PermissionDenied
    form = action_forms.RespondForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: action_services.action_respond(
                actor=request.user,
                action=action,
                accept=form.cleaned_data["accept"],
                reason=form.cleaned_data["reason"],
            ),
        )
        is not None
    ):
        messages.success(request, _("Uw reactie is vastgelegd."))
        return redirect("cases:action", action.pk)
    return _render_action(request, action, status=400, respond=form)


@require_POST
@role_required(case_selectors.may_use_cases)
def action_finish(request: AuthenticatedRequest, action_id: int) -> HttpResponse:
    action = _action_or_404(request, action_id)
    form = action_forms.FinishForm(request.POST)
    if not form.is_valid():
        return _render_action(request, action, status=400, finish=form)
    done = form.cleaned_data["done"]
    # The receiving organisation finishes or cancels its own action; the procesregie cancels.
    allowed = action_selectors.action_can_respond(user=request.user, action=action) or (
        not done and action_selectors.action_can_manage(user=request.user, action=action)
    )
    if not allowed:
        raise PermissionDenied
    if attempt(
        form,
        lambda: action_services.action_finish(
            actor=request.user, action=action, done=done, note=form.cleaned_data["note"]
        ),
    ):
        messages.success(request, _("De actie is afgerond.") if done else _("De actie is geannuleerd."))
        return redirect("cases:action", action.pk)
    return _render_action(request, action, status=400, finish=form)


@require_POST
@role_required(case_selectors.may_use_cases)
def action_reassign(request: AuthenticatedRequest, action_id: int) -> HttpResponse:
    action = _action_or_404(request, action_id)
    if not action_selectors.action_can_manage(user=request.user, action=action):
        raise PermissionDenied
    form = action_forms.ReassignForm(request.POST, action=action)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: action_services.action_reassign(
                actor=request.user,
                action=action,
                organisation=form.cleaned_data["organisation"],
                due_on=form.cleaned_data["due_on"],
            ),
        )
        is not None
    ):
        messages.success(request, _("De actie is opnieuw toegewezen."))
        return redirect("cases:action", action.pk)
    return _render_action(request, action, status=400, reassign=form)
