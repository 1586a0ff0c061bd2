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
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="interventions")
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    target_group = models.TextField(_("doelgroep"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

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
