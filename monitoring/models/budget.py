"""The programme budget: money allocated per year to a track or intervention (with the history of every
change), committed and spent (docs/monitoring.md, "Budget")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import SHORT_TEXT_LENGTH

# --- Budget --------------------------------------------------------------------------------------


class BudgetAllocation(models.Model):
    """Money set aside in a programme year for a track (component) or one of its interventions.

    The sum over a year never exceeds the year's cap (EUR 500,000); monitoring.services enforces it
    under a row lock on the budget year.
    """

    budget_year = models.ForeignKey("tracks.BudgetYear", on_delete=models.PROTECT, related_name="allocations")
    track = models.ForeignKey("tracks.Track", on_delete=models.PROTECT, related_name="allocations")
    intervention = models.ForeignKey(
        "tracks.Intervention", on_delete=models.PROTECT, null=True, blank=True, related_name="allocations"
    )
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    note = models.CharField(_("toelichting"), max_length=SHORT_TEXT_LENGTH, blank=True)

    class Meta:
        ordering = ["budget_year", "track__order", "intervention__order"]
        verbose_name = _("budgettoewijzing")
        verbose_name_plural = _("budgettoewijzingen")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="allocation_not_negative"),
            models.UniqueConstraint(
                fields=["budget_year", "intervention"],
                condition=models.Q(intervention__isnull=False),
                name="allocation_intervention_unique",
            ),
            models.UniqueConstraint(
                fields=["budget_year", "track"],
                condition=models.Q(intervention__isnull=True),
                name="allocation_track_unique",
            ),
        ]

    def __str__(self) -> str:
        what = self.intervention.code if self.intervention is not None else self.track.code
        return f"{self.budget_year}: {what} € {self.amount}"


class BudgetAllocationChange(models.Model):
    """One change of an allocation: whether it set a new amount or added to (took from) the old one,
    why, by whom and when. The budget page shows these as the allocation's history."""

    class Mode(models.TextChoices):
        SET = "set", _("Nieuw bedrag")
        ADD = "add", _("Bedrag erbij of eraf")

    allocation = models.ForeignKey(BudgetAllocation, on_delete=models.CASCADE, related_name="changes")
    mode = models.CharField(_("soort wijziging"), max_length=3, choices=Mode.choices)
    old_amount = models.DecimalField(_("oud bedrag"), max_digits=12, decimal_places=2)
    new_amount = models.DecimalField(_("nieuw bedrag"), max_digits=12, decimal_places=2)
    delta = models.DecimalField(_("verschil"), max_digits=12, decimal_places=2)
    reason = models.TextField(_("reden"))
    # Empty only for a change made by a command (seeding, the demo) without a user.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("wijziging van een budgettoewijzing")
        verbose_name_plural = _("wijzigingen van budgettoewijzingen")

    def __str__(self) -> str:
        return f"{self.allocation}: {self.old_amount} -> {self.new_amount}"


class BudgetCommitment(models.Model):
    """An obligation entered into (an order, a contract, a subsidy decision) against an allocation."""

    allocation = models.ForeignKey(BudgetAllocation, on_delete=models.PROTECT, related_name="commitments")
    date = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    description = models.CharField(_("omschrijving"), max_length=SHORT_TEXT_LENGTH)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("verplichting")
        verbose_name_plural = _("verplichtingen")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="commitment_positive")]

    def __str__(self) -> str:
        return f"{self.date} € {self.amount} {self.description}"


class BudgetSpending(models.Model):
    """Money actually spent (a paid invoice) against an allocation, on a date."""

    allocation = models.ForeignKey(BudgetAllocation, on_delete=models.PROTECT, related_name="spendings")
    date = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    description = models.CharField(_("omschrijving"), max_length=SHORT_TEXT_LENGTH)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("uitgave")
        verbose_name_plural = _("uitgaven")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="spending_positive")]
        indexes = [
            # Budget computations sum spending per period (date range), optionally per intervention.
            models.Index(fields=["date"], name="spending_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date} € {self.amount} {self.description}"
