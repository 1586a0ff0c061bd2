"""Input shape of the monitoring pages. Domain rules live in monitoring.services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import DateInput, RadioSelect, StyledForm
from tracks.models import Intervention, Track

from .models import (
    SHORT_TEXT_LENGTH,
    BudgetAllocation,
    BudgetAllocationChange,
    ContextIndicator,
    PdcaCycle,
    RiskReview,
)
from .periods import (
    PERIOD_HINT_ENTRY,
    PERIOD_HINT_MONTH_OR_QUARTER,
    PERIOD_HINT_QUARTER,
    PERIOD_HINT_TARGET,
    PERIOD_INVALID,
    YEAR,
    Period,
)


class PeriodField(forms.CharField):
    default_error_messages = {"invalid": PERIOD_INVALID}

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return Period.parse(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        return value.code if isinstance(value, Period) else value


class MeasurementEntryForm(StyledForm):
    period = PeriodField(label=_("Periode"), help_text=PERIOD_HINT_ENTRY)
    numerator = forms.DecimalField(label=_("Waarde (teller)"), max_digits=14, decimal_places=2)
    denominator = forms.DecimalField(
        label=_("Noemer"),
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=_("Alleen bij een percentage: het aantal waarover het percentage gaat."),
    )
    source = forms.CharField(
        label=_("Bron"), max_length=SHORT_TEXT_LENGTH, help_text=_("Bijvoorbeeld: registratie Halt.")
    )
    note = forms.CharField(label=_("Toelichting"), widget=forms.Textarea, required=False)


class CorrectionForm(StyledForm):
    measurement = forms.IntegerField(widget=forms.HiddenInput)
    numerator = forms.DecimalField(label=_("Juiste waarde (teller)"), max_digits=14, decimal_places=2)
    denominator = forms.DecimalField(
        label=_("Juiste noemer"), max_digits=14, decimal_places=2, required=False
    )
    reason = forms.CharField(label=_("Reden van de correctie"), widget=forms.Textarea)


class TargetForm(StyledForm):
    period = PeriodField(label=_("Periode"), help_text=PERIOD_HINT_TARGET)
    value = forms.DecimalField(label=_("Streefwaarde"), max_digits=14, decimal_places=2)
    deadline = forms.DateField(label=_("Uiterlijk"), widget=DateInput)
    specific = forms.CharField(label=_("Doel, specifiek en meetbaar geformuleerd"), widget=forms.Textarea)
    rationale = forms.CharField(label=_("Onderbouwing"), widget=forms.Textarea, required=False)


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea, required=False)


class PdcaForm(StyledForm):
    owner = forms.ModelChoiceField(label=_("Eigenaar"), queryset=User.objects.none())
    status = forms.ChoiceField(label=_("Fase"), choices=PdcaCycle.Status.choices)
    plan = forms.CharField(label=_("Plan: SMART-doelen en aanpak"), widget=forms.Textarea, required=False)
    do = forms.CharField(label=_("Do: toelichting op de uitvoering"), widget=forms.Textarea, required=False)
    check_notes = forms.CharField(
        label=_("Check: duiding van de resultaten"), widget=forms.Textarea, required=False
    )
    act_adjustment = forms.CharField(
        label=_("Act: besloten bijsturing"), widget=forms.Textarea, required=False
    )
    act_reason = forms.CharField(
        label=_("Act: reden van de bijsturing"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = User.objects.filter(
            is_active=True, role__in=["projectleider", "procesregisseur"]
        ).order_by("first_name")


class PdcaNewForm(StyledForm):
    track = forms.ModelChoiceField(label=_("Spoor"), queryset=Track.objects.order_by("order"))
    period = PeriodField(label=_("Periode"), help_text=PERIOD_HINT_QUARTER)


class RiskReviewForm(StyledForm):
    risk = forms.IntegerField(widget=forms.HiddenInput)
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    level = forms.ChoiceField(label=_("Niveau"), choices=RiskReview.Level.choices)
    measures = forms.CharField(label=_("Maatregelen en stand van zaken"), widget=forms.Textarea)


class AllocationForm(StyledForm):
    target = forms.ChoiceField(label=_("Spoor of interventie"))
    # No initial choice: whoever changes an allocation says whether the amount replaces the old one or
    # is added to it, so that "10.000" never silently sets what was meant as an extra 10.000.
    mode = forms.ChoiceField(
        label=_("Soort wijziging"), choices=BudgetAllocationChange.Mode.choices, widget=RadioSelect
    )
    amount = forms.DecimalField(
        label=_("Bedrag (euro)"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Bij 'bedrag erbij of eraf' haalt een negatief bedrag geld van de toewijzing af."),
    )
    reason = forms.CharField(label=_("Reden van de wijziging"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        for track in Track.objects.prefetch_related("interventions").order_by("order"):
            choices.append((f"t{track.pk}", str(track)))
            choices += [(f"i{i.pk}", f"— {i.code} {i.name}") for i in track.interventions.all()]
        cast(forms.ChoiceField, self.fields["target"]).choices = choices

    def track_and_intervention(self) -> tuple[Track, Intervention | None]:
        key = self.cleaned_data["target"]
        if key.startswith("i"):
            intervention = Intervention.objects.select_related("track").get(pk=int(key[1:]))
            return intervention.track, intervention
        return Track.objects.get(pk=int(key[1:])), None


class MoneyForm(StyledForm):
    allocation = forms.ModelChoiceField(label=_("Budgettoewijzing"), queryset=BudgetAllocation.objects.none())
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    amount = forms.DecimalField(label=_("Bedrag (euro)"), max_digits=12, decimal_places=2)
    description = forms.CharField(label=_("Omschrijving"), max_length=SHORT_TEXT_LENGTH)

    def __init__(self, *args: Any, budget_year: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["allocation"]).queryset = BudgetAllocation.objects.filter(
            budget_year=budget_year
        ).select_related("budget_year", "track", "intervention")


class ContextImportForm(StyledForm):
    indicator = forms.ModelChoiceField(
        label=_("Contextindicator"), queryset=ContextIndicator.objects.order_by("order")
    )
    table = forms.ChoiceField(
        label=_("CBS-tabel"),
        choices=[
            ("85655NED", _("85655NED – verdachten, per 10.000 inwoners")),
            (
                "83648NED",
                _(
                    "83648NED – geregistreerde misdrijven, per 1.000 inwoners "
                    "(wordt omgerekend naar per 10.000)"
                ),
            ),
        ],
    )
    file = forms.FileField(
        label=_("CSV-bestand van CBS StatLine"),
        help_text=_("Met de kolommen RegioS, Perioden en de waarde; Zwolle (GM0193) en Nederland (NL01)."),
    )
    column = forms.CharField(
        label=_("Kolom met de waarde"),
        required=False,
        help_text=_("Leeg laten als het bestand één waardekolom heeft."),
    )
    filter = forms.CharField(
        label=_("Alleen rijen met"),
        required=False,
        help_text=_("Bijvoorbeeld SoortMisdrijf=T001161 als het bestand meer soorten misdrijf bevat."),
    )


class ReportRequestForm(StyledForm):
    period = PeriodField(label=_("Periode"), help_text=PERIOD_HINT_MONTH_OR_QUARTER)

    def clean_period(self) -> Period:
        period: Period = self.cleaned_data["period"]
        if period.kind == YEAR:
            raise forms.ValidationError(_("Rapportages gaan over een maand of een kwartaal."))
        return period


class ActivityForm(StyledForm):
    intervention = forms.ModelChoiceField(
        label=_("Interventie"),
        queryset=Intervention.objects.filter(code__in=["2.1.1", "2.1.4", "3.1.2"]).order_by("order"),
        empty_label="—",
    )
    held_on = forms.DateField(label=_("Datum"), widget=DateInput)
    place = forms.CharField(label=_("Plaats of school"), max_length=200)
    audience = forms.CharField(
        label=_("Publiek"), max_length=200, help_text=_("Bijvoorbeeld ouders, leerlingen of docenten.")
    )
    attendance = forms.IntegerField(label=_("Aantal aanwezigen"), min_value=0, max_value=10_000)


class MeasurementChoiceForm(StyledForm):
    """Submit or approve one entered value (its id in the body)."""

    measurement = forms.IntegerField(widget=forms.HiddenInput)


class PdcaProposalForm(StyledForm):
    cycle = forms.IntegerField(widget=forms.HiddenInput)
    step = forms.ChoiceField(label=_("Voor de stap"), choices=[("check", _("Check")), ("act", _("Act"))])
    text = forms.CharField(label=_("Uw voorstel"), widget=forms.Textarea)


class PdcaDecisionForm(StyledForm):
    proposal = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Besluit"), choices=[("adopted", _("Overnemen")), ("declined", _("Niet overnemen"))]
    )
    note = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Verplicht als u het voorstel niet overneemt."),
    )
