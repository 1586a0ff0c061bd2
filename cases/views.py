"""HTML pages for meetings, cases, actions and groups. Thin: gateway, form, service, render.

Objects come only from the gateway in selectors.py (out of reach → 404). Pages that show a youth's
personal data write the read log. A service's DomainError is shown at its field of the form that was
posted, with status 400; success redirects back to the page (post/redirect/get).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.forms import add_domain_error
from core.readlog import log_read, log_reads
from youths.models import Youth
from youths.selectors import youth_get_for_user, youth_list_for_user

from . import forms as f
from . import selectors, services
from .groupsteps import STEPS, step_definition
from .lifecycle import CaseStatus, transitions_from
from .models import Action, Case, Meeting, YouthGroup

PAGE_SIZE = 25


def _guard(
    check: Callable[[Any], bool],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Logged in, and `check(user)` (a role permission from the selectors) — else 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


case_pages = _guard(selectors.may_use_cases)
meeting_pages = _guard(selectors.may_use_meetings)
group_pages = _guard(selectors.may_use_groups)


def _log_youths(request: HttpRequest, youths: Iterable[Youth | None], what: str) -> None:
    unique = {y.pk: y for y in youths if y is not None}
    if unique:
        log_reads(user=request.user, subjects=unique.values(), what=what, path=request.path)


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("pagina"))


def _attempt(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Run the service; on a DomainError put its message on the form and return None."""
    try:
        return call()
    except DomainError as error:
        add_domain_error(form, error)
        return None


def _youth_search(request: HttpRequest) -> tuple[str, list[Youth]]:
    """A name search among the youths the user may see (never reveals others), for linking."""
    q = request.GET.get("zoek", "").strip()[:100]
    if not q:
        return "", []
    found = list(youth_list_for_user(user=request.user, search=q)[:10])
    _log_youths(request, found, _("jongere gezocht om te koppelen"))
    return q, found


# --- Meetings -------------------------------------------------------------------------------------


@meeting_pages
def meeting_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.meeting_list_for_user(user=request.user))
    return render(
        request,
        "cases/meeting_list.html",
        {"page": page, "can_manage": selectors.meeting_can_manage(user=request.user)},
    )


@meeting_pages
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not selectors.meeting_can_manage(user=request.user):
        raise PermissionDenied
    form = f.MeetingForm(
        request.POST or None, initial={"chair": request.user.pk, "kind": Meeting.Kind.VROEGSIGNALERING}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = _attempt(
            form,
            lambda: services.meeting_create(
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


def _meeting_or_404(request: HttpRequest, meeting_id: int) -> Meeting:
    meeting = selectors.meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    if meeting is None:
        raise Http404
    return meeting


def _render_meeting(
    request: HttpRequest,
    meeting: Meeting,
    *,
    bound: dict[int, dict[str, forms.Form]] | None = None,
    agenda_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_manage = selectors.meeting_can_manage(user=user)
    items = selectors.agenda_for_user(user=user, meeting=meeting)
    bound = bound or {}
    shared: dict[str, list[Any]] = {}
    if can_manage and any(not item.decision for item in items):
        # Every undecided item gets the same selects: load their choices once for the page.
        shared = {
            "legal_basis": list(selectors.legal_bases_active()),
            "absent_organisations": list(meeting.attending_organisations.order_by("name")),
            "follow_up_type": list(selectors.follow_up_types_for()),
            "organisation": list(f.active_organisations()),
            "procesregie_holder": list(selectors.procesregie_candidates()),
        }
    for item in items:
        mine = bound.get(item.pk, {})
        item.forms = {}
        if can_manage and not item.decision:
            prefix = f"p{item.pk}"
            item.forms = {
                "legal_basis": mine.get("legal_basis")
                or f.LegalBasisForm(
                    prefix=prefix, initial={"legal_basis": item.legal_basis_id, "note": item.legal_basis_note}
                ),
                "minutes": mine.get("minutes")
                or f.MinutesForm(
                    prefix=prefix,
                    meeting=meeting,
                    initial={
                        "minutes": item.minutes,
                        "absent_organisations": list(item.absent_organisations.all()),
                    },
                ),
                "action": mine.get("action") or f.ActionForm(prefix=prefix),
                "decision": mine.get("decision") or f.DecisionForm(prefix=prefix),
            }
            for form in item.forms.values():
                f.share_choices(form, shared)
    _log_youths(request, (i.youth for i in items if i.visible), _("agenda van een overleg"))
    context = {
        "meeting": meeting,
        "items": items,
        "can_manage": can_manage,
        "sees_all": selectors.sees_all_meetings(user),
        "attending": list(meeting.attending_organisations.order_by("name")),
        "attendees": list(meeting.attendees.select_related("organisation")),
    }
    if can_manage:
        context["open_flags_count"] = selectors.open_flags_not_on_an_agenda().count()
        context["agenda_form"] = agenda_form or f.AgendaAddForm(
            groups=selectors.youth_group_list_for_user(user=user).filter(status=YouthGroup.Status.ACTIVE)
        )
        context["attendance_form"] = f.AttendanceForm(initial={"organisations": context["attending"]})
    return render(request, "cases/meeting_detail.html", context, status=status)


@meeting_pages
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _render_meeting(request, _meeting_or_404(request, meeting_id))


def _managed_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    meeting = _meeting_or_404(request, meeting_id)
    if not selectors.meeting_can_manage(user=request.user):
        raise PermissionDenied
    return meeting


@require_POST
@meeting_pages
def meeting_attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    form = f.AttendanceForm(request.POST)
    if form.is_valid():
        services.meeting_set_attendance(
            actor=request.user,
            meeting=meeting,
            organisations=form.cleaned_data["organisations"],
            attendees=meeting.attendees.all(),
        )
        messages.success(request, _("De aanwezigheid is bijgewerkt."))
    return redirect("cases:meeting", meeting.pk)


@require_POST
@meeting_pages
def agenda_from_flags(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    items = services.agenda_add_open_flags(actor=request.user, meeting=meeting)
    messages.success(request, _("%(n)s gesignaleerde jongeren op de agenda gezet.") % {"n": len(items)})
    return redirect("cases:meeting", meeting.pk)


@require_POST
@meeting_pages
def agenda_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    groups = selectors.youth_group_list_for_user(user=request.user)
    form = f.AgendaAddForm(request.POST, groups=groups)
    if form.is_valid():
        case = None
        if form.cleaned_data["case"]:
            case = selectors.case_get_for_user(user=request.user, case_id=form.cleaned_data["case"])
            if case is None:
                form.add_error("case", _("Deze casus bestaat niet."))
        if not form.errors and _attempt(
            form,
            lambda: services.agenda_item_add(
                actor=request.user, meeting=meeting, case=case, youth_group=form.cleaned_data["youth_group"]
            ),
        ):
            messages.success(request, _("Het agendapunt is toegevoegd."))
            return redirect("cases:meeting", meeting.pk)
    return _render_meeting(request, meeting, agenda_form=form, status=400)


def _item_or_404(meeting: Meeting, item_id: int) -> Any:
    item = meeting.agenda_items.select_related("meeting", "youth", "case", "flag").filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


@require_POST
@meeting_pages
def item_legal_basis(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    item = _item_or_404(meeting, item_id)
    form = f.LegalBasisForm(request.POST, prefix=f"p{item.pk}")
    if form.is_valid() and _attempt(
        form,
        lambda: services.agenda_item_record_legal_basis(
            actor=request.user,
            item=item,
            legal_basis=form.cleaned_data["legal_basis"],
            note=form.cleaned_data["note"],
        ),
    ):
        messages.success(request, _("De grondslag is vastgelegd."))
        return redirect(f"{meeting_url(meeting)}#punt-{item.pk}")
    return _render_meeting(request, meeting, bound={item.pk: {"legal_basis": form}}, status=400)


@require_POST
@meeting_pages
def item_minutes(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    item = _item_or_404(meeting, item_id)
    form = f.MinutesForm(request.POST, prefix=f"p{item.pk}", meeting=meeting)
    if form.is_valid() and _attempt(
        form,
        lambda: services.agenda_item_record_minutes(
            actor=request.user,
            item=item,
            minutes=form.cleaned_data["minutes"],
            absent_organisations=form.cleaned_data["absent_organisations"],
        ),
    ):
        messages.success(request, _("De notulen zijn opgeslagen."))
        return redirect(f"{meeting_url(meeting)}#punt-{item.pk}")
    return _render_meeting(request, meeting, bound={item.pk: {"minutes": form}}, status=400)


@require_POST
@meeting_pages
def item_action(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    item = _item_or_404(meeting, item_id)
    form = f.ActionForm(request.POST, prefix=f"p{item.pk}")
    if form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.agenda_item_add_action(
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
@meeting_pages
def item_decision(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _managed_meeting(request, meeting_id)
    item = _item_or_404(meeting, item_id)
    form = f.DecisionForm(request.POST, prefix=f"p{item.pk}")
    if form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.agenda_item_decide(
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
    from django.urls import reverse

    return reverse("cases:meeting", args=[meeting.pk])


# --- Cases ----------------------------------------------------------------------------------------


@case_pages
def case_board(request: HttpRequest) -> HttpResponse:
    columns = selectors.case_board_for_user(user=request.user)
    _log_youths(request, (c.youth for col in columns for c in col["cases"]), _("casusbord"))
    return render(
        request,
        "cases/case_board.html",
        {
            "columns": columns,
            "can_open": selectors.has_role_permission(request.user, selectors.MANAGE_CASES),
            "today": timezone.localdate(),
        },
    )


@case_pages
def case_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status and status not in CaseStatus.values:
        status = ""
    page = _page(request, selectors.case_list_for_user(user=request.user, status=status))
    _log_youths(request, (c.youth for c in page), _("lijst van casussen"))
    return render(
        request,
        "cases/case_list.html",
        {"page": page, "status": status, "statuses": CaseStatus.choices, "today": timezone.localdate()},
    )


@case_pages
def case_create(request: HttpRequest) -> HttpResponse:
    """Open a case outside a meeting (the procesregisseur), for a youth from the youths gateway."""
    if not selectors.has_role_permission(request.user, selectors.MANAGE_CASES):
        raise PermissionDenied
    youth = youth_get_for_user(user=request.user, youth_id=request.GET.get("jongere", ""))
    if youth is None:
        raise Http404
    form = f.CaseOpenForm(request.POST or None, initial={"procesregie_holder": request.user.pk})
    if request.method == "POST" and form.is_valid():
        case = _attempt(
            form,
            lambda: services.case_open(
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


def _case_or_404(request: HttpRequest, case_id: int) -> Case:
    case = selectors.case_get_for_user(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _managed_case(request: HttpRequest, case_id: int) -> Case:
    case = _case_or_404(request, case_id)
    if not selectors.case_can_manage(user=request.user, case=case):
        raise PermissionDenied
    return case


def _render_case(request: HttpRequest, case: Case, *, status: int = 200, **bound: forms.Form) -> HttpResponse:
    user = request.user
    detail = selectors.case_detail(case=case)
    can_manage = selectors.case_can_manage(user=user, case=case) and not case.is_closed
    family_youths = [link.linked_youth for link in detail["family"] if link.linked_youth_id]
    context: dict[str, Any] = {
        "case": case,
        **detail,
        "can_manage": can_manage,
        "today": timezone.localdate(),
        "overdue": [a for a in detail["actions"] if a.is_overdue],
        "visible_youths": selectors.visible_youth_ids(
            user=user, youth_ids={case.youth_id, *(y.pk for y in family_youths)}
        ),
        "transitions_possible": transitions_from(case.status),
        "can_assign_procesregie": selectors.has_role_permission(user, selectors.MANAGE_CASES)
        and not case.is_closed,
    }
    if can_manage:
        goals = case.goals.filter(status="open")
        steps = [t for t in transitions_from(case.status) if t.target != CaseStatus.GESLOTEN]
        context.update(
            transition_form=bound.get("transition") or f.TransitionForm(steps=steps),
            can_close=any(t.target == CaseStatus.GESLOTEN for t in transitions_from(case.status)),
            close_form=bound.get("close") or f.CloseForm(),
            procesregie_form=bound.get("procesregie")
            or f.ProcesregieForm(initial={"holder": case.procesregie_holder_id}),
            organisation_form=bound.get("organisation") or f.CaseOrganisationForm(),
            goal_form=bound.get("goal") or f.GoalForm(),
            action_form=bound.get("action") or f.ActionForm(goals=goals),
            enrolment_form=bound.get("enrolment")
            or f.EnrolmentForm(initial={"started_on": timezone.localdate()}),
            enrolment_end_form=f.EnrolmentEndForm(initial={"ended_on": timezone.localdate()}),
            family_form=bound.get("family") or f.FamilyLinkForm(),
            goal_statuses=f.GoalStatusForm.base_fields["status"].choices,
        )
        context["search"], context["search_results"] = _youth_search(request)
    log_read(
        user=user, subject=case.youth, what=_("casus %(id)s bekeken") % {"id": case.pk}, path=request.path
    )
    _log_youths(request, family_youths, _("gezinscontext van casus %(id)s") % {"id": case.pk})
    return render(request, "cases/case_detail.html", context, status=status)


@case_pages
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _render_case(request, _case_or_404(request, case_id))


def _case_post(
    request: HttpRequest,
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
    if form.is_valid() and _attempt(form, lambda: call(case, form.cleaned_data)) is not None:
        messages.success(request, success)
        return redirect(f"{case_url(case)}#{anchor}")
    return _render_case(request, case, status=400, **{key: form})


def case_url(case: Case) -> str:
    from django.urls import reverse

    return reverse("cases:case", args=[case.pk])


@require_POST
@case_pages
def case_transition(request: HttpRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Case:
        return services.case_transition(actor=request.user, case=case, to=data["to"], reason=data["reason"])

    return _case_post(
        request,
        case_id,
        f.TransitionForm,
        "transition",
        call,
        _("De status is gewijzigd."),
        "status",
        steps=None,
    )


@require_POST
@case_pages
def case_close(request: HttpRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Case:
        return services.case_transition(
            actor=request.user,
            case=case,
            to=CaseStatus.GESLOTEN,
            reason=data["reason"],
            closing=services.CaseClosing(
                reason=data["closing_reason"],
                perspective=data["outcome_perspective"],
                qualification=data["outcome_qualification"],
                network_size=data["outcome_network_size"],
            ),
        )

    return _case_post(request, case_id, f.CloseForm, "close", call, _("De casus is gesloten."), "status")


@require_POST
@case_pages
def case_procesregie(request: HttpRequest, case_id: int) -> HttpResponse:
    if not selectors.has_role_permission(request.user, selectors.MANAGE_CASES):
        raise PermissionDenied

    def call(case: Case, data: dict[str, Any]) -> Case:
        return services.case_procesregie_assign(actor=request.user, case=case, holder=data["holder"])

    return _case_post(
        request,
        case_id,
        f.ProcesregieForm,
        "procesregie",
        call,
        _("De procesregie is toegewezen."),
        "organisaties",
    )


@require_POST
@case_pages
def case_organisation_add(request: HttpRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Any:
        return services.case_organisation_add(
            actor=request.user, case=case, organisation=data["organisation"], role=data["role"]
        )

    return _case_post(
        request,
        case_id,
        f.CaseOrganisationForm,
        "organisation",
        call,
        _("De organisatie is betrokken."),
        "organisaties",
    )


@require_POST
@case_pages
def case_organisation_end(request: HttpRequest, case_id: int, row_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    row = selectors.case_organisation_get(case=case, row_id=row_id)
    if row is None:
        raise Http404
    try:
        services.case_organisation_end(actor=request.user, case_organisation=row)
        messages.success(request, _("De rol van de organisatie is beëindigd."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(f"{case_url(case)}#organisaties")


@require_POST
@case_pages
def case_goal_add(request: HttpRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Any:
        return services.case_goal_add(
            actor=request.user, case=case, life_domain=data["life_domain"], description=data["description"]
        )

    return _case_post(request, case_id, f.GoalForm, "goal", call, _("Het doel is toegevoegd."), "plan")


@require_POST
@case_pages
def case_goal_status(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    goal = case.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404
    form = f.GoalStatusForm(request.POST)
    if form.is_valid():
        try:
            services.case_goal_set_status(actor=request.user, goal=goal, status=form.cleaned_data["status"])
            messages.success(request, _("De status van het doel is gewijzigd."))
        except DomainError as error:
            messages.error(request, error.message)
    return redirect(f"{case_url(case)}#plan")


@require_POST
@case_pages
def case_action_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    form = f.ActionForm(request.POST, goals=case.goals.all())
    if form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.action_assign(
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
@case_pages
def case_enrolment_add(request: HttpRequest, case_id: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> Any:
        return services.enrolment_add(
            actor=request.user, case=case, intervention=data["intervention"], started_on=data["started_on"]
        )

    return _case_post(
        request, case_id, f.EnrolmentForm, "enrolment", call, _("De deelname is vastgelegd."), "deelnames"
    )


@require_POST
@case_pages
def case_enrolment_end(request: HttpRequest, case_id: int, enrolment_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    enrolment = case.enrolments.filter(pk=enrolment_id).first()
    if enrolment is None:
        raise Http404
    form = f.EnrolmentEndForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.enrolment_end(
                actor=request.user,
                enrolment=enrolment,
                ended_on=data["ended_on"],
                result=data["result"],
                note=data["note"],
            )
            messages.success(request, _("De deelname is beëindigd."))
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Geef de einddatum en het resultaat."))
    return redirect(f"{case_url(case)}#deelnames")


@require_POST
@case_pages
def case_family_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _managed_case(request, case_id)
    form = f.FamilyLinkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        linked = None
        if data["linked_youth"]:
            linked = youth_get_for_user(user=request.user, youth_id=data["linked_youth"])
            if linked is None:
                form.add_error(None, _("Deze jongere bestaat niet."))
        if not form.errors and _attempt(
            form,
            lambda: services.family_link_add(
                actor=request.user,
                case=case,
                relation=data["relation"],
                linked_youth=linked,
                member_name=data["member_name"],
            ),
        ):
            messages.success(request, _("Het gezinslid is toegevoegd."))
            return redirect(f"{case_url(case)}#gezin")
    return _render_case(request, case, status=400, family=form)


# --- Actions --------------------------------------------------------------------------------------


@case_pages
def action_list(request: HttpRequest) -> HttpResponse:
    """'Mijn acties' for a partner; for the procesregisseur also the declined and unanswered ones."""
    user = request.user
    show = request.GET.get("toon", "open")
    statuses = {
        "open": Action.Status.OPEN,
        "afgerond": Action.Status.DONE,
        "geannuleerd": Action.Status.CANCELLED,
    }
    status = statuses.get(show, Action.Status.OPEN)
    page = _page(request, selectors.actions_of_organisation(user=user, status=status))
    context: dict[str, Any] = {"page": page, "show": show, "today": timezone.localdate()}
    shown: list[Action] = list(page)
    if selectors.sees_all_cases(user):
        context["declined"] = list(
            selectors.actions_needing_attention(user=user, response=Action.Response.DECLINED)[:PAGE_SIZE]
        )
        context["unanswered"] = list(
            selectors.actions_needing_attention(user=user, response=Action.Response.PENDING)[:PAGE_SIZE]
        )
        shown += context["declined"] + context["unanswered"]
    _log_youths(request, (a.youth for a in shown), _("lijst van acties"))
    return render(request, "cases/action_list.html", context)


def _action_or_404(request: HttpRequest, action_id: int) -> Action:
    action = selectors.action_get_for_user(user=request.user, action_id=action_id)
    if action is None:
        raise Http404
    return action


def _render_action(
    request: HttpRequest, action: Action, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    user = request.user
    can_respond = (
        selectors.action_can_respond(user=user, action=action) and action.status == Action.Status.OPEN
    )
    can_manage = selectors.action_can_manage(user=user, action=action) and action.status == Action.Status.OPEN
    log_read(
        user=user, subject=action.youth, what=_("actie %(id)s bekeken") % {"id": action.pk}, path=request.path
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
            "respond_form": bound.get("respond") or f.RespondForm(),
            "finish_form": bound.get("finish") or f.FinishForm(),
            "reassign_form": bound.get("reassign") or f.ReassignForm(action=action),
            "cancel_form": f.FinishForm(initial={"done": "nee"}),
            "youth_visible": bool(selectors.visible_youth_ids(user=user, youth_ids={action.youth_id})),
            "case_visible": action.case_id is not None
            and selectors.case_get_for_user(user=user, case_id=action.case_id) is not None,
        },
        status=status,
    )


@case_pages
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    return _render_action(request, _action_or_404(request, action_id))


@require_POST
@case_pages
def action_respond(request: HttpRequest, action_id: int) -> HttpResponse:
    action = _action_or_404(request, action_id)
    if not selectors.action_can_respond(user=request.user, action=action):
        raise PermissionDenied
    form = f.RespondForm(request.POST)
    if form.is_valid() and _attempt(
        form,
        lambda: services.action_respond(
            actor=request.user,
            action=action,
            accept=form.cleaned_data["accept"],
            reason=form.cleaned_data["reason"],
        ),
    ):
        messages.success(request, _("Uw reactie is vastgelegd."))
        return redirect("cases:action", action.pk)
    return _render_action(request, action, status=400, respond=form)


@require_POST
@case_pages
def action_finish(request: HttpRequest, action_id: int) -> HttpResponse:
    action = _action_or_404(request, action_id)
    form = f.FinishForm(request.POST)
    if not form.is_valid():
        return _render_action(request, action, status=400, finish=form)
    done = form.cleaned_data["done"]
    # The receiving organisation finishes or cancels its own action; the procesregie cancels.
    allowed = selectors.action_can_respond(user=request.user, action=action) or (
        not done and selectors.action_can_manage(user=request.user, action=action)
    )
    if not allowed:
        raise PermissionDenied
    if _attempt(
        form,
        lambda: services.action_finish(
            actor=request.user, action=action, done=done, note=form.cleaned_data["note"]
        ),
    ):
        messages.success(request, _("De actie is afgerond.") if done else _("De actie is geannuleerd."))
        return redirect("cases:action", action.pk)
    return _render_action(request, action, status=400, finish=form)


@require_POST
@case_pages
def action_reassign(request: HttpRequest, action_id: int) -> HttpResponse:
    action = _action_or_404(request, action_id)
    if not selectors.action_can_manage(user=request.user, action=action):
        raise PermissionDenied
    form = f.ReassignForm(request.POST, action=action)
    if form.is_valid() and _attempt(
        form,
        lambda: services.action_reassign(
            actor=request.user,
            action=action,
            organisation=form.cleaned_data["organisation"],
            due_on=form.cleaned_data["due_on"],
        ),
    ):
        messages.success(request, _("De actie is opnieuw toegewezen."))
        return redirect("cases:action", action.pk)
    return _render_action(request, action, status=400, reassign=form)


# --- Groups ---------------------------------------------------------------------------------------


@group_pages
def group_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.youth_group_list_for_user(user=request.user))
    return render(
        request,
        "cases/group_list.html",
        {"page": page, "can_manage": selectors.youth_group_can_manage(user=request.user)},
    )


@group_pages
def group_create(request: HttpRequest) -> HttpResponse:
    if not selectors.youth_group_can_manage(user=request.user):
        raise PermissionDenied
    form = f.YouthGroupForm(request.POST or None, initial={"coordinator": request.user.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = _attempt(
            form,
            lambda: services.youth_group_create(
                actor=request.user,
                name=data["name"],
                area=data["area"],
                coordinator=data["coordinator"],
                legacy_shortlist_label=data["legacy_shortlist_label"],
                organisations=data["organisations"],
            ),
        )
        if group is not None:
            messages.success(request, _("De groep is aangemaakt."))
            return redirect("cases:group", group.pk)
    return render(request, "cases/group_form.html", {"form": form}, status=400 if form.errors else 200)


def _group_or_404(request: HttpRequest, group_id: int) -> YouthGroup:
    group = selectors.youth_group_get_for_user(user=request.user, group_id=group_id)
    if group is None:
        raise Http404
    return group


def _managed_group(request: HttpRequest, group_id: int) -> YouthGroup:
    group = _group_or_404(request, group_id)
    if not selectors.youth_group_can_manage(user=request.user):
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
    request: HttpRequest, group: YouthGroup, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    user = request.user
    detail = selectors.youth_group_detail(youth_group=group)
    can_manage = selectors.youth_group_can_manage(user=user)
    steps = detail["steps"]
    for step in steps:
        step.definition = step_definition(step.number)
        step.fields_shown = [
            (fd, _detail_shown(fd.kind, step.details[fd.code]))
            for fd in step.definition.fields
            if step.details.get(fd.code)
        ]
    context: dict[str, Any] = {
        "group": group,
        **detail,
        "can_manage": can_manage,
        "visible_youths": selectors.visible_youth_ids(
            user=user, youth_ids={m.youth_id for m in detail["members"]}
        ),
        "visible_cases": set(
            selectors.case_list_for_user(user=user)
            .filter(pk__in={m.case_id for m in detail["members"] if m.case_id})
            .values_list("pk", flat=True)
        ),
    }
    if can_manage:
        context.update(
            member_form=bound.get("member") or f.MemberForm(),
            member_case_form=bound.get("member_case")
            or f.MemberCaseForm(initial={"procesregie_holder": user.pk}),
            organisation_form=bound.get("organisation") or f.GroupOrganisationForm(),
            # One list for the procesregie select in every member's row.
            candidates=list(selectors.procesregie_candidates()),
            roles=f.MemberForm.base_fields["role"].choices,
        )
        context["search"], context["search_results"] = _youth_search(request)
    _log_youths(
        request, (m.youth for m in detail["members"]), _("groep %(name)s bekeken") % {"name": group.name}
    )
    return render(request, "cases/group_detail.html", context, status=status)


@group_pages
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    return _render_group(request, _group_or_404(request, group_id))


def group_url(group: YouthGroup) -> str:
    from django.urls import reverse

    return reverse("cases:group", args=[group.pk])


@require_POST
@group_pages
def group_organisation_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _managed_group(request, group_id)
    form = f.GroupOrganisationForm(request.POST)
    if form.is_valid() and _attempt(
        form,
        lambda: services.youth_group_organisation_add(
            actor=request.user,
            youth_group=group,
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
        ),
    ):
        messages.success(request, _("De organisatie werkt nu mee aan de groep."))
        return redirect(f"{group_url(group)}#organisaties")
    return _render_group(request, group, status=400, organisation=form)


@require_POST
@group_pages
def group_member_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _managed_group(request, group_id)
    form = f.MemberForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        youth = youth_get_for_user(user=request.user, youth_id=data["youth"] or "")
        if youth is None:
            form.add_error(None, _("Zoek en kies eerst een jongere."))
        elif _attempt(
            form,
            lambda: services.youth_group_member_add(
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
@group_pages
def group_member_update(request: HttpRequest, group_id: int, member_id: int) -> HttpResponse:
    group = _managed_group(request, group_id)
    member = selectors.youth_group_member_get(youth_group=group, member_id=member_id)
    if member is None:
        raise Http404
    form = f.MemberForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.youth_group_member_update(
                actor=request.user,
                member=member,
                role=data["role"],
                namenlijst_position=data["namenlijst_position"],
                left_on=data["left_on"],
            )
            messages.success(request, _("Het groepslid is bijgewerkt."))
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Controleer de rol en de plek op de namenlijst."))
    return redirect(f"{group_url(group)}#leden")


@require_POST
@group_pages
def group_member_case(request: HttpRequest, group_id: int, member_id: int) -> HttpResponse:
    group = _managed_group(request, group_id)
    member = selectors.youth_group_member_get(youth_group=group, member_id=member_id)
    if member is None:
        raise Http404
    form = f.MemberCaseForm(request.POST)
    if form.is_valid():
        case = _attempt(
            form,
            lambda: services.youth_group_member_open_case(
                actor=request.user, member=member, procesregie_holder=form.cleaned_data["procesregie_holder"]
            ),
        )
        if case is not None:
            messages.success(request, _("Het groepslid is opgenomen in casus %(id)s.") % {"id": case.pk})
            return redirect("cases:case", case.pk)
    return _render_group(request, group, status=400, member_case=form)


@group_pages
def group_step(request: HttpRequest, group_id: int, number: int) -> HttpResponse:
    group = _group_or_404(request, group_id)
    step = selectors.youth_group_step_get(youth_group=group, number=number)
    if step is None:
        raise Http404
    definition = step_definition(step.number)
    can_edit = selectors.youth_group_can_manage(user=request.user) or step.owner_id == request.user.pk
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    initial = {"status": step.status, "owner": step.owner_id, "notes": step.notes}
    initial.update({f"detail_{code}": value for code, value in step.details.items()})
    form = f.step_form(definition, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.youth_group_step_update(
                actor=request.user,
                step=step,
                status=data["status"],
                owner=data["owner"],
                notes=data["notes"],
                details=form.details(),
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
        },
        status=400 if form.errors else 200,
    )
