from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AgreedItem

# Lengths of the short texts people type (source, note, description) and of codes; the forms and the
# API serializers use the same limits.
SHORT_TEXT_LENGTH = 300
CODE_LENGTH = 60
# A failed report keeps this much of its error message.
REPORT_ERROR_LENGTH = 4000


class ContextIndicator(models.Model):
    """A context indicator from police data (plan: the four that selected Zwolle), per 10,000 inhabitants."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    unit = models.CharField(_("eenheid"), max_length=50)
    source = models.CharField(_("bron"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("contextindicator")
        verbose_name_plural = _("contextindicatoren")

    def __str__(self) -> str:
        return self.name


class ContextIndicatorValue(models.Model):
    class Area(models.TextChoices):
        MUNICIPALITY = "municipality", _("Gemeente")
        NATIONAL = "national", _("Nederland")

    indicator = models.ForeignKey(ContextIndicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("jaar"))
    area = models.CharField(_("gebied"), max_length=20, choices=Area.choices)
    value = models.DecimalField(_("waarde"), max_digits=12, decimal_places=2)
    provisional = models.BooleanField(_("voorlopig"), default=False)
    source = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        ordering = ["indicator", "year", "area"]
        verbose_name = _("waarde contextindicator")
        verbose_name_plural = _("waarden contextindicatoren")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "area"], name="context_value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.area}: {self.value}"


class ContextIndicatorRevision(models.Model):
    """A changed value on import (CBS revises provisional figures); the old value is kept here."""

    value = models.ForeignKey(ContextIndicatorValue, on_delete=models.CASCADE, related_name="revisions")
    previous_value = models.DecimalField(_("vorige waarde"), max_digits=12, decimal_places=2)
    previous_provisional = models.BooleanField(_("vorige was voorlopig"))
    new_value = models.DecimalField(_("nieuwe waarde"), max_digits=12, decimal_places=2)
    new_provisional = models.BooleanField(_("nieuw voorlopig"))
    source = models.CharField(_("bron"), max_length=200)
    revised_at = models.DateTimeField(_("herzien op"), auto_now_add=True)
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-revised_at"]
        verbose_name = _("herziening contextindicator")
        verbose_name_plural = _("herzieningen contextindicatoren")

    def __str__(self) -> str:
        return f"{self.value}: {self.previous_value} → {self.new_value}"


# --- Indicators, targets, periods and measurements ---------------------------------------------


class Indicator(AgreedItem):
    # AgreedItem: whether the partners (and the ministry's format) agreed this indicator, by whom, when.
    """An output or outcome indicator of one intervention, in the ministry's format.

    A value is either computed by a named computation (monitoring/computations.py) from platform data,
    or entered by hand. Percentages and rates are always stored as numerator and denominator and
    aggregated as a ratio of sums.
    """

    class Kind(models.TextChoices):
        OUTPUT = "output", _("Output")
        OUTCOME = "outcome", _("Outcome")

    class Unit(models.TextChoices):
        COUNT = "count", _("aantal")
        PERCENTAGE = "percentage", _("percentage")
        RATE = "rate", _("per N inwoners")
        EURO = "euro", _("euro")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("hoger is beter")
        DECREASE = "decrease", _("lager is beter")

    class Aggregation(models.TextChoices):
        PER_PERIOD = "per_period", _("per periode (optellen)")
        CUMULATIVE = "cumulative", _("cumulatief (sinds de start)")
        LATEST = "latest", _("laatste waarde")

    intervention = models.ForeignKey(
        "tracks.Intervention",
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("interventie"),
    )
    code = models.CharField(
        _("code"),
        max_length=CODE_LENGTH,
        unique=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z][0-9A-Za-z.\-]*$", _("Alleen letters, cijfers, punten en streepjes.")
            )
        ],
        help_text=_(
            "De code van de interventie, een streepje en een korte naam, bijvoorbeeld 2.1.3-deelnemers."
        ),
    )
    # What is measured, shared by indicators of different interventions (e.g. "participants"), so
    # that a track's total is the ratio of sums over its interventions.
    metric = models.SlugField(_("meetgrootheid"), max_length=CODE_LENGTH)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=12, choices=Unit.choices)
    rate_base = models.PositiveIntegerField(_("per aantal inwoners"), null=True, blank=True)
    direction = models.CharField(_("richting"), max_length=10, choices=Direction.choices)
    aggregation = models.CharField(_("optelling over perioden"), max_length=12, choices=Aggregation.choices)
    definition = models.TextField(_("definitie"))
    counts_persons = models.BooleanField(
        _("telt personen"),
        default=False,
        help_text=_("Aantallen personen onder 5 worden voor het ministerie onderdrukt."),
    )
    computation = models.CharField(
        _("berekening"),
        max_length=CODE_LENGTH,
        blank=True,
        help_text=_("Leeg: de waarde wordt met de hand ingevoerd."),
    )
    entry_period_kind = models.CharField(
        _("invoer per"),
        max_length=10,
        choices=[("month", _("maand")), ("quarter", _("kwartaal")), ("year", _("jaar"))],
        default="quarter",
        help_text=_("Alleen bij handmatige invoer: de periode waarover een waarde wordt ingevoerd."),
    )
    baseline_value = models.DecimalField(
        _("nulmeting"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("datum nulmeting"), null=True, blank=True)
    baseline_source = models.CharField(_("bron nulmeting"), max_length=SHORT_TEXT_LENGTH, blank=True)
    measurable_result = models.ForeignKey(
        "tracks.MeasurableResult",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("meetbaar resultaat uit het plan"),
    )
    # Plan 3.2: a target over the whole programme next to the period targets (Target), and the note
    # that goes with the figure to the ministry (the small-numbers route: cumulative, with a note).
    programme_target = models.DecimalField(
        _("doel over de hele looptijd"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    ministry_note = models.TextField(_("toelichting voor het ministerie"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("actief"), default=True)
    # The partner that delivers this hand-entered figure (issue 12): its members enter and submit it
    # for every period, and its reporting rate counts it. Empty: the projectleider enters it.
    reporting_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_indicators",
        verbose_name=_("aangeleverd door"),
    )

    class Meta:
        ordering = ["intervention__order", "order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        permissions = [
            # The ministry's API: aggregated, non-personal figures only (accounts/roles.py).
            ("view_aggregates", _("Mag geaggregeerde monitoringcijfers via de API lezen")),
            # A partner: the monitoring of the interventions its organisation carries out (object level:
            # tracks.TrackPartner.organisation), and entering the figures it delivers.
            ("view_partner_monitoring", _("Mag de monitoring van de eigen interventies zien")),
            ("enter_partner_measurement", _("Mag de eigen cijfers invoeren en indienen")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(unit="rate") | models.Q(rate_base__gt=0), name="indicator_rate_has_base"
            ),
            # A running total from hand-entered figures would make people add up by hand; cumulative
            # indicators are computed from platform data over [programme start, period end].
            models.CheckConstraint(
                condition=~models.Q(aggregation="cumulative") | ~models.Q(computation=""),
                name="indicator_cumulative_is_computed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_ratio(self) -> bool:
        return self.unit in (self.Unit.PERCENTAGE, self.Unit.RATE)

    @property
    def is_manual(self) -> bool:
        return not self.computation


class ReportingPeriod(models.Model):
    """A month, quarter or year whose figures move open → submitted → approved (locked)."""

    class Kind(models.TextChoices):
        MONTH = "month", _("maand")
        QUARTER = "quarter", _("kwartaal")
        YEAR = "year", _("jaar")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        SUBMITTED = "submitted", _("ingediend")
        APPROVED = "approved", _("goedgekeurd")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start", "kind"]
        verbose_name = _("rapportageperiode")
        verbose_name_plural = _("rapportageperioden")
        permissions = [
            ("approve_reportingperiod", _("Mag een periode goedkeuren (vastzetten)")),
            ("reopen_reportingperiod", _("Mag een goedgekeurde periode heropenen")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["kind", "start"], name="reporting_period_unique"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="reporting_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.as_period().label

    def as_period(self) -> Any:
        from ..periods import Period

        return Period(self.kind, self.start)

    @property
    def code(self) -> str:
        return self.as_period().code

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class PeriodTransition(models.Model):
    """Every status change of a period, with who, when and (for a reopening) why."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=ReportingPeriod.Status.choices)
    to_status = models.CharField(max_length=10, choices=ReportingPeriod.Status.choices)
    reason = models.TextField(_("reden"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("statuswijziging periode")
        verbose_name_plural = _("statuswijzigingen perioden")
        constraints = [
            # Reopening an approved period is an exception that must say why.
            models.CheckConstraint(
                condition=~models.Q(from_status="approved") | ~models.Q(reason=""),
                name="period_reopen_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.from_status} → {self.to_status}"


class Target(models.Model):
    """A SMART target of an indicator for a period: value, deadline, wording and rationale."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="targets")
    value = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=2)
    deadline = models.DateField(_("uiterlijk"))
    specific = models.TextField(_("specifiek en meetbaar geformuleerd"))
    rationale = models.TextField(_("onderbouwing"), blank=True)

    class Meta:
        ordering = ["indicator", "period__start"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="target_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"


class Measurement(models.Model):
    """The fact: an indicator's value for one period, as reports and the API read it.

    Written only by monitoring.services: computed by the scheduled job, entered by hand, or aggregated
    from hand-entered values of the periods inside it. Once its period is approved the row changes
    only through a MeasurementCorrection.
    """

    class Origin(models.TextChoices):
        COMPUTED = "computed", _("berekend uit de platformgegevens")
        ENTERED = "entered", _("handmatig ingevoerd")
        AGGREGATED = "aggregated", _("opgeteld uit ingevoerde perioden")

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="measurements")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="measurements")
    origin = models.CharField(_("herkomst"), max_length=12, choices=Origin.choices)
    numerator = models.DecimalField(_("teller / waarde"), max_digits=14, decimal_places=2)
    denominator = models.DecimalField(_("noemer"), max_digits=14, decimal_places=2, null=True, blank=True)
    # {"district": {"West": 3, ...}, "gender": {...}, "age_band": {...}} – counts only, never persons.
    breakdowns = models.JSONField(_("uitsplitsingen"), default=dict, blank=True)
    source = models.CharField(_("bron"), max_length=SHORT_TEXT_LENGTH, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    # When the value was last computed or confirmed by the refresh ("berekend op"), also when it did not
    # change; for an entered value, when it was entered.
    computed_at = models.DateTimeField(_("berekend op"), null=True, blank=True)
    # The four-eyes rule on entered values (issue 12): entered → submitted → approved by a
    # projectleider who is not the person who entered it (services.measurements.measurement_approve).
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "period__start"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="measurement_unique"),
        ]
        indexes = [
            # Reports and the API read every fact of one period at once.
            models.Index(fields=["period", "indicator"], name="measurement_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.numerator}/{self.denominator}"

    @property
    def review_state(self) -> str:
        """entered (concept), submitted or approved: the four-eyes state of an entered value."""
        if self.approved_at is not None:
            return "approved"
        if self.submitted_at is not None:
            return "submitted"
        return "entered"


class MeasurementCorrection(models.Model):
    """A change to a fact in a locked (approved) period: never silent, always with a reason."""

    measurement = models.ForeignKey(Measurement, on_delete=models.PROTECT, related_name="corrections")
    previous_numerator = models.DecimalField(max_digits=14, decimal_places=2)
    previous_denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    numerator = models.DecimalField(_("teller / waarde"), max_digits=14, decimal_places=2)
    denominator = models.DecimalField(_("noemer"), max_digits=14, decimal_places=2, null=True, blank=True)
    reason = models.TextField(_("reden"))
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(_("gecorrigeerd op"), auto_now_add=True)

    class Meta:
        ordering = ["corrected_at", "id"]
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="correction_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.measurement}: {self.previous_numerator} → {self.numerator}"


# --- PDCA ----------------------------------------------------------------------------------------


class PdcaCycle(models.Model):
    """One turn of the local PDCA cycle for a track and period (plan component B)."""

    class Status(models.TextChoices):
        PLAN = "plan", _("Plan")
        DO = "do", _("Do")
        CHECK = "check", _("Check")
        ACT = "act", _("Act")
        CLOSED = "closed", _("Afgerond")

    track = models.ForeignKey("tracks.Track", on_delete=models.PROTECT, related_name="pdca_cycles")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="pdca_cycles")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("eigenaar")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLAN)
    plan = models.TextField(_("plan: SMART-doelen en aanpak"), blank=True)
    do = models.TextField(_("do: toelichting op de uitvoering"), blank=True)
    check_notes = models.TextField(_("check: duiding van de resultaten"), blank=True)
    act_adjustment = models.TextField(_("act: besloten bijsturing"), blank=True)
    act_reason = models.TextField(_("act: reden"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period__start", "track__order"]
        verbose_name = _("PDCA-cyclus")
        verbose_name_plural = _("PDCA-cycli")
        constraints = [
            models.UniqueConstraint(fields=["track", "period"], name="pdca_unique"),
            models.CheckConstraint(
                condition=models.Q(act_adjustment="") | ~models.Q(act_reason=""),
                name="pdca_adjustment_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"PDCA {self.track.code} {self.period}"


class Activity(models.Model):
    """An activity or information session held for an intervention (2.1.1 group activities, 2.1.4
    #Ouderalert/#Schoolalert, 3.1.2 #Leerlingenalert/#Schoolalert): registered one by one, so that the
    indicators count them instead of someone typing a total (issue 12). No personal data: the audience
    is a description and the attendance a number."""

    intervention = models.ForeignKey(
        "tracks.Intervention",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("interventie"),
    )
    held_on = models.DateField(_("datum"))
    place = models.CharField(_("plaats of school"), max_length=200)
    audience = models.CharField(_("publiek"), max_length=200)
    attendance = models.PositiveIntegerField(_("aantal aanwezigen"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        indexes = [models.Index(fields=["intervention", "held_on"], name="activity_intervention_idx")]

    def __str__(self) -> str:
        return f"{self.intervention_id} {self.held_on}: {self.place}"


class PdcaProposal(models.Model):
    """A partner's proposal for the check or act step of its track's PDCA cycle; the projectleider
    decides (adopted or declined, with a note)."""

    class Step(models.TextChoices):
        CHECK = "check", _("Check")
        ACT = "act", _("Act")

    class Decision(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        ADOPTED = "adopted", _("overgenomen")
        DECLINED = "declined", _("niet overgenomen")

    cycle = models.ForeignKey(PdcaCycle, on_delete=models.CASCADE, related_name="proposals")
    step = models.CharField(_("stap"), max_length=5, choices=Step.choices)
    text = models.TextField(_("voorstel"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("auteur")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    decision = models.CharField(
        _("besluit"), max_length=10, choices=Decision.choices, default=Decision.PROPOSED
    )
    decision_note = models.TextField(_("toelichting besluit"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        ordering = ["cycle", "created_at", "id"]
        verbose_name = _("PDCA-voorstel")
        verbose_name_plural = _("PDCA-voorstellen")
        constraints = [models.CheckConstraint(condition=~models.Q(text=""), name="pdca_proposal_has_text")]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.text[:60]}"


class RiskReview(models.Model):
    """The state of one of the plan's risks at a date (section 4), so a report can show it then."""

    class Level(models.TextChoices):
        LOW = "low", _("laag")
        MEDIUM = "medium", _("middel")
        HIGH = "high", _("hoog")

    risk = models.ForeignKey("tracks.Risk", on_delete=models.PROTECT, related_name="reviews")
    date = models.DateField(_("datum"))
    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices)
    measures = models.TextField(_("beheersmaatregelen en stand van zaken"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["risk", "-date", "-id"]
        verbose_name = _("risicobeoordeling")
        verbose_name_plural = _("risicobeoordelingen")
        indexes = [
            # "The latest review of each risk on or before a date" (reports, risk page).
            models.Index(fields=["risk", "-date"], name="risk_review_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.risk.code} {self.date}: {self.level}"


# --- Reports -------------------------------------------------------------------------------------


class Report(models.Model):
    """An immutable snapshot of the monitoring figures of one period, with its XLSX and PDF.

    Made only by a Celery task (monitoring.tasks.report_build). (period, version) is unique, so two
    workers can never make the same report twice; the builder also claims the row under a lock.
    The files live in the database: the worker and the web process share nothing else.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("wordt gemaakt")
        READY = "ready", _("klaar")
        FAILED = "failed", _("mislukt")

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("volgens schema")
        REQUEST = "request", _("op verzoek")

    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    trigger = models.CharField(_("aanleiding"), max_length=10, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    generated_at = models.DateTimeField(_("gemaakt op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Set by the stalled-report job (reports_requeue_stalled) when the worker making it died: the report
    # is enqueued again and the page says it is being made again (attempt requeues + 1).
    requeues = models.PositiveSmallIntegerField(_("opnieuw aangeboden"), default=0)
    requeued_at = models.DateTimeField(_("opnieuw aangeboden op"), null=True, blank=True)
    error = models.TextField(blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True, editable=False)
    # SHA-256 of the figures (not of the time of making): same data, same hash.
    figures_hash = models.CharField(max_length=64, blank=True, editable=False)
    xlsx = models.BinaryField(null=True, blank=True, editable=False)
    pdf = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-period__start", "-version"]
        verbose_name = _("rapportage")
        verbose_name_plural = _("rapportages")
        constraints = [
            models.UniqueConstraint(fields=["period", "version"], name="report_period_version_unique"),
        ]
        indexes = [
            # The catch-up job: the last report that succeeded, per kind of period.
            models.Index(fields=["status", "period"], name="report_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{_('Rapportage')} {self.period} v{self.version}"

    @property
    def attempt(self) -> int:
        """The attempt now under way (1 unless the stalled-report job enqueued it again)."""
        return self.requeues + 1


# The programme budget's models (allocations with their history, commitments, spending).
from .budget import BudgetAllocation as BudgetAllocation  # noqa: E402 - re-exported: callers find them here
from .budget import BudgetAllocationChange as BudgetAllocationChange  # noqa: E402
from .budget import BudgetCommitment as BudgetCommitment  # noqa: E402
from .budget import BudgetSpending as BudgetSpending  # noqa: E402
