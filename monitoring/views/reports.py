"""Reports: the list with the request form, one report's page, and its files."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import AuthenticatedRequest, role_required
from core.forms import attempt

from .. import charts, selectors
from ..forms import ReportRequestForm
from ..models import Report
from ..periods import QUARTER, Period
from ..services import reports as report_services
from ..snapshot import Snapshot
from .common import PAGE_SIZE

VIEW = "monitoring.view_report"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(VIEW)
def report_list(request: AuthenticatedRequest) -> HttpResponse:
    form = ReportRequestForm(initial={"period": Period.containing(QUARTER, timezone.localdate()).previous()})
    return _render_reports(request, form)


def _render_reports(
    request: AuthenticatedRequest, form: ReportRequestForm, status: int = 200
) -> HttpResponse:
    page = Paginator(selectors.report_list(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "monitoring/reports.html", {"page": page, "form": form}, status=status)


@require_POST
@role_required(VIEW, "monitoring.add_report")
def report_request(request: AuthenticatedRequest) -> HttpResponse:
    actor = request.user
    form = ReportRequestForm(request.POST)
    if form.is_valid():
        period = form.cleaned_data["period"]
        # Only enqueued here: the report is made by a Celery worker, never in this request.
        report = attempt(form, lambda: report_services.report_request(actor=actor, period=period))
        if report is not None:
            messages.success(request, _("De rapportage wordt gemaakt. U krijgt bericht als zij klaar is."))
            return redirect("monitoring:report", pk=report.pk)
    return _render_reports(request, form, status=400)


@role_required(VIEW)
def report_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(pk=pk)
    if report is None:
        raise Http404
    data: Snapshot | None = report.data  # made by reports.snapshot_build; None while pending
    return render(
        request,
        "monitoring/report.html",
        {
            "report": report,
            "data": data or {},
            "chart": charts.report_progress_chart(data) if data else [],
            "context_chart": data.get("context", []) if data else [],
        },
    )


def _report_file(pk: int, field: str) -> tuple[Report, bytes]:
    report = (
        Report.objects.select_related("period")
        .only("pk", "period", "version", "status", field)
        .filter(pk=pk)
        .first()
    )
    if report is None or report.status != Report.Status.READY or not getattr(report, field):
        raise Http404
    return report, bytes(getattr(report, field))


def _download(report: Report, content: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="monitoring-{report.period.code}-v{report.version}.{extension}"'
    )
    return response


@role_required(VIEW)
def report_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report, content = _report_file(pk, "xlsx")
    return _download(report, content, XLSX, "xlsx")


@role_required(VIEW)
def report_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report, content = _report_file(pk, "pdf")
    return _download(report, content, "application/pdf", "pdf")
