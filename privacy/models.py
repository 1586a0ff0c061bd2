"""The data subject's rights and the access review (issue 10; docs/privacy-rights.md).

- `DataSubjectRequest`: a request for access, rectification, erasure or objection about one youth
  (AVG art. 15-21), with its legal deadline (art. 12(3)), routed to the organisations that hold the data
  (`RequestRouting`: their notice and answer) and closed with its outcome.
- `AccessReview`: the yearly review of who has which role (BIO 9.2.5), with its findings and actions.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when that month is shorter (31 Jan + 1 = 28 Feb).

    AVG art. 12(3): "within one month of receipt"; the EDPB reads a month as up to the same date of the
    next month, or its last day if there is no such date."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class DataSubjectRequest(models.Model):
    class Kind(models.TextChoices):
        ACCESS = "inzage", _("Inzage (art. 15 AVG)")
        RECTIFICATION = "rectificatie", _("Rectificatie (art. 16 AVG)")
        ERASURE = "wissing", _("Wissing (art. 17 AVG)")
        OBJECTION = "bezwaar", _("Bezwaar (art. 21 AVG)")

    class Status(models.TextChoices):
        OPEN = "open", _("In behandeling")
        CLOSED = "gesloten", _("Afgehandeld")

    class Outcome(models.TextChoices):
        GRANTED = "toegewezen", _("Toegewezen")
        PARTLY = "deels", _("Deels toegewezen")
        REFUSED = "afgewezen", _("Afgewezen")
        WITHDRAWN = "ingetrokken", _("Ingetrokken door verzoeker")

    kind = models.CharField(_("soort verzoek"), max_length=20, choices=Kind.choices)
    # SET_NULL: the record of a request outlives the youth's retention (accountability, art. 5(2) AVG).
    youth = models.ForeignKey(
        "youths.Youth",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_subject_requests",
        verbose_name=_("jongere"),
    )
    received_on = models.DateField(_("ontvangen op"))
    requester = models.CharField(_("verzoeker"), max_length=300)
    description = models.TextField(_("wat wordt gevraagd"), blank=True)
    deadline = models.DateField(_("uiterste antwoorddatum"))
    extension_reason = models.CharField(_("reden verlenging"), max_length=500, blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("toelichting uitkomst"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["status", "deadline", "id"]
        verbose_name = _("verzoek van een betrokkene")
        verbose_name_plural = _("verzoeken van betrokkenen")
        permissions = [("export_youth_data", _("Alle gegevens over een jongere exporteren (inzage)"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", closed_at__isnull=True, outcome="")
                | (models.Q(status="gesloten", closed_at__isnull=False) & ~models.Q(outcome="")),
                name="dsr_closed_has_outcome",
            ),
        ]
        indexes = [
            # The privacyfunctionaris' list: open requests by deadline first.
            models.Index(fields=["status", "deadline", "id"], name="dsr_list_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on}"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.deadline < timezone.localdate()


class RequestRouting(models.Model):
    """The request passed to an organisation that holds data about the youth, and its answer."""

    request = models.ForeignKey(DataSubjectRequest, on_delete=models.CASCADE, related_name="routings")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    routed_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("antwoord van de organisatie"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["routed_at", "id"]
        verbose_name = _("doorgeleiding")
        verbose_name_plural = _("doorgeleidingen")
        constraints = [
            models.UniqueConstraint(fields=["request", "organisation"], name="routing_once_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.organisation_id}"


class AccessReview(models.Model):
    """The yearly access review (BIO 9.2.5): who reviewed, when, what was found and what was done."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    held_on = models.DateField(_("gehouden op"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    findings = models.TextField(_("bevindingen"))
    actions = models.TextField(_("acties"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("toegangsreview")
        verbose_name_plural = _("toegangsreviews")

    def __str__(self) -> str:
        return f"{self.year}"
