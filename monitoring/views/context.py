"""Context indicators: Zwolle against the Netherlands, and the import of a CBS StatLine file."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import AuthenticatedRequest, role_required
from core.forms import attempt

from .. import charts, selectors
from ..context_import import parse_statline_csv
from ..forms import ContextImportForm
from ..models import ContextIndicatorRevision
from ..services.context import context_values_import

VIEW = ("monitoring.view_indicator", "monitoring.view_contextindicator")
# The latest revisions of imported values shown under the chart.
REVISIONS_SHOWN = 20


@role_required(*VIEW)
def context(request: AuthenticatedRequest) -> HttpResponse:
    return _render_context(request, ContextImportForm())


def _render_context(
    request: AuthenticatedRequest, form: ContextImportForm, status: int = 200
) -> HttpResponse:
    series = selectors.context_series()
    return render(
        request,
        "monitoring/context.html",
        {
            "series": series,
            "chart": charts.context_chart(series),
            "form": form,
            "revisions": ContextIndicatorRevision.objects.select_related("value__indicator").order_by(
                "-revised_at"
            )[:REVISIONS_SHOWN],
        },
        status=status,
    )


@require_POST
@role_required(*VIEW, "monitoring.change_contextindicatorvalue")
def context_import(request: AuthenticatedRequest) -> HttpResponse:
    actor = request.user
    form = ContextImportForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            content = data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("Het bestand is geen UTF-8-tekst (CSV)."))
        else:
            counts = attempt(
                form,
                lambda: context_values_import(
                    actor=actor,
                    indicator=data["indicator"],
                    rows=parse_statline_csv(
                        content, table=data["table"], column=data["column"], row_filter=data["filter"]
                    ),
                    source=f"CBS StatLine {data['table']} ({data['file'].name})",
                ),
            )
            if counts is not None:
                messages.success(
                    request,
                    _("Ingelezen: %(created)s nieuw, %(revised)s herzien, %(unchanged)s ongewijzigd.")
                    % counts,
                )
                return redirect("monitoring:context")
    return _render_context(request, form, status=400)
