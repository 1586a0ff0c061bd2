"""HTML pages for the group approach: the groups list, a new group, the group page and its steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import AuthenticatedRequest, role_required
from core.forms import attempt
from core.readlog import log_reads
from youths.selectors import youth_get_for_user

from ..forms import groups as group_forms
from ..groupsteps import STEPS, step_definition
from ..models import YouthGroup, YouthGroupMember
from ..selectors import core as case_selectors
from ..selectors import groups as group_selectors
from ..services import groups as group_services
from .shared import page_of, youth_search


@role_required(group_selectors.may_use_groups)
def group_list(request: AuthenticatedRequest) -> HttpResponse:
    page = page_of(request, group_selectors.youth_group_list_for_user(user=request.user))
    return render(
        request,
        "cases/group_list.html",
        {"page": page, "can_manage": group_selectors.youth_group_can_manage(user=request.user)},
    )


@role_required(group_selectors.may_use_groups)
def group_create(request: AuthenticatedRequest) -> HttpResponse:
    if not group_selectors.youth_group_can_manage(user=request.user):
        raise PermissionDenied
    form = group_forms.YouthGroupForm(request.POST or None, initial={"coordinator": request.user.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = attempt(
            form,
            lambda: group_services.youth_group_create(
                actor=request.user,
                name=data["name"],
                area=data["area"],
                coordinator=data["coordinator"],
                organisations=data["organisations"],
            ),
        )
        if group is not None:
            messages.success(request, _("De groep is aangemaakt."))
            return redirect("cases:group", group.pk)
    return render(request, "cases/group_form.html", {"form": form}, status=400 if form.errors else 200)


def _group_or_404(request: AuthenticatedRequest, group_id: int) -> YouthGroup:
    group = group_selectors.youth_group_get_for_user(user=request.user, group_id=group_id)
    if group is None:
        raise Http404
    return group


def _managed_group(request: AuthenticatedRequest, group_id: int) -> YouthGroup:
    group = _group_or_404(request, group_id)
    if not group_selectors.youth_group_can_manage(user=request.user):
        raise PermissionDenied
    return group


def _detail_shown(kind: str, value: str) -> str:
    """A step's detail as shown: dates in the Dutch day-month-year order."""
    if kind == "date":
        try:
            return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return value


def _render_group(
    request: AuthenticatedRequest, group: YouthGroup, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    user = request.user
    detail = group_selectors.youth_group_detail(youth_group=group)
    can_manage = group_selectors.youth_group_can_manage(user=user)
    for round_steps in detail["rounds"].values():
        for step in round_steps:
            step.definition = step_definition(step.number)
            step.fields_shown = [
                (fd, _detail_shown(fd.kind, step.details[fd.code]))
                for fd in step.definition.fields
                if step.details.get(fd.code)
            ]
    context: dict[str, Any] = {
        "group": group,
        **detail,
        "development": _development(detail["rounds"]) if len(detail["rounds"]) > 1 else [],
        "scan_history": group_selectors.group_scan_history(group),
        "can_manage": can_manage,
        "visible_youths": case_selectors.visible_youth_ids(
            user=user, youth_ids={m.youth_id for m in detail["members"]}
        ),
        "visible_cases": set(
            case_selectors.case_list_for_user(user=user)
            .filter(pk__in={m.case_id for m in detail["members"] if m.case_id})
            .values_list("pk", flat=True)
        ),
    }
    if can_manage:
        context.update(
            member_form=bound.get("member") or group_forms.MemberForm(),
            member_case_form=bound.get("member_case")
            or group_forms.MemberCaseForm(initial={"procesregie_holder": user.pk}),
            organisation_form=bound.get("organisation") or group_forms.GroupOrganisationForm(),
            # One list for the procesregie select in every member's row.
            candidates=list(case_selectors.procesregie_candidates()),
            roles=YouthGroupMember.Role.choices,
        )
        context["search"], context["search_results"] = youth_search(request)
    # The bound form of a refused change to a member's row.
    context["refused_form"] = bound.get("refused")
    log_reads(
        user=request.user,
        subjects=(m.youth for m in detail["members"]),
        what=_("groep %(name)s bekeken") % {"name": group.name},
        path=request.path,
    )
    return render(request, "cases/group_detail.html", context, status=status)


# The details compared round by round on the group page: the groepsscan (2) and the duiding (3).
_DEVELOPMENT_STEPS = (2, 3)


def _development(rounds: dict[int, list[Any]]) -> list[dict[str, Any]]:
    """Rows of (step field, value per round) for the side-by-side view of the rounds."""
    rows = []
    for number in _DEVELOPMENT_STEPS:
        definition = step_definition(number)
        for fd in definition.fields:
            values = []
            for round_steps in rounds.values():
                step = next((s for s in round_steps if s.number == number), None)
                raw = step.details.get(fd.code, "") if step is not None else ""
                values.append(_detail_shown(fd.kind, raw) if raw else "")
            if any(values):
                rows.append({"step": number, "field": fd, "values": values})
    return rows


@role_required(group_selectors.may_use_groups)
def group_detail(request: AuthenticatedRequest, group_id: int) -> HttpResponse:
    return _render_group(request, _group_or_404(request, group_id))


def group_url(group: YouthGroup) -> str:
    return reverse("cases:group", args=[group.pk])


@require_POST
@role_required(group_selectors.may_use_groups)
def group_round_start(request: AuthenticatedRequest, group_id: int) -> HttpResponse:
    group = _managed_group(request, group_id)
    form = forms.Form(request.POST)  # no input fields: a refusal still shows like any form's
    started = attempt(
        form, lambda: group_services.youth_group_round_start(actor=request.user, youth_group=group)
    )
    if started is None:
        return _render_group(request, group, status=400, refused=form)
    messages.success(request, _("Ronde %(n)s van de groepsaanpak is gestart.") % {"n": started})
    return redirect(f"{group_url(group)}#stappen")


@require_POST
@role_required(group_selectors.may_use_groups)
def group_organisation_add(request: AuthenticatedRequest, group_id: int) -> HttpResponse:
    group = _managed_group(request, group_id)
    form = group_forms.GroupOrganisationForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: group_services.youth_group_organisation_add(
                actor=request.user,
                youth_group=group,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
            ),
        )
        is not None
    ):
        messages.success(request, _("De organisatie werkt nu mee aan de groep."))
        return redirect(f"{group_url(group)}#organisaties")
    return _render_group(request, group, status=400, organisation=form)


@require_POST
@role_required(group_selectors.may_use_groups)
def group_member_add(request: AuthenticatedRequest, group_id: int) -> HttpResponse:
    group = _managed_group(request, group_id)
    form = group_forms.MemberForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        youth = youth_get_for_user(user=request.user, youth_id=data["youth"] or "")
        if youth is None:
            form.add_error(None, _("Zoek en kies eerst een jongere."))
        elif attempt(
            form,
            lambda: group_services.youth_group_member_add(
                actor=request.user,
                youth_group=group,
                youth=youth,
                role=data["role"],
                namenlijst_position=data["namenlijst_position"],
            ),
        ):
            messages.success(request, _("Het groepslid is toegevoegd."))
            return redirect(f"{group_url(group)}#leden")
    return _render_group(request, group, status=400, member=form)


@require_POST
@role_required(group_selectors.may_use_groups)
def group_member_update(request: AuthenticatedRequest, group_id: int, member_id: int) -> HttpResponse:
    group = _managed_group(request, group_id)
    member = group_selectors.youth_group_member_get(youth_group=group, member_id=member_id)
    if member is None:
        raise Http404
    form = group_forms.MemberForm(request.POST)
    if not form.is_valid() or (
        attempt(
            form,
            lambda: group_services.youth_group_member_update(
                actor=request.user,
                member=member,
                role=form.cleaned_data["role"],
                namenlijst_position=form.cleaned_data["namenlijst_position"],
                left_on=form.cleaned_data["left_on"],
            ),
        )
        is None
    ):
        return _render_group(request, group, status=400, refused=form)
    messages.success(request, _("Het groepslid is bijgewerkt."))
    return redirect(f"{group_url(group)}#leden")


@require_POST
@role_required(group_selectors.may_use_groups)
def group_member_case(request: AuthenticatedRequest, group_id: int, member_id: int) -> HttpResponse:
    group = _managed_group(request, group_id)
    member = group_selectors.youth_group_member_get(youth_group=group, member_id=member_id)
    if member is None:
        raise Http404
    form = group_forms.MemberCaseForm(request.POST)
    if form.is_valid():
        case = attempt(
            form,
            lambda: group_services.youth_group_member_open_case(
                actor=request.user, member=member, procesregie_holder=form.cleaned_data["procesregie_holder"]
            ),
        )
        if case is not None:
            messages.success(request, _("Het groepslid is opgenomen in casus %(id)s.") % {"id": case.pk})
            return redirect("cases:case", case.pk)
    return _render_group(request, group, status=400, member_case=form)


@role_required(group_selectors.may_use_groups)
def group_step(request: AuthenticatedRequest, group_id: int, number: int) -> HttpResponse:
    group = _group_or_404(request, group_id)
    step = group_selectors.youth_group_step_get(youth_group=group, number=number)
    if step is None:
        raise Http404
    definition = step_definition(step.number)
    can_edit = group_selectors.youth_group_can_manage(user=request.user) or step.owner_id == request.user.pk
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    initial: dict[str, Any] = {"status": step.status, "owner": step.owner_id, "notes": step.notes}
    initial.update({f"detail_{code}": value for code, value in step.details.items()})
    signals = None
    if step.number == 1:
        signals = group_selectors.member_signals_for_user(user=request.user, youth_group=group)
        initial["signals"] = [link.signal_id for link in step.signal_links.all()]
    form = group_forms.step_form(definition, request.POST or None, initial=initial, signals=signals)
    linked_signals: list[Any] = []
    if signals is not None:
        shown = list(signals)
        linked_ids = set(initial["signals"])
        linked_signals = [s for s in shown if s.pk in linked_ids]
        log_reads(
            user=request.user,
            subjects=(s.youth for s in shown),
            what=_("signalen van groepsleden (stap 1)"),
            path=request.path,
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            lambda: group_services.youth_group_step_update(
                actor=request.user,
                step=step,
                status=data["status"],
                owner=data["owner"],
                notes=data["notes"],
                details=form.details(),
                signals=data.get("signals") if signals is not None else None,
            ),
        ):
            messages.success(request, _("Stap %(n)s is opgeslagen.") % {"n": step.number})
            return redirect(f"{group_url(group)}#stap-{step.number}")
    return render(
        request,
        "cases/group_step.html",
        {
            "group": group,
            "step": step,
            "definition": definition,
            "form": form,
            "can_edit": can_edit,
            "steps": STEPS,
            "linked_signals": linked_signals,
        },
        status=400 if form.errors else 200,
    )
