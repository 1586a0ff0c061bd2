"""The ministry's API (NL API Design Rules where they apply): aggregated figures per intervention and
the report snapshots, for tokens with monitoring.view_aggregates (the ministerie role) only."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from core.errors import DomainError
from core.permissions import HasPermission
from tracks.selectors import intervention_list

from .periods import Period
from .reports import indicator_rows
from .selectors import IndicatorValue, indicator_list, indicator_values, report_list
from .serializers import (
    InterventionFiguresSerializer,
    MeasurementEntrySerializer,
    MeasurementSerializer,
    PeriodQuerySerializer,
    ReportDetailSerializer,
    ReportSerializer,
)

MinistryPermission = HasPermission.of("monitoring.view_aggregates")


def _figure(v: IndicatorValue) -> dict[str, Any]:
    i = v.indicator
    public = v.public()
    return {
        "code": i.code,
        "name": i.name,
        "kind": i.kind,
        "unit": i.unit,
        "rate_base": i.rate_base,
        "direction": i.direction,
        "value": _text(public["value"]),
        "numerator": _text(public["numerator"]),
        "denominator": _text(public["denominator"]),
        "suppressed": public["suppressed"],
        "target": {"value": _text(v.target.value), "deadline": v.target.deadline} if v.target else None,
        "status": None if public["suppressed"] else v.status,
        "approval_state": v.approval,
    }


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


class InterventionFiguresView(generics.GenericAPIView):
    """Per intervention its indicators for one period: value (numerator and denominator where they
    apply), target, unit and approval state. Counts of persons below 5 are returned as "<5"."""

    permission_classes = [MinistryPermission]
    serializer_class = InterventionFiguresSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return intervention_list()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "period", str, required=True, description="2025-Q1 (kwartaal), 2025-03 (maand) of 2025 (jaar)"
            )
        ]
    )
    def get(self, request: Request) -> Response:
        query = PeriodQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            period = Period.parse(query.validated_data["period"])
        except ValueError:
            raise DomainError("Geef een periode als 2025-Q1, 2025-03 of 2025.", field="period") from None
        page = self.paginate_queryset(self.get_queryset())
        codes = [intervention.pk for intervention in page]
        values = indicator_values(
            period=period, indicators=indicator_list().filter(intervention_id__in=codes)
        )
        data = [
            {
                "code": intervention.code,
                "name": intervention.name,
                "track": intervention.track.code,
                "period": period.code,
                "indicators": [_figure(v) for v in values if v.indicator.intervention_id == intervention.pk],
            }
            for intervention in page
        ]
        return self.get_paginated_response(self.get_serializer(data, many=True).data)


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Monthly and quarterly report snapshots; a report's detail has its suppressed figures."""

    permission_classes = [MinistryPermission]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        from .models import Report

        queryset = report_list().filter(status=Report.Status.READY)
        if self.action == "retrieve":
            queryset = queryset.defer(None).defer("xlsx", "pdf")
        return queryset

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        report = self.get_object()
        report.public_interventions = _public_interventions(report.data)
        return Response(self.get_serializer(report).data)


def _public_interventions(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The snapshot's figures as the ministry may see them (suppression applied when it was made)."""
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
        public = row["public"]
        entry["indicators"].append(
            {
                "code": row["code"],
                "name": row["name"],
                "kind": row["kind"],
                "unit": row["unit"],
                "rate_base": row["rate_base"],
                "direction": row["direction"],
                "value": public["value"],
                "numerator": public["numerator"],
                "denominator": public["denominator"],
                "suppressed": public["suppressed"],
                "target": (
                    {"value": row["target"]["value"], "deadline": row["target"]["deadline"]}
                    if row["target"]
                    else None
                ),
                "status": None if public["suppressed"] else row["status"],
                "approval_state": row["approval"],
            }
        )
    return list(result.values())


class MeasurementEntryView(generics.GenericAPIView):
    """Record a hand-entered value for an open period (projectleider). A submitted or approved period
    is refused: its figures change only through a correction with a reason (in the browser)."""

    permission_classes = [HasPermission.of("monitoring.add_measurement")]
    serializer_class = MeasurementEntrySerializer

    @extend_schema(request=MeasurementEntrySerializer, responses={201: MeasurementSerializer})
    def post(self, request: Request) -> Response:
        from . import services
        from .selectors import indicator_get

        entry = MeasurementEntrySerializer(data=request.data)
        entry.is_valid(raise_exception=True)
        data = entry.validated_data
        indicator = indicator_get(code=data["indicator"])
        if indicator is None:
            raise DomainError("Onbekende indicator.", field="indicator")
        try:
            period = Period.parse(data["period"])
        except ValueError:
            raise DomainError("Geef een periode als 2025-Q1, 2025-03 of 2025.", field="period") from None
        measurement = services.measurement_enter(
            actor=request.user,
            indicator=indicator,
            period=period,
            numerator=data["numerator"],
            denominator=data.get("denominator"),
            source=data["source"],
            note=data.get("note", ""),
        )
        return Response(MeasurementSerializer(measurement).data, status=201)
