"""Admin for monitoring: indicator definitions are edited here; figures are read-only.

Measurements, corrections, periods, budget and reports change only through the monitoring pages and
their services (which enforce locking, the budget cap and the audit trail), never in the admin.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from . import computations
from .models import (
    BudgetAllocation,
    BudgetAllocationChange,
    BudgetCommitment,
    BudgetSpending,
    ContextIndicatorRevision,
    Indicator,
    Measurement,
    MeasurementCorrection,
    PdcaCycle,
    PeriodTransition,
    Report,
    ReportingPeriod,
    RiskReview,
    Target,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class IndicatorForm(forms.ModelForm):
    computation = forms.ChoiceField(required=False)

    class Meta:
        model = Indicator
        fields = [
            "intervention",
            "code",
            "metric",
            "kind",
            "name",
            "unit",
            "rate_base",
            "direction",
            "aggregation",
            "definition",
            "counts_persons",
            "computation",
            "entry_period_kind",
            "reporting_organisation",
            "baseline_value",
            "baseline_date",
            "baseline_source",
            "measurable_result",
            "order",
            "is_active",
            "agreement_status",
            "agreed_by",
            "agreed_on",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["computation"]).choices = [
            ("", _("— handmatige invoer —")),
            *computations.choices(),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("computation") and data.get("unit"):
            try:
                computations.check_fits(
                    code=data.get("code", ""),
                    computation=data["computation"],
                    unit=data["unit"],
                    counts_persons=bool(data.get("counts_persons")),
                )
            except ValueError:
                raise forms.ValidationError(
                    _(
                        "Deze berekening past niet bij de indicator: kies dezelfde eenheid, en vink "
                        "'telt personen' aan als de berekening personen telt."
                    )
                ) from None
        return data


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    form = IndicatorForm
    list_display = [
        "code",
        "name",
        "intervention",
        "kind",
        "unit",
        "aggregation",
        "computation",
        "is_active",
        "agreement_status",
        "agreed_by",
        "agreed_on",
    ]
    list_filter = ["kind", "unit", "intervention", "is_active", "agreement_status"]
    list_select_related = ["intervention"]
    search_fields = ["code", "name", "metric"]


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdmin):
    list_display = [
        "indicator",
        "period",
        "numerator",
        "denominator",
        "origin",
        "computed_at",
        "submitted_at",
        "approved_at",
    ]
    list_filter = ["origin", "period__kind"]
    list_select_related = ["indicator", "period"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "start", "end", "status"]
    list_filter = ["kind", "status"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "trigger", "requested_at", "generated_at"]
    list_filter = ["status"]
    list_select_related = ["period"]
    exclude = ["data", "xlsx", "pdf"]


for model in (
    Target,
    MeasurementCorrection,
    PeriodTransition,
    PdcaCycle,
    RiskReview,
    BudgetAllocation,
    BudgetAllocationChange,
    BudgetCommitment,
    BudgetSpending,
    ContextIndicatorRevision,
):
    admin.site.register(model, ReadOnlyAdmin)
