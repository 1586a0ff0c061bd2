"""The plan van aanpak as data: programme, tracks (sporen) and components, interventions, risks."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    municipality = models.CharField(_("gemeente"), max_length=100)
    start = models.DateField(_("start"))
    end = models.DateField(_("einde"))
    yearly_budget_cap = models.DecimalField(_("maximaal budget per jaar"), max_digits=12, decimal_places=2)
    description = models.TextField(_("omschrijving"), blank=True)
    # The plan's own text beyond the tracks, verbatim from the seed (tracks/data/plan.json).
    problem_analysis = models.TextField(_("probleemanalyse"), blank=True)
    current_approach = models.TextField(_("wat doen we al"), blank=True)
    high_impact_crime_definition = models.TextField(_("definitie high impact crimes"), blank=True)
    risks_introduction = models.TextField(_("inleiding risico's en randvoorwaarden"), blank=True)

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    """A spoor (1, 2, 3) or a programme component (A coordination, B monitoring and data)."""

    class Kind(models.TextChoices):
        TRACK = "track", _("Spoor")
        COMPONENT = "component", _("Onderdeel")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tracks")
    code = models.CharField(_("code"), max_length=5)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=200)
    target_group = models.TextField(_("doelgroep"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("spoor")
        verbose_name_plural = _("sporen")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="track_code_unique")]

    def __str__(self) -> str:
        prefix = _("Spoor") if self.kind == self.Kind.TRACK else _("Onderdeel")
        return f"{prefix} {self.code}. {self.name}"


class DesiredResult(models.Model):
    """A gewenst resultaat of a track (plan sections 1.2, 2.2, 3.2), verbatim."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="desired_results")
    text = models.TextField(_("tekst"))
    order = models.PositiveSmallIntegerField(default=0)
    # 3.2's "100% van de jongeren:" ends in a colon: its three sub-results are the measurable results
    # of this intervention (3.1.1), shown under it.
    sub_results_of = models.ForeignKey(
        "Intervention", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["track", "order"]
        verbose_name = _("gewenst resultaat")
        verbose_name_plural = _("gewenste resultaten")
        constraints = [models.UniqueConstraint(fields=["track", "order"], name="desired_result_order_unique")]

    def __str__(self) -> str:
        return self.text[:80]


class TrackPartner(models.Model):
    """A samenwerkingspartner named in the plan (1.3, 2.3, 3.3), verbatim, linked to the platform
    organisation that plays that part (issue 12): its members see and feed the monitoring of the
    track's interventions (monitoring.selectors.partner_interventions)."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_partnerships",
        verbose_name=_("organisatie op het platform"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["track", "order"]
        verbose_name = _("samenwerkingspartner")
        verbose_name_plural = _("samenwerkingspartners")
        constraints = [models.UniqueConstraint(fields=["track", "order"], name="track_partner_order_unique")]

    def __str__(self) -> str:
        return self.name


class Intervention(models.Model):
    class EvidenceLevel(models.TextChoices):
        """Erkenningsniveaus as the Databank Effectieve Jeugdinterventies (NJi) uses them, plus the two
        states before a rating: the grant funds only promising or proven interventions."""

        NOT_ASSESSED = "not_assessed", _("Nog niet beoordeeld")
        PROMISING = "promising", _("Veelbelovend")
        WELL_FOUNDED = "well_founded", _("Erkend: goed onderbouwd")
        EFFECTIVE_FIRST = "effective_first", _("Erkend: eerste aanwijzingen voor effectiviteit")
        EFFECTIVE_GOOD = "effective_good", _("Erkend: goede aanwijzingen voor effectiviteit")
        EFFECTIVE_STRONG = "effective_strong", _("Erkend: sterke aanwijzingen voor effectiviteit")

    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="interventions")
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    target_group = models.TextField(_("doelgroep"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    evidence_level = models.CharField(
        _("erkenningsniveau"),
        max_length=20,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_ASSESSED,
    )
    evidence_source = models.CharField(_("bron van de beoordeling"), max_length=300, blank=True)
    evidence_date = models.DateField(_("datum van de beoordeling"), null=True, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MeasurableResult(models.Model):
    """A measurable result the plan sets for an intervention (3.2: the OOZA youths, 100% each)."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="measurable_results"
    )
    code = models.SlugField(_("code"), max_length=40)
    text = models.TextField(_("tekst"))
    target_percentage = models.DecimalField(_("doel (%)"), max_digits=5, decimal_places=2)
    minimum_network_size = models.PositiveSmallIntegerField(null=True, blank=True)
    reference = models.TextField(_("peildatum en populatie"), blank=True)

    class Meta:
        ordering = ["intervention", "id"]
        verbose_name = _("meetbaar resultaat")
        verbose_name_plural = _("meetbare resultaten")
        constraints = [
            models.UniqueConstraint(fields=["intervention", "code"], name="measurable_result_unique")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Risk(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="risks")
    code = models.CharField(_("code"), max_length=5)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("risico")
        verbose_name_plural = _("risico's")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="risk_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class BudgetYear(models.Model):
    """A programme year (July–June) with its cap; allocations per track and intervention hang off it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budget_years")
    number = models.PositiveSmallIntegerField(_("jaar"))
    start = models.DateField(_("start"))
    end = models.DateField(_("einde"))
    cap = models.DecimalField(_("maximum"), max_digits=12, decimal_places=2, default=Decimal("0"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("begrotingsjaar")
        verbose_name_plural = _("begrotingsjaren")
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="budget_year_unique")]

    def __str__(self) -> str:
        return f"{_('Jaar')} {self.number} ({self.start:%m-%Y} – {self.end:%m-%Y})"


class Milestone(models.Model):
    """A deliverable the plan promises (2.2: the meeting structure, the procesregie, the follow-up list,
    the legal frameworks; the anchoring after 2027), tracked with a status by the projectleider."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In uitvoering")
        DONE = "done", _("Gereed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    code = models.SlugField(_("code"), max_length=40)
    track = models.ForeignKey(
        Track, on_delete=models.PROTECT, null=True, blank=True, related_name="milestones"
    )
    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, null=True, blank=True, related_name="milestones"
    )
    title = models.TextField(_("titel"))
    due = models.DateField(_("uiterlijk gereed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    evidence_link = models.URLField(_("link naar het bewijs"), blank=True)
    evidence_note = models.TextField(_("toelichting of bewijs"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="milestone_code_unique")]

    def __str__(self) -> str:
        return self.title[:80]
