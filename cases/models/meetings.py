"""Meetings (overleggen) and their agenda items."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .lists import LegalBasis


class Meeting(models.Model):
    """An overleg. Partners see it only when their organisation attended (selectors.meeting_list_for_user)."""

    class Kind(models.TextChoices):
        VROEGSIGNALERING = "vroegsignalering", _("Vroegsignaleringsoverleg")
        CASUS = "casus", _("Casusoverleg")
        GROEP = "groep", _("Groepsoverleg")

    kind = models.CharField(_("soort overleg"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("voorzitter")
    )
    attending_organisations = models.ManyToManyField(
        "accounts.Organisation", related_name="attended_meetings", verbose_name=_("aanwezige organisaties")
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="attended_meetings", verbose_name=_("aanwezigen")
    )
    other_attendees = models.CharField(
        _("overige aanwezigen"),
        max_length=500,
        blank=True,
        help_text=_("Namen en organisatie van aanwezigen zonder account."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        permissions = [
            ("view_all_meetings", _("Alle overleggen inzien")),
            ("view_attended_meetings", _("Overleggen inzien waarbij de eigen organisatie aanwezig was")),
            ("manage_meetings", _("Overleggen voorbereiden en besluiten vastleggen")),
        ]
        indexes = [
            # The meetings list, newest first.
            models.Index(fields=["-starts_at", "-id"], name="meeting_starts_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"


class AgendaItem(models.Model):
    """One subject of a meeting: a flagged youth, a case, a group or a partner's request (referral).

    The legal basis comes first: the services refuse minutes, actions and a decision without it.
    Minutes are for the organisations present for this item: the meeting's attending organisations minus
    `absent_organisations` (and for the procesregisseur and projectleider).
    """

    class Decision(models.TextChoices):
        NO_ACTION = "geen_actie", _("Geen verdere actie")
        FOLLOW_UP = "vervolgacties", _("Vervolgacties")
        CASE = "casus", _("Casus openen")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    flag = models.ForeignKey(
        "youths.Flag", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    youth_group = models.ForeignKey(
        "cases.YouthGroup", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    # A partner's request to discuss a youth, put on the agenda by its triage (issue 11).
    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    # The youth discussed (the flag's, the case's or the referral's); empty for a group. Denormalised for
    # access and display.
    youth = models.ForeignKey(
        "youths.Youth", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    legal_basis = models.ForeignKey(
        LegalBasis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("grondslag"),
    )
    legal_basis_note = models.CharField(_("toelichting grondslag"), max_length=500, blank=True)
    legal_basis_recorded_at = models.DateTimeField(null=True, blank=True)
    legal_basis_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Attending organisations of the meeting that were not present for this item (joined later, left
    # earlier, or stepped out because the item is not theirs): they do not see its minutes.
    absent_organisations = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="+", verbose_name=_("niet aanwezig bij dit punt")
    )
    minutes = models.TextField(_("notulen"), blank=True, max_length=5000)
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("toelichting besluit"), blank=True, max_length=2000)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # Set per request, never stored: `visible` by the gateway (cases.selectors.meetings.agenda_for_user),
    # `forms` by the meeting page (the item's bound or blank forms).
    visible: bool
    forms: dict[str, Any]

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        flag__isnull=False, case__isnull=True, youth_group__isnull=True, referral__isnull=True
                    )
                    | models.Q(
                        flag__isnull=True, case__isnull=False, youth_group__isnull=True, referral__isnull=True
                    )
                    | models.Q(
                        flag__isnull=True, case__isnull=True, youth_group__isnull=False, referral__isnull=True
                    )
                    | models.Q(
                        flag__isnull=True, case__isnull=True, youth_group__isnull=True, referral__isnull=False
                    )
                ),
                name="agenda_item_one_subject",
            ),
            # A flag waits on one agenda at a time; after a decision it is closed.
            models.UniqueConstraint(
                fields=["flag"],
                condition=models.Q(flag__isnull=False, decision=""),
                name="agenda_item_flag_once_undecided",
            ),
            models.CheckConstraint(
                condition=models.Q(decision="")
                | models.Q(legal_basis__isnull=False, decided_at__isnull=False),
                name="agenda_item_decision_after_legal_basis",
            ),
            models.CheckConstraint(
                condition=~models.Q(decision="geen_actie") | ~models.Q(decision_reason=""),
                name="agenda_item_no_action_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}#{self.position}"

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)
