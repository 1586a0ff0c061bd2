"""HTML pages of the privacyfunctionaris: data-subject requests, the export as PDF, the access review.

Thin: gate, selector, service, render. The export and the access review are themselves reads of personal
data and are written to the read log and the security log.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import AuthenticatedRequest, has_role_permission, role_required
from core.forms import attempt
from core.readlog import log_read
from core.security_log import actor_of, client_ip, security_event

from . import selectors, services
from .export import youth_export, youth_export_pdf
from .forms import AccessReviewForm, AnswerForm, CloseForm, ExtendForm, RequestForm, RouteForm
from .models import DataSubjectRequest

# --- Requests ---------------------------------------------------------------------------------------


@role_required(selectors.may_handle_requests)
def request_list(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", DataSubjectRequest.Status.OPEN)
    if status not in DataSubjectRequest.Status.values:
        status = ""
    page = Paginator(selectors.request_list_for_user(user=request.user, status=status), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "privacy/request_list.html",
        {"page": page, "status": status, "statuses": DataSubjectRequest.Status.choices},
    )


@role_required("privacy.add_datasubjectrequest")
def request_create(request: AuthenticatedRequest) -> HttpResponse:
    form = RequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        youth = services.youth_find(
            first_name=data["youth_first_name"],
            last_name=data["youth_last_name"],
            date_of_birth=data["youth_date_of_birth"],
        )
        made = attempt(
            form,
            lambda: services.request_record(
                actor=request.user,
                kind=data["kind"],
                youth=youth,
                received_on=data["received_on"],
                requester=data["requester"],
                description=data["description"],
            ),
        )
        if made is not None:
            if youth is None:
                messages.warning(
                    request,
                    _("Het verzoek is vastgelegd. Over deze jongere zijn geen gegevens gevonden."),
                )
            else:
                messages.success(request, _("Het verzoek is vastgelegd."))
            return redirect("privacy:request", made.pk)
    return render(request, "privacy/request_form.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request: AuthenticatedRequest, dsr: DataSubjectRequest, **forms: object) -> HttpResponse:
    holding = list(selectors.organisations_holding(youth=dsr.youth)) if dsr.youth else []
    routed = {r.organisation_id for r in dsr.routings.all()}
    context = {
        "dsr": dsr,
        "holding": holding,
        "route_form": RouteForm(initial={"organisations": [o.pk for o in holding if o.pk not in routed]}),
        "extend_form": ExtendForm(),
        "close_form": CloseForm(),
        "answer_form": AnswerForm(),
        **forms,
    }
    has_errors = any(getattr(f, "errors", None) for f in forms.values())
    return render(request, "privacy/request_detail.html", context, status=400 if has_errors else 200)


@role_required(selectors.may_handle_requests)
def request_detail(request: AuthenticatedRequest, request_id: int) -> HttpResponse:
    """The request, and its steps: route it, record answers, extend the term once, close it (POST `stap`)."""
    dsr = selectors.request_get_for_user(user=request.user, request_id=request_id)
    if dsr is None:
        raise Http404
    if request.method != "POST":
        return _detail(request, dsr)
    step = request.POST.get("stap", "")
    user = request.user

    def route(form: forms.Form) -> object:
        data = form.cleaned_data
        return services.request_route(actor=user, request=dsr, organisations=data["organisations"])

    def answer(form: forms.Form) -> object:
        routing = dsr.routings.filter(pk=form.cleaned_data["routing"]).first()
        if routing is None:
            raise Http404
        return services.request_answer_record(actor=user, routing=routing, answer=form.cleaned_data["answer"])

    def extend(form: forms.Form) -> object:
        return services.request_extend(actor=user, request=dsr, reason=form.cleaned_data["reason"])

    def close(form: forms.Form) -> object:
        data = form.cleaned_data
        return services.request_close(actor=user, request=dsr, outcome=data["outcome"], note=data["note"])

    steps: dict[str, tuple[type[forms.Form], Callable[[forms.Form], object], str, str]] = {
        "doorsturen": (
            RouteForm,
            route,
            "route_form",
            _("Het verzoek is doorgestuurd; de organisaties hebben een melding."),
        ),
        "antwoord": (AnswerForm, answer, "answer_form", _("Het antwoord is vastgelegd.")),
        "verlengen": (ExtendForm, extend, "extend_form", _("De termijn is met twee maanden verlengd.")),
        "afhandelen": (CloseForm, close, "close_form", _("Het verzoek is afgehandeld.")),
    }
    if step not in steps:
        messages.error(request, _("Onbekende stap. Kies een van de knoppen op de pagina."))
        response = _detail(request, dsr)
        response.status_code = 400
        return response
    form_class, call, key, success = steps[step]
    form = form_class(request.POST)
    if form.is_valid() and attempt(form, lambda: call(form)) is not None:
        messages.success(request, success)
        return redirect("privacy:request", dsr.pk)
    return _detail(request, dsr, **{key: form})


@role_required(selectors.EXPORT)
def youth_export_download(request: AuthenticatedRequest, youth_id: int) -> HttpResponse:
    """Everything about one youth as a readable PDF (art. 15 AVG); itself logged."""
    youth = selectors.youth_for_export(user=request.user, youth_id=youth_id)
    if youth is None:
        raise Http404
    log_read(
        user=request.user,
        subject=youth,
        what=_("inzage: alle gegevens geëxporteerd (pdf)"),
        path=request.path,
    )
    security_event(
        action="export personal data",
        obj=f"youths.youth:{youth.pk}",
        result="ok",
        actor=actor_of(request.user),
        origin=client_ip(request),
    )
    content = youth_export_pdf(youth_export(youth))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-jongere-{youth.pk}.pdf"'
    return response


# --- Access review ----------------------------------------------------------------------------------

# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"), as in
# monitoring.report_files: the cell is quote-prefixed so it stays text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _when(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


@role_required(selectors.may_review_access)
def access_review(request: AuthenticatedRequest) -> HttpResponse:
    """Who has which role per organisation, with last login and last read; the reviews held; a form to
    record this year's review."""
    form = AccessReviewForm(
        request.POST or None, initial={"year": timezone.localdate().year, "held_on": timezone.localdate()}
    )
    if request.method == "POST":
        if not has_role_permission(request.user, "privacy.add_accessreview"):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            if attempt(
                form,
                lambda: services.access_review_record(
                    actor=request.user,
                    year=data["year"],
                    held_on=data["held_on"],
                    findings=data["findings"],
                    actions=data["actions"],
                ),
            ):
                messages.success(request, _("De toegangsreview is vastgelegd."))
                return redirect("privacy:access_review")
    return render(
        request,
        "privacy/access_review.html",
        {
            "rows": selectors.access_review_rows(),
            "reviews": selectors.access_review_list()[:20],
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@role_required(selectors.may_review_access)
def access_review_export(request: AuthenticatedRequest) -> HttpResponse:
    """The access review's table as CSV (semicolon-separated, for Dutch spreadsheet settings)."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=";")
    writer.writerow(
        [
            _("Organisatie"),
            _("Gebruikersnaam"),
            _("Naam"),
            _("Rol"),
            _("Actief"),
            _("Laatst ingelogd"),
            _("Laatst gegevens ingezien"),
        ]
    )
    for user in selectors.access_review_rows():
        writer.writerow(
            [
                _cell(user.organisation.name if user.organisation else ""),
                _cell(user.username),
                _cell(user.get_full_name()),
                _cell(user.get_role_display()),
                _("ja") if user.is_active else _("nee"),
                _when(user.last_login),
                _when(getattr(user, "last_read_at", None)),
            ]
        )
    security_event(
        action="export access review",
        obj="privacy:access_review_export",
        result="ok",
        actor=actor_of(request.user),
        origin=client_ip(request),
    )
    response = HttpResponse("\ufeff" + stream.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="toegangsreview-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response
