"""The ministry's API (NL API Design Rules where they apply): aggregated figures per intervention and
the report snapshots, for tokens with monitoring.view_aggregates (the ministerie role) only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import RolePermission, acting_user
from core.errors import DomainError
from tracks.models import Intervention
from tracks.selectors import intervention_list

from .models import Report
from .periods import PERIOD_HINT_ANY, PERIOD_INVALID, Period
from .reports import indicator_row, indicator_rows, ministry_figure
from .selectors import IndicatorValue, indicator_get, indicator_list, indicator_values, report_list
from .serializers import (
    InterventionFiguresSerializer,
    MeasurementEntrySerializer,
    MeasurementSerializer,
    PeriodQuerySerializer,
    ReportDetailSerializer,
    ReportSerializer,
)
from .services.measurements import measurement_enter
from .services.periods import period_is_provisional, period_require_begun
from .snapshot import Snapshot, TidyRow

MinistryPermission = RolePermission.of("monitoring.view_aggregates")


def _stored_text(value: object) -> str | None:
    """The live figures show numbers as stored ("12.00"), as this API always has; a report's
    snapshot writes them normalised ("12")."""
    return None if value is None else str(value)


def _period(code: str) -> Period:
    try:
        return Period.parse(code)
    except ValueError:
        raise DomainError(str(PERIOD_INVALID), field="period") from None


class InterventionFiguresView(generics.GenericAPIView):
    """Per intervention its indicators for one period: value (numerator and denominator where they
    apply), target, unit and approval state. A figure of persons that could single someone out, or
    give such a figure back by subtraction, reads "x" (docs/monitoring.md, "Suppression")."""

    permission_classes = [MinistryPermission]
    serializer_class = InterventionFiguresSerializer

    def get_queryset(self) -> QuerySet[Intervention]:
        return intervention_list()

    @extend_schema(
        parameters=[OpenApiParameter("period", str, required=True, description=str(PERIOD_HINT_ANY))]
    )
    def get(self, request: Request) -> Response:
        query = PeriodQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = _period(query.validated_data["period"])
        period_require_begun(period=period)  # 400 problem+json: only periods that have happened
        provisional = period_is_provisional(period=period)
        page = self.paginate_queryset(self.get_queryset()) or []
        codes = [intervention.pk for intervention in page]
        values = indicator_values(
            period=period, indicators=indicator_list().filter(intervention_id__in=codes), public=True
        )
        data = [
            {
                "code": intervention.code,
                "name": intervention.name,
                "track": intervention.track.code,
                "period": period.code,
                "indicators": [
                    {
                        **ministry_figure(
                            indicator_row(v, text=_stored_text),
                            published=bool(v.published),
                            note=v.indicator.ministry_note,
                        ),
                        "provisional": provisional,
                        "computed_at": v.measurement.computed_at if v.measurement else None,
                    }
                    for v in values
                    if v.indicator.intervention_id == intervention.pk
                ],
            }
            for intervention in page
        ]
        return self.get_paginated_response(self.get_serializer(data, many=True).data)


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Monthly and quarterly report snapshots; a report's detail has its suppressed figures."""

    permission_classes = [MinistryPermission]

    def get_queryset(self) -> QuerySet[Report]:
        queryset = report_list().filter(status=Report.Status.READY)
        if self.action == "retrieve":
            queryset = queryset.defer(None).defer("xlsx", "pdf")
        return queryset

    def get_serializer_class(self) -> type[ReportSerializer]:
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        report = self.get_object()
        report.public_interventions = _public_interventions(report.data, computed_at=report.generated_at)
        return Response(self.get_serializer(report).data)


def _public_interventions(data: Snapshot, *, computed_at: Any = None) -> list[dict[str, Any]]:
    """The snapshot's figures as the ministry may see them: hidden as decided now, for the live tree
    (selectors.ministry_visibility), so that a snapshot made before a figure had to be hidden, or under
    an older rule, tells no more than the live API."""
    live = {
        v.indicator.code: v
        for v in indicator_values(
            period=Period.parse(data["period"]["code"]), indicators=indicator_list(), public=True
        )
    }
    result: dict[str, dict[str, Any]] = {}
    for row in indicator_rows(data):
        entry = result.setdefault(
            row["intervention"],
            {
                "code": row["intervention"],
                "name": row["intervention_name"],
                "track": row["track"],
                "period": data["period"]["code"],
                "indicators": [],
            },
        )
        figures: list[dict[str, Any]] = entry["indicators"]
        current = live.get(row["code"])
        figures.append(
            {
                **ministry_figure(
                    row,
                    published=_still_published(row, current),
                    note=current.indicator.ministry_note if current else "",
                ),
                # A snapshot is provisional when it was made while its period was running.
                "provisional": bool(data["period"].get("provisional", False)),
                "computed_at": computed_at,
            }
        )
    return list(result.values())


def _still_published(row: TidyRow, live: IndicatorValue | None) -> bool:
    """A snapshot's figure is shown when the live figure of the same cell is, and is the same number: a
    report made before a correction must not give the difference (a few persons) next to the live API."""
    if live is None or not live.published:
        return False
    return _same(row["numerator"], live.numerator) and _same(row["denominator"], live.denominator)


def _same(text: str | None, value: Decimal | None) -> bool:
    return (text is None and value is None) or (
        text is not None and value is not None and Decimal(text) == value
    )


class MeasurementEntryView(generics.GenericAPIView):
    """Record a hand-entered value for an open period (projectleider). A submitted or approved period
    is refused: its figures change only through a correction with a reason (in the browser)."""

    permission_classes = [RolePermission.of("monitoring.add_measurement")]
    serializer_class = MeasurementEntrySerializer

    @extend_schema(request=MeasurementEntrySerializer, responses={201: MeasurementSerializer})
    def post(self, request: Request) -> Response:
        entry = MeasurementEntrySerializer(data=request.data)
        entry.is_valid(raise_exception=True)
        data = entry.validated_data
        indicator = indicator_get(code=data["indicator"])
        if indicator is None:
            raise DomainError(_("Onbekende indicator."), field="indicator")
        period = _period(data["period"])
        measurement = measurement_enter(
            actor=acting_user(request),
            indicator=indicator,
            period=period,
            numerator=data["numerator"],
            denominator=data.get("denominator"),
            source=data["source"],
            note=data.get("note", ""),
        )
        return Response(MeasurementSerializer(measurement).data, status=201)
