"""HTML pages for meetings: the list, a new meeting, the meeting with its agenda, one view per item form.

Objects come only from the gateway in cases.selectors (out of reach -> 404). Pages that show a youth's
personal data write the read log. A service's DomainError is shown at its field of the form that was
posted, with status 400; success redirects back to the page (post/redirect/get).
"""

from __future__ import annotations

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

from ..forms import actions as action_forms
from ..forms import fields as field_forms
from ..forms import meetings as meeting_forms
from ..lifecycle import OPEN_STATUSES
from ..models import Meeting, YouthGroup
from ..selectors import core as case_selectors
from ..selectors import groups as group_selectors
from ..selectors import lists as list_selectors
from ..selectors import meetings as meeting_selectors
from ..services import meetings as meeting_services
from .shared import page_of


@role_required(meeting_selectors.may_use_meetings)
def meeting_list(request: AuthenticatedRequest) -> HttpResponse:
    page = page_of(request, meeting_selectors.meeting_list_for_user(user=request.user))
    return render(
        request,
        "cases/meeting_list.html",
        {"page": page, "can_manage": meeting_selectors.meeting_can_manage(user=request.user)},
    )


@role_required(meeting_selectors.may_use_meetings)
def meeting_create(request: AuthenticatedRequest) -> HttpResponse:
    if not meeting_selectors.meeting_can_manage(user=request.user):
        raise PermissionDenied
    form = meeting_forms.MeetingForm(
        request.POST or None, initial={"chair": request.user.pk, "kind": Meeting.Kind.VROEGSIGNALERING}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = attempt(
            form,
            lambda: meeting_services.meeting_create(
                actor=request.user,
                kind=data["kind"],
                starts_at=data["starts_at"],
                chair=data["chair"],
                organisations=data["organisations"],
                attendees=data["attendees"],
                other_attendees=data["other_attendees"],
                location=data["location"],
            ),
        )
        if meeting is not None:
            messages.success(request, _("Het overleg is aangemaakt."))
            return redirect("cases:meeting", meeting.pk)
    return render(request, "cases/meeting_form.html", {"form": form}, status=400 if form.errors else 200)


def _meeting_or_404(request: AuthenticatedRequest, meeting_id: int) -> Meeting:
    meeting = meeting_selectors.meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    if meeting is None:
        raise Http404
    return meeting


def _render_meeting(
    request: AuthenticatedRequest,
    meeting: Meeting,
    *,
    bound: dict[int, dict[str, forms.Form]] | None = None,
    agenda_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_manage = meeting_selectors.meeting_can_manage(user=user)
    items = meeting_selectors.agenda_for_user(user=user, meeting=meeting)
    bound = bound or {}
    shared: dict[str, list[Any]] = {}
    if can_manage and any(not item.decision for item in items):
        # Every undecided item gets the same selects: load their choices once for the page.
        shared = {
            "legal_basis": list(list_selectors.legal_bases_active()),
            "absent_organisations": list(meeting.attending_organisations.order_by("name")),
            "follow_up_type": list(list_selectors.follow_up_types_for()),
            "organisation": list(field_forms.active_organisations()),
            "procesregie_holder": list(case_selectors.procesregie_candidates()),
        }
    for item in items:
        mine = bound.get(item.pk, {})
        item.forms = {}
        if can_manage and not item.decision:
            prefix = f"p{item.pk}"
            item.forms = {
                "legal_basis": mine.get("legal_basis")
                or meeting_forms.LegalBasisForm(
                    prefix=prefix, initial={"legal_basis": item.legal_basis_id, "note": item.legal_basis_note}
                ),
                "minutes": mine.get("minutes")
                or meeting_forms.MinutesForm(
                    prefix=prefix,
                    meeting=meeting,
                    initial={
                        "minutes": item.minutes,
                        "absent_organisations": list(item.absent_organisations.all()),
                    },
                ),
                "action": mine.get("action") or action_forms.ActionForm(prefix=prefix),
                "decision": mine.get("decision") or meeting_forms.DecisionForm(prefix=prefix),
            }
            for form in item.forms.values():
                field_forms.share_choices(form, shared)
    log_reads(
        user=request.user,
        subjects=(i.youth for i in items if i.visible),
        what=_("agenda van een overleg"),
        path=request.path,
    )
    context = {
        "meeting": meeting,
        "items": items,
        "can_manage": can_manage,
        "sees_all": meeting_selectors.sees_all_meetings(user),
        "attending": list(meeting.attending_organisations.order_by("name")),
        "attendees": list(meeting.attendees.select_related("organisation")),
    }
    if can_manage:
        context["open_flags_count"] = meeting_selectors.open_flags_not_on_an_agenda().count()
        agenda_form = agenda_form or meeting_forms.AgendaAddForm(
            groups=group_selectors.youth_group_list_for_user(user=user).filter(
                status=YouthGroup.Status.ACTIVE
            ),
            cases=_agenda_cases(user),
        )
        # The case select names the youths of the open cases: load them once, and log the read.
        open_cases = list(_agenda_cases(user))
        field_forms.share_choices(agenda_form, {"case": open_cases})
        log_reads(
            user=user,
            subjects=(c.youth for c in open_cases),
            what=_("keuzelijst casussen voor de agenda"),
            path=request.path,
        )
        context["agenda_form"] = agenda_form
        context["attendance_form"] = meeting_forms.AttendanceForm(
            initial={"organisations": context["attending"]}
        )
    return render(request, "cases/meeting_detail.html", context, status=status)


@role_required(meeting_selectors.may_use_meetings)
def meeting_detail(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    return _render_meeting(request, _meeting_or_404(request, meeting_id))


def _managed_meeting(request: AuthenticatedRequest, meeting_id: int) -> Meeting:
    meeting = _meeting_or_404(request, meeting_id)
    if not meeting_selectors.meeting_can_manage(user=request.user):
        raise PermissionDenied
    return meeting


@require_POST
@role_required(meeting_selectors.may_use_meetings)
def meeting_attendance(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    form = meeting_forms.AttendanceForm(request.POST)
    if form.is_valid():
        meeting_services.meeting_set_attendance(
            actor=request.user,
            meeting=meeting,
            organisations=form.cleaned_data["organisations"],
            attendees=meeting.attendees.all(),
        )
        messages.success(request, _("De aanwezigheid is bijgewerkt."))
    return redirect("cases:meeting", meeting.pk)


@require_POST
@role_required(meeting_selectors.may_use_meetings)
def agenda_from_flags(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    items = meeting_services.agenda_add_open_flags(actor=request.user, meeting=meeting)
    messages.success(request, _("%(n)s gesignaleerde jongeren op de agenda gezet.") % {"n": len(items)})
    return redirect("cases:meeting", meeting.pk)


@require_POST
@role_required(meeting_selectors.may_use_meetings)
def agenda_add(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    groups = group_selectors.youth_group_list_for_user(user=request.user)
    form = meeting_forms.AgendaAddForm(request.POST, groups=groups, cases=_agenda_cases(request.user))
    if form.is_valid():
        case = form.cleaned_data["case"]
        if (
            not form.errors
            and attempt(
                form,
                lambda: meeting_services.agenda_item_add(
                    actor=request.user,
                    meeting=meeting,
                    case=case,
                    youth_group=form.cleaned_data["youth_group"],
                ),
            )
            is not None
        ):
            messages.success(request, _("Het agendapunt is toegevoegd."))
            return redirect("cases:meeting", meeting.pk)
    return _render_meeting(request, meeting, agenda_form=form, status=400)


def _agenda_cases(user: Any) -> Any:
    """The open cases the user sees, for the agenda's case select (through the cases gateway)."""
    return case_selectors.case_list_for_user(user=user).filter(status__in=OPEN_STATUSES)


def _item_or_404(meeting: Meeting, item_id: int) -> Any:
    item = meeting.agenda_items.select_related("meeting", "youth", "case", "flag").filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


@require_POST
@role_required(meeting_selectors.may_use_meetings)
def item_legal_basis(request: AuthenticatedRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    item = _item_or_404(meeting, item_id)
    form = meeting_forms.LegalBasisForm(request.POST, prefix=f"p{item.pk}")
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: meeting_services.agenda_item_record_legal_basis(
                actor=request.user,
                item=item,
                legal_basis=form.cleaned_data["legal_basis"],
                note=form.cleaned_data["note"],
            ),
        )
        is not None
    ):
        messages.success(request, _("De grondslag is vastgelegd."))
        return redirect(f"{meeting_url(meeting)}#punt-{item.pk}")
    return _render_meeting(request, meeting, bound={item.pk: {"legal_basis": form}}, status=400)


@require_POST
@role_required(meeting_selectors.may_use_meetings)
def item_minutes(request: AuthenticatedRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    item = _item_or_404(meeting, item_id)
    form = meeting_forms.MinutesForm(request.POST, prefix=f"p{item.pk}", meeting=meeting)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: meeting_services.agenda_item_record_minutes(
                actor=request.user,
                item=item,
                minutes=form.cleaned_data["minutes"],
                absent_organisations=form.cleaned_data["absent_organisations"],
            ),
        )
        is not None
    ):
        messages.success(request, _("De notulen zijn opgeslagen."))
        return redirect(f"{meeting_url(meeting)}#punt-{item.pk}")
    return _render_meeting(request, meeting, bound={item.pk: {"minutes": form}}, status=400)


@require_POST
@role_required(meeting_selectors.may_use_meetings)
def item_action(request: AuthenticatedRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    item = _item_or_404(meeting, item_id)
    form = action_forms.ActionForm(request.POST, prefix=f"p{item.pk}")
    if form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            lambda: meeting_services.agenda_item_add_action(
                actor=request.user,
                item=item,
                follow_up_type=data["follow_up_type"],
                organisation=data["organisation"],
                due_on=data["due_on"],
                description=data["description"],
            ),
        ):
            messages.success(request, _("De vervolgactie is gegeven."))
            return redirect(f"{meeting_url(meeting)}#punt-{item.pk}")
    return _render_meeting(request, meeting, bound={item.pk: {"action": form}}, status=400)


@require_POST
@role_required(meeting_selectors.may_use_meetings)
def item_decision(request: AuthenticatedRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    item = _item_or_404(meeting, item_id)
    form = meeting_forms.DecisionForm(request.POST, prefix=f"p{item.pk}")
    if form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            lambda: meeting_services.agenda_item_decide(
                actor=request.user,
                item=item,
                decision=data["decision"],
                reason=data["reason"],
                procesregie_holder=data["procesregie_holder"],
            ),
        ):
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect(f"{meeting_url(meeting)}#punt-{item.pk}")
    return _render_meeting(request, meeting, bound={item.pk: {"decision": form}}, status=400)


def meeting_url(meeting: Meeting) -> str:
    return reverse("cases:meeting", args=[meeting.pk])
