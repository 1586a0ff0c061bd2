"""Casework around procesregie (issue 11): the warm handover, escalation, and the #kansRIJK and Halt
data of an action; and the signals linked to step 1 of a group round.

Kept in a module of their own (not as fields on Case, Action or CaseOrganisation) so the history of
each (a handover declined, an escalation ended) stays a row of its own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .actions import Action
from .core import Case
from .groups import YouthGroupStep


class CaseHandover(models.Model):
    """Procesregie handed over warmly: proposed with a reason, accepted or declined by the new holder.

    Until it is accepted the old holder keeps procesregie (Case.procesregie_holder does not change).
    """

    class Status(models.TextChoices):
        PENDING = "voorgesteld", _("Wacht op acceptatie")
        ACCEPTED = "geaccepteerd", _("Geaccepteerd")
        DECLINED = "afgewezen", _("Afgewezen")
        WITHDRAWN = "ingetrokken", _("Ingetrokken")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handovers")
    from_holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("van")
    )
    to_holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="procesregie_handovers",
        verbose_name=_("naar"),
    )
    reason = models.TextField(_("reden van overdracht"), max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    proposed_at = models.DateTimeField(default=timezone.now)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answer_reason = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        ordering = ["case", "proposed_at", "id"]
        verbose_name = _("overdracht procesregie")
        verbose_name_plural = _("overdrachten procesregie")
        indexes = [
            # "Wacht op uw acceptatie" on the caseload page of the proposed holder.
            models.Index(fields=["to_holder", "status"], name="handover_to_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="voorgesteld"), name="handover_one_pending"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="handover_has_reason"),
            models.CheckConstraint(
                condition=~models.Q(status="afgewezen") | ~models.Q(answer_reason=""),
                name="handover_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_holder_id} → {self.to_holder_id} ({self.status})"


class CaseEscalation(models.Model):
    """A case escalated to the Zorg- en Veiligheidshuis or to the administrative level (bestuurlijk)."""

    class Level(models.TextChoices):
        ZVH = "zvh", _("Zorg- en Veiligheidshuis")
        BESTUURLIJK = "bestuurlijk", _("Bestuurlijk niveau")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    level = models.CharField(_("opgeschaald naar"), max_length=20, choices=Level.choices)
    escalated_on = models.DateField(_("opgeschaald op"))
    reason = models.TextField(_("reden van opschaling"), max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(_("reden van beëindigen"), max_length=500, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["case", "escalated_on", "id"]
        verbose_name = _("opschaling")
        verbose_name_plural = _("opschalingen")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(ended_on__isnull=True), name="escalation_one_active"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="escalation_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.level} ({self.escalated_on:%d-%m-%Y})"


class RiskLevel(models.TextChoices):
    LOW = "laag", _("Laag risico")
    MEDIUM = "gemiddeld", _("Gemiddeld risico")
    HIGH = "hoog", _("Hoog risico")


class VictimInvolvement(models.TextChoices):
    NO_VICTIM = "geen_slachtoffer", _("Er is geen slachtoffer")
    INVOLVED = "betrokken", _("Slachtoffer betrokken (gesprek of herstel)")
    DECLINED = "wilde_niet", _("Slachtoffer wilde niet meedoen")
    NOT_INVOLVED = "niet_betrokken", _("Slachtoffer niet betrokken")


class ActionAssessment(models.Model):
    """The data of a #kansRIJK risk assessment or a preventive Halt trajectory, as fields.

    Which of the two an action is follows from its follow-up type (cases.catalogue.assessment_kind);
    only the fields of that kind are filled in.
    """

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="assessment")
    # #kansRIJK (plan 2.1.2): verklarende analyse en risicotaxatie.
    instrument = models.CharField(_("instrument"), max_length=100, blank=True)
    assessed_on = models.DateField(_("datum risicotaxatie"), null=True, blank=True)
    risk_level = models.CharField(_("uitkomst"), max_length=20, choices=RiskLevel.choices, blank=True)
    outcome_note = models.TextField(_("advies en toelichting"), max_length=2000, blank=True)
    lvb_screening_done = models.BooleanField(_("LVB-screening gedaan"), null=True, blank=True)
    # Preventief Halt-traject (plan 2.1.3).
    parents_involved = models.BooleanField(_("ouders betrokken"), null=True, blank=True)
    victim_involvement = models.CharField(
        _("slachtoffer"), max_length=20, choices=VictimInvolvement.choices, blank=True
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("uitkomst #kansRIJK of Halt")
        verbose_name_plural = _("uitkomsten #kansRIJK en Halt")

    def __str__(self) -> str:
        return f"{self.action_id}"


class GroupStepSignal(models.Model):
    """A platform signal linked to step 1 (signalen delen) of one round of a group's approach."""

    step = models.ForeignKey(YouthGroupStep, on_delete=models.CASCADE, related_name="signal_links")
    signal = models.ForeignKey("youths.Signal", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["step", "id"]
        verbose_name = _("gekoppeld signaal")
        verbose_name_plural = _("gekoppelde signalen")
        constraints = [
            models.UniqueConstraint(fields=["step", "signal"], name="group_step_signal_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.step_id}: {self.signal_id}"
