"""Monitoring pages for the projectleider (and, read-only, the procesregisseur). Thin: parse, check
the role permission, call a service or selector, render. Domain errors are shown on the form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from tracks.models import Risk, Track

from . import selectors, services
from .context_import import parse_statline_csv
from .figures import STATUS_LABELS, display_value, status
from .forms import (
    AllocationForm,
    ContextImportForm,
    CorrectionForm,
    MeasurementEntryForm,
    MoneyForm,
    PdcaForm,
    PdcaNewForm,
    ReasonForm,
    ReportRequestForm,
    RiskReviewForm,
    TargetForm,
)
from .models import Measurement, Report, ReportingPeriod
from .periods import MONTH, MONTH_NAMES_NL, QUARTER, Period

PAGE_SIZE = 25


def _period_from(request: HttpRequest, default_kind: str = QUARTER) -> Period:
    """The period in ?periode=…, else the last quarter that has ended (the one being reported on) –
    or, when that has no figures yet, the latest quarter before it that has (said on the page)."""
    code = request.GET.get("periode", "")
    if code:
        try:
            return Period.parse(code)
        except ValueError:
            messages.warning(
                request, _("Onbekende periode %(code)s; het vorige kwartaal wordt getoond.") % {"code": code}
            )
    last_ended = Period.containing(default_kind, timezone.localdate()).previous()
    with_data = selectors.latest_period_with_data(kind=default_kind, not_after=last_ended)
    if with_data is None or with_data == last_ended:
        return last_ended
    messages.info(
        request,
        _("%(last)s heeft nog geen cijfers; getoond wordt %(shown)s, de laatste periode met cijfers.")
        % {"last": last_ended.label, "shown": with_data.label},
    )
    return with_data


def _period_or_404(code: str) -> Period:
    try:
        return Period.parse(code)
    except ValueError:
        raise Http404 from None


def _chart_rows(values: list[selectors.IndicatorValue]) -> list[dict[str, Any]]:
    return [
        {
            "label": f"{v.indicator.intervention.code} {v.indicator.name}",
            "progress": float(v.progress),
            "status": v.status,
        }
        for v in values
        if v.progress is not None
    ]


# --- Dashboard -----------------------------------------------------------------------------------


@login_required
@permission_required("monitoring.view_indicator", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    period = _period_from(request)
    values = selectors.indicator_values(period=period)
    with_target = [v for v in values if v.target is not None]
    year = selectors.budget_year_for(period.end)
    budget = selectors.budget_overview(year=year, until=min(timezone.localdate(), year.end)) if year else None
    by_track: dict[str, dict[str, Decimal]] = {}
    if budget:
        for row in budget.rows:
            entry = by_track.setdefault(
                row.allocation.track.code, {"allocated": Decimal(0), "spent": Decimal(0)}
            )
            entry["allocated"] += row.allocated
            entry["spent"] += row.spent
    counts = {key: sum(1 for v in with_target if v.status == key) for key in STATUS_LABELS}
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "period": period,
            "previous": period.previous(),
            "next": period.next(),
            "values": with_target,
            "counts": counts,
            "without_value": sum(1 for v in values if v.measurement is None),
            "budget": budget,
            "progress_chart": _chart_rows(with_target),
            "budget_chart": [
                {"track": code, "allocated": float(v["allocated"]), "spent": float(v["spent"])}
                for code, v in by_track.items()
            ],
            "context_chart": _context_chart(),
            "latest_report": selectors.report_list().filter(status=Report.Status.READY).first(),
            **_activity(period),
        },
    )


# Colours that stay apart for the common forms of colour blindness (and the tables say it in words).
DOMAIN_COLOURS = {"home": "#6a1b9a", "street": "#1f4e79", "school": "#ef6c00", "online": "#2e7d32"}
ACTIVITY_KEYS = ["signals_new", "flags_raised", "matches_new", "matches_followed_up_in_time", "cases_active"]
# The open statuses of a case, from early to late (cases.lifecycle), light to dark.
STATUS_COLOURS = ["#90caf9", "#42a5f5", "#1f4e79", "#2e7d32", "#9e9e9e"]


def _short_month(month: Period) -> str:
    return f"{MONTH_NAMES_NL[month.start.month - 1][:3]} {month.start.year}"


def _activity(period: Period) -> dict[str, Any]:
    """Signals per month by domain, flags and matches per month, and the open cases at each month's
    end by status, for the 12 months up to the end of the period shown: from the month facts of the
    platform-wide indicators (2.1.2 and 1.1.1)."""
    from cases.lifecycle import OPEN_STATUSES
    from youths.models import Domain

    months, facts = selectors.monthly_facts(
        keys=ACTIVITY_KEYS, last=Period.containing(MONTH, period.end), months=12
    )
    empty = [None] * len(months)
    signals, flags, matches, in_time, cases = (facts.get(key, empty) for key in ACTIVITY_KEYS)

    def count(fact: Measurement | None) -> int | None:
        return None if fact is None else int(fact.numerator)

    def by_domain(fact: Measurement | None, code: str) -> int | None:
        return None if fact is None else int(fact.breakdowns.get("domain", {}).get(code, 0))

    domains = list(Domain.choices)
    signal_rows = [
        {
            "month": month,
            "values": [by_domain(fact, code) for code, _label in domains],
            "total": count(fact),
        }
        for month, fact in zip(months, signals, strict=True)
    ]
    activity_rows = [
        {
            "month": month,
            "flags": count(flag),
            "matches": count(match),
            "in_time": follow_up,
            "in_time_value": (
                display_value("percentage", follow_up.numerator, follow_up.denominator) if follow_up else None
            ),
        }
        for month, flag, match, follow_up in zip(months, flags, matches, in_time, strict=True)
    ]
    statuses = [(str(status.value), str(status.label)) for status in OPEN_STATUSES]
    case_rows = [
        {
            "month": month,
            "values": [
                None if fact is None else int(fact.breakdowns.get("status", {}).get(code, 0))
                for code, _label in statuses
            ],
            "total": count(fact),
        }
        for month, fact in zip(months, cases, strict=True)
    ]
    labels = [_short_month(m) for m in months]
    has_data = any(f is not None for f in (*signals, *flags, *matches))
    return {
        "cases_has_data": any(f is not None for f in cases),
        "statuses": [label for _code, label in statuses],
        "case_rows": case_rows,
        "cases_chart": {
            "labels": labels,
            "stacked": True,
            "series": [
                {"label": label, "colour": colour, "values": [row["values"][index] for row in case_rows]}
                for index, ((_code, label), colour) in enumerate(zip(statuses, STATUS_COLOURS, strict=True))
            ],
        },
        "activity_months": months,
        "activity_has_data": has_data,
        "domains": [label for _code, label in domains],
        "signal_rows": signal_rows,
        "activity_rows": activity_rows,
        "signals_chart": {
            "labels": labels,
            "stacked": True,
            "series": [
                {
                    "label": str(label),
                    "colour": DOMAIN_COLOURS[code],
                    "values": [row["values"][index] for row in signal_rows],
                }
                for index, (code, label) in enumerate(domains)
            ],
        },
        "activity_chart": {
            "labels": labels,
            "stacked": False,
            "series": [
                {
                    "label": _("Signaleringen"),
                    "colour": "#c62828",
                    "values": [r["flags"] for r in activity_rows],
                },
                {"label": _("Matches"), "colour": "#1f4e79", "values": [r["matches"] for r in activity_rows]},
            ],
        },
    }


def _context_chart() -> list[dict[str, Any]]:
    return [
        {
            "name": s["name"],
            "years": s["years"],
            "municipality": [float(p["value"]) if p else None for p in s["municipality"]],
            "national": [float(p["value"]) if p else None for p in s["national"]],
            "provisional": [
                bool((m and m["provisional"]) or (n and n["provisional"]))
                for m, n in zip(s["municipality"], s["national"], strict=True)
            ],
        }
        for s in selectors.context_series()
    ]


# --- Indicators ----------------------------------------------------------------------------------


@login_required
@permission_required("monitoring.view_indicator", raise_exception=True)
def indicator_list(request: HttpRequest) -> HttpResponse:
    period = _period_from(request)
    page = Paginator(selectors.indicator_list(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    values = selectors.indicator_values(period=period, indicators=page.object_list)
    return render(
        request,
        "monitoring/indicators.html",
        {
            "period": period,
            "previous": period.previous(),
            "next": period.next(),
            "page": page,
            "values": values,
        },
    )


@login_required
@permission_required("monitoring.view_indicator", raise_exception=True)
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = selectors.indicator_get(code=code)
    if indicator is None:
        raise Http404
    entry_form = MeasurementEntryForm(prefix="entry")
    target_form = TargetForm(prefix="target")
    correction_form = CorrectionForm(prefix="correction")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "enter":
                _require(request, "monitoring.add_measurement")
                entry_form = MeasurementEntryForm(request.POST, prefix="entry")
                if entry_form.is_valid():
                    services.measurement_enter(
                        actor=request.user, indicator=indicator, **entry_form.cleaned_data
                    )
                    messages.success(request, _("De waarde is vastgelegd."))
                    return redirect("monitoring:indicator", code=code)
            elif action == "target":
                _require(request, "monitoring.add_target")
                target_form = TargetForm(request.POST, prefix="target")
                if target_form.is_valid():
                    services.target_set(actor=request.user, indicator=indicator, **target_form.cleaned_data)
                    messages.success(request, _("Het doel is vastgelegd."))
                    return redirect("monitoring:indicator", code=code)
            elif action == "correct":
                _require(request, "monitoring.add_measurementcorrection")
                correction_form = CorrectionForm(request.POST, prefix="correction")
                if correction_form.is_valid():
                    data = correction_form.cleaned_data
                    measurement = Measurement.objects.filter(
                        pk=data["measurement"], indicator=indicator
                    ).first()
                    if measurement is None:
                        raise Http404
                    services.measurement_correct(
                        actor=request.user,
                        measurement=measurement,
                        numerator=data["numerator"],
                        denominator=data["denominator"],
                        reason=data["reason"],
                    )
                    messages.success(request, _("De correctie is vastgelegd."))
                    return redirect("monitoring:indicator", code=code)
            else:
                raise Http404
        except DomainError as error:
            form = {"enter": entry_form, "target": target_form, "correct": correction_form}[action]
            form.add_domain_error(error)
    kind = (
        request.GET.get("per", QUARTER) if request.GET.get("per") in ("month", "quarter", "year") else QUARTER
    )
    history = selectors.indicator_history(indicator=indicator, kind=kind)
    targets = {t.period_id: t for t in indicator.targets.select_related("period")}
    rows = [
        {
            "measurement": m,
            "value": display_value(indicator.unit, m.numerator, m.denominator, indicator.rate_base),
            "target": targets.get(m.period_id),
        }
        for m in history
    ]
    for row in rows:
        target = row["target"]
        row["status"] = status(indicator.direction, row["value"], target.value if target else None)
    # The breakdowns of the period asked for (?uitsplitsing=2025-Q1), else of the latest that has them.
    with_breakdowns = [r["measurement"] for r in rows if r["measurement"].breakdowns]
    chosen = request.GET.get("uitsplitsing", "")
    breakdown = next((m for m in with_breakdowns if m.period.code == chosen), None) or (
        with_breakdowns[-1] if with_breakdowns else None
    )
    return render(
        request,
        "monitoring/indicator.html",
        {
            "indicator": indicator,
            "rows": rows,
            "kind": kind,
            "targets": sorted(targets.values(), key=lambda t: (t.period.start, t.period.kind)),
            "entry_form": entry_form,
            "target_form": target_form,
            "correction_form": correction_form,
            "breakdown": breakdown,
            "breakdown_tables": selectors.breakdown_tables(breakdown.breakdowns) if breakdown else [],
            "chart": [
                {
                    "period": r["measurement"].period.code,
                    "value": float(r["value"]) if r["value"] is not None else None,
                    "target": float(r["target"].value) if r["target"] else None,
                }
                for r in rows
            ],
        },
    )


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


# --- Periods -------------------------------------------------------------------------------------


@login_required
@permission_required("monitoring.view_reportingperiod", raise_exception=True)
def period_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.period_list(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "monitoring/periods.html", {"page": page})


@login_required
@permission_required("monitoring.view_reportingperiod", raise_exception=True)
def period_detail(request: HttpRequest, code: str) -> HttpResponse:
    period = _period_or_404(code)
    reporting_period = (
        services.period_get_or_create(period=period)
        if request.method == "POST"
        else (selectors.reporting_period_find(period=period))
    )
    form = ReasonForm()
    if request.method == "POST":
        _require(request, "monitoring.change_reportingperiod")
        form = ReasonForm(request.POST)
        action = request.POST.get("action")
        actions = {
            "submit": lambda reason: services.period_submit(actor=request.user, period=reporting_period),
            "return": lambda reason: services.period_return(
                actor=request.user, period=reporting_period, reason=reason
            ),
            "approve": lambda reason: services.period_approve(actor=request.user, period=reporting_period),
            "reopen": lambda reason: services.period_reopen(
                actor=request.user, period=reporting_period, reason=reason
            ),
        }
        if action not in actions:
            raise Http404
        if form.is_valid():
            try:
                actions[action](form.cleaned_data["reason"])
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("De status van de periode is gewijzigd."))
                return redirect("monitoring:period", code=period.code)
    values = selectors.indicator_values(period=period)
    return render(
        request,
        "monitoring/period.html",
        {
            "period": period,
            "reporting_period": reporting_period,
            "status": reporting_period.status if reporting_period else ReportingPeriod.Status.OPEN,
            "values": values,
            "transitions": list(reporting_period.transitions.select_related("actor"))
            if reporting_period
            else [],
            "form": form,
        },
    )


# --- PDCA ----------------------------------------------------------------------------------------


@login_required
@permission_required("monitoring.view_pdcacycle", raise_exception=True)
def pdca_list(request: HttpRequest) -> HttpResponse:
    form = PdcaNewForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect(
            "monitoring:pdca_cycle",
            track=form.cleaned_data["track"].code,
            code=form.cleaned_data["period"].code,
        )
    page = Paginator(selectors.pdca_list(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "monitoring/pdca_list.html", {"page": page, "form": form})


@login_required
@permission_required("monitoring.view_pdcacycle", raise_exception=True)
def pdca_cycle(request: HttpRequest, track: str, code: str) -> HttpResponse:
    period = _period_or_404(code)
    track_obj = Track.objects.filter(code=track).first()
    if track_obj is None:
        raise Http404
    cycle = selectors.pdca_get(track_code=track, period=period)
    initial = {"owner": request.user.pk, "status": "plan"}
    if cycle is not None:
        initial = {
            "owner": cycle.owner_id,
            "status": cycle.status,
            "plan": cycle.plan,
            "do": cycle.do,
            "check_notes": cycle.check_notes,
            "act_adjustment": cycle.act_adjustment,
            "act_reason": cycle.act_reason,
        }
    form = PdcaForm(initial=initial)
    if request.method == "POST":
        _require(request, "monitoring.change_pdcacycle")
        form = PdcaForm(request.POST)
        if form.is_valid():
            try:
                services.pdca_save(actor=request.user, track=track_obj, period=period, **form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("De PDCA-cyclus is opgeslagen."))
                return redirect("monitoring:pdca_cycle", track=track, code=period.code)
    values = selectors.indicator_values(
        period=period, indicators=selectors.indicator_list().filter(intervention__track=track_obj)
    )
    return render(
        request,
        "monitoring/pdca.html",
        {
            "track": track_obj,
            "period": period,
            "cycle": cycle,
            "form": form,
            "targets": [v for v in values if v.target],
            "delivered": [v for v in values if v.indicator.kind == "output" and v.measurement],
            "check": [v for v in values if v.target],
        },
    )


# --- Risks ---------------------------------------------------------------------------------------


@login_required
@permission_required("monitoring.view_riskreview", raise_exception=True)
def risks(request: HttpRequest) -> HttpResponse:
    form = RiskReviewForm(initial={"date": timezone.localdate()})
    if request.method == "POST":
        _require(request, "monitoring.add_riskreview")
        form = RiskReviewForm(request.POST)
        if form.is_valid():
            risk = Risk.objects.filter(pk=form.cleaned_data["risk"]).first()
            if risk is None:
                raise Http404
            try:
                services.risk_review_add(
                    actor=request.user,
                    risk=risk,
                    date=form.cleaned_data["date"],
                    level=form.cleaned_data["level"],
                    measures=form.cleaned_data["measures"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("De beoordeling is vastgelegd."))
                return redirect("monitoring:risks")
    return render(request, "monitoring/risks.html", {"risks": selectors.risks_with_state(), "form": form})


# --- Budget --------------------------------------------------------------------------------------


@login_required
@permission_required("monitoring.view_budgetallocation", raise_exception=True)
def budget(request: HttpRequest) -> HttpResponse:
    years = list(selectors.budget_year_list())
    if not years:
        return render(request, "monitoring/budget.html", {"years": []})
    number = request.GET.get("jaar")
    year = next((y for y in years if str(y.number) == number), None) or selectors.budget_year_for(
        timezone.localdate()
    )
    allocation_form = AllocationForm(prefix="allocation")
    commitment_form = MoneyForm(prefix="commitment", budget_year=year)
    spending_form = MoneyForm(prefix="spending", budget_year=year)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "allocate":
                _require(request, "monitoring.add_budgetallocation")
                allocation_form = AllocationForm(request.POST, prefix="allocation")
                if allocation_form.is_valid():
                    track, intervention = allocation_form.track_and_intervention()
                    services.allocation_set(
                        actor=request.user,
                        budget_year=year,
                        track=track,
                        intervention=intervention,
                        amount=allocation_form.cleaned_data["amount"],
                        note=allocation_form.cleaned_data["note"],
                    )
                    messages.success(request, _("De toewijzing is vastgelegd."))
                    return redirect(f"{request.path}?jaar={year.number}")
            elif action in ("commit", "spend"):
                _require(
                    request,
                    "monitoring.add_budgetcommitment"
                    if action == "commit"
                    else "monitoring.add_budgetspending",
                )
                prefix = "commitment" if action == "commit" else "spending"
                money_form = MoneyForm(request.POST, prefix=prefix, budget_year=year)
                if action == "commit":
                    commitment_form = money_form
                else:
                    spending_form = money_form
                if money_form.is_valid():
                    service = services.commitment_add if action == "commit" else services.spending_add
                    service(actor=request.user, **money_form.cleaned_data)
                    messages.success(request, _("Het bedrag is vastgelegd."))
                    return redirect(f"{request.path}?jaar={year.number}")
            else:
                raise Http404
        except DomainError as error:
            {"allocate": allocation_form, "commit": commitment_form, "spend": spending_form}[
                action
            ].add_domain_error(error)
    overview = selectors.budget_overview(year=year, until=min(timezone.localdate(), year.end))
    return render(
        request,
        "monitoring/budget.html",
        {
            "years": years,
            "year": year,
            "overview": overview,
            "allocation_form": allocation_form,
            "commitment_form": commitment_form,
            "spending_form": spending_form,
            "chart": [
                {
                    "label": (r.allocation.intervention or r.allocation.track).code
                    if r.allocation.intervention
                    else f"{_('Spoor')} {r.allocation.track.code}",
                    "allocated": float(r.allocated),
                    "committed": float(r.committed),
                    "spent": float(r.spent),
                }
                for r in overview.rows
            ],
        },
    )


# --- Context indicators --------------------------------------------------------------------------


@login_required
@permission_required(["monitoring.view_indicator", "monitoring.view_contextindicator"], raise_exception=True)
def context(request: HttpRequest) -> HttpResponse:
    form = ContextImportForm()
    if request.method == "POST":
        _require(request, "monitoring.change_contextindicatorvalue")
        form = ContextImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                content = data["file"].read().decode("utf-8-sig")
            except UnicodeDecodeError:
                content = None
                form.add_error("file", _("Het bestand is geen UTF-8-tekst (CSV)."))
            if content is not None:
                try:
                    rows = parse_statline_csv(
                        content, table=data["table"], column=data["column"], row_filter=data["filter"]
                    )
                    counts = services.context_values_import(
                        actor=request.user,
                        indicator=data["indicator"],
                        rows=rows,
                        source=f"CBS StatLine {data['table']} ({data['file'].name})",
                    )
                except DomainError as error:
                    form.add_domain_error(error)
                else:
                    messages.success(
                        request,
                        _("Ingelezen: %(created)s nieuw, %(revised)s herzien, %(unchanged)s ongewijzigd.")
                        % counts,
                    )
                    return redirect("monitoring:context")
    from .models import ContextIndicatorRevision

    return render(
        request,
        "monitoring/context.html",
        {
            "series": selectors.context_series(),
            "chart": _context_chart(),
            "form": form,
            "revisions": ContextIndicatorRevision.objects.select_related("value__indicator").order_by(
                "-revised_at"
            )[:20],
        },
    )


# --- Reports -------------------------------------------------------------------------------------


@login_required
@permission_required("monitoring.view_report", raise_exception=True)
def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportRequestForm(initial={"period": Period.containing(QUARTER, timezone.localdate()).previous()})
    if request.method == "POST":
        _require(request, "monitoring.add_report")
        form = ReportRequestForm(request.POST)
        if form.is_valid():
            period = form.cleaned_data["period"]
            try:
                if period.kind == "year":
                    raise DomainError(_("Rapportages gaan over een maand of een kwartaal."), field="period")
                # Only enqueued here: the report is made by a Celery worker, never in this request.
                report = services.report_request(actor=request.user, period=period)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request, _("De rapportage wordt gemaakt. U krijgt bericht als zij klaar is.")
                )
                return redirect("monitoring:report", pk=report.pk)
    page = Paginator(selectors.report_list(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "monitoring/reports.html", {"page": page, "form": form})


@login_required
@permission_required("monitoring.view_report", raise_exception=True)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(pk=pk)
    if report is None:
        raise Http404
    data = report.data or {}
    chart = [
        {
            "label": f"{intervention['code']} {row['name']}",
            "progress": _progress(row),
            "status": row["status"],
        }
        for track in data.get("tracks", [])
        for intervention in track["interventions"]
        for row in (*intervention["output"], *intervention["outcome"])
        if _progress(row) is not None
    ]
    return render(
        request,
        "monitoring/report.html",
        {"report": report, "data": data, "chart": chart, "context_chart": data.get("context", [])},
    )


def _progress(row: dict[str, Any]) -> float | None:
    if row["value"] is None or not row["target"] or not Decimal(row["target"]["value"]):
        return None
    return round(float(Decimal(row["value"]) * 100 / Decimal(row["target"]["value"])))


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


@login_required
@permission_required("monitoring.view_report", raise_exception=True)
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report, content = _report_file(pk, "xlsx")
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="monitoring-{report.period.code}-v{report.version}.xlsx"'
    )
    return response


@login_required
@permission_required("monitoring.view_report", raise_exception=True)
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report, content = _report_file(pk, "pdf")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="monitoring-{report.period.code}-v{report.version}.pdf"'
    )
    return response
