"""Follow-up actions from the catalogue, given to an organisation about one youth."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import RecordedBasis

from .core import Case, CaseGoal
from .lists import FollowUpType
from .meetings import AgendaItem


class Action(RecordedBasis):
    # RecordedBasis: the assigned organisation's sharing basis when the action was assigned (issue 10).
    """A follow-up action from the catalogue, given to an organisation of an authorised kind.

    Decided in a meeting (agenda_item) or within a case; always about one youth. The receiving
    organisation accepts or declines it (with a reason). Overdue is derived: open and past `due_on`.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "afgerond", _("Afgerond")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    class Response(models.TextChoices):
        PENDING = "onbeantwoord", _("Nog niet beantwoord")
        ACCEPTED = "geaccepteerd", _("Geaccepteerd")
        DECLINED = "geweigerd", _("Geweigerd")

    youth = models.ForeignKey("youths.Youth", on_delete=models.PROTECT, related_name="actions")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    goal = models.ForeignKey(
        CaseGoal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("doel"),
    )
    follow_up_type = models.ForeignKey(
        FollowUpType, on_delete=models.PROTECT, related_name="actions", verbose_name=_("soort actie")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("organisatie"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("uitvoerder"),
    )
    description = models.TextField(_("toelichting"), blank=True, max_length=2000)
    due_on = models.DateField(_("uiterlijk op"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    response = models.CharField(
        _("reactie"), max_length=20, choices=Response.choices, default=Response.PENDING
    )
    response_reason = models.CharField(_("reden"), max_length=500, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    result_note = models.CharField(_("resultaat of reden"), max_length=500, blank=True)
    # The overdue job's idempotency: the day the owner was last told this action is overdue.
    overdue_notified_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        indexes = [
            # "Mijn acties": an organisation's open actions by due date.
            models.Index(fields=["organisation", "status", "due_on"], name="action_org_idx"),
            # The daily overdue job: open actions past their due date.
            models.Index(fields=["due_on"], condition=models.Q(status="open"), name="action_open_due_idx"),
            # The procesregisseur's list of declined and unanswered actions.
            models.Index(
                fields=["response", "created_at"],
                condition=models.Q(status="open"),
                name="action_attention_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(response="geweigerd") | ~models.Q(response_reason=""),
                name="action_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(finished_at__isnull=False),
                name="action_finished_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follow_up_type} ({self.due_on:%d-%m-%Y})"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()
