"""Serializers of the ministry's API: aggregated figures only, never a person, a date of birth or a note.

Figures are strings: a decimal number ("12", "45.5") or "x" where a figure of persons is hidden
(docs/monitoring.md, "Suppression").
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import TextField

from .models import CODE_LENGTH, SHORT_TEXT_LENGTH, Report
from .periods import PERIOD_HINT_ANY, PERIOD_INVALID


class PeriodQuerySerializer(serializers.Serializer):
    period = serializers.RegexField(
        r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$",
        help_text=PERIOD_HINT_ANY,
        error_messages={"invalid": PERIOD_INVALID},
    )


class TargetSerializer(serializers.Serializer):
    value = serializers.CharField()
    deadline = serializers.DateField()


class IndicatorFigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["output", "outcome"])
    unit = serializers.ChoiceField(choices=["count", "percentage", "rate", "euro"])
    rate_base = serializers.IntegerField(
        allow_null=True, help_text=_("Bij eenheid rate: per zoveel inwoners.")
    )
    direction = serializers.ChoiceField(choices=["increase", "decrease"])
    value = serializers.CharField(allow_null=True, help_text=_('Getal als tekst, of "x" (onderdrukt).'))
    numerator = serializers.CharField(allow_null=True)
    denominator = serializers.CharField(allow_null=True, help_text=_("Alleen bij percentage en rate."))
    suppressed = serializers.BooleanField(
        help_text=_(
            "Waar als het cijfer is onderdrukt: het zou (met andere cijfers) minder dan 5 personen tonen."
        )
    )
    target = TargetSerializer(allow_null=True)
    status = serializers.ChoiceField(choices=["on_track", "at_risk", "off_track"], allow_null=True)
    approval_state = serializers.ChoiceField(choices=["open", "submitted", "approved"])
    explanation = serializers.CharField(
        help_text=_("Toelichting bij het cijfer, zoals de route voor kleine aantallen (cumulatief).")
    )
    provisional = serializers.BooleanField(
        help_text=_("Waar zolang de periode loopt: het cijfer is voorlopig.")
    )
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text=_("Wanneer het cijfer is berekend of ingevoerd (berekend op).")
    )


class InterventionFiguresSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    track = serializers.CharField()
    period = serializers.CharField()
    indicators = IndicatorFigureSerializer(many=True)


class ReportSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="period.code")
    period_kind = serializers.CharField(source="period.kind")
    period_start = serializers.DateField(source="period.start")
    period_end = serializers.DateField(source="period.end")
    url = serializers.HyperlinkedIdentityField(view_name="api:monitoring-report-detail")

    class Meta:
        model = Report
        fields = [
            "id",
            "url",
            "period",
            "period_kind",
            "period_start",
            "period_end",
            "version",
            "generated_at",
            "figures_hash",
        ]


class ReportDetailSerializer(ReportSerializer):
    interventions = InterventionFiguresSerializer(many=True, source="public_interventions")

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "interventions"]


class MeasurementEntrySerializer(serializers.Serializer):
    """A hand-entered value (projectleider). Locked periods are refused with a problem+json 400."""

    indicator = TextField(max_length=CODE_LENGTH)
    period = TextField()
    numerator = serializers.DecimalField(max_digits=14, decimal_places=2)
    denominator = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    # A field named `source`: the stubs take it for Field.source (a str), which it shadows on purpose.
    source = TextField(max_length=SHORT_TEXT_LENGTH)  # type: ignore[assignment]
    note = TextField(required=False, allow_blank=True, default="")


class MeasurementSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    period = serializers.CharField(source="period.code")
    origin = serializers.CharField()
    numerator = serializers.DecimalField(max_digits=14, decimal_places=2)
    denominator = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    source = serializers.CharField()  # type: ignore[assignment]  # as above
    approval_state = serializers.CharField(source="period.status")
    review_state = serializers.CharField(help_text=_("ingevoerd, ingediend of goedgekeurd (vier ogen)."))
    computed_at = serializers.DateTimeField(allow_null=True)
