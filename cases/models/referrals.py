"""A partner's request to discuss a youth (aanmelding) and its triage by the procesregisseur (issue 11).

Plan 1.2: "een aanspreekpunt (procesregie) waar netwerkpartners hun vragen kunnen neerleggen". A partner
asks about a youth its organisation may read; the procesregisseur triages it: on a meeting's agenda,
advice given, handed to another route, or not taken up (each with its text), and the partner is told.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youths.models import Domain

REFERRAL_QUESTION_MAX_LENGTH = 2000
REFERRAL_TEXT_MAX_LENGTH = 2000


class Referral(models.Model):
    class Outcome(models.TextChoices):
        AGENDA = "agenda", _("Op de agenda van een overleg")
        ADVICE = "advies", _("Advies gegeven")
        OTHER_ROUTE = "andere_route", _("Doorgezet naar een andere route")
        DECLINED = "niet_opgepakt", _("Niet opgepakt")

    class Route(models.TextChoices):
        VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
        ZVH = "zorg_veiligheidshuis", _("Zorg- en Veiligheidshuis")
        HUISARTS_WIJKTEAM = "huisarts_wijkteam", _("Huisarts of wijkteam")
        OTHER = "anders", _("Anders")

    youth = models.ForeignKey(
        "youths.Youth", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("jongere")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("aangemeld door organisatie"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangemeld door")
    )
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    question = models.TextField(_("vraag"), max_length=REFERRAL_QUESTION_MAX_LENGTH)
    # Domain values of youths.models.Domain (home, street, school, online).
    domains = models.JSONField(_("leefgebieden van zorg"), default=list, blank=True)
    tried = models.TextField(_("wat al is geprobeerd"), max_length=REFERRAL_TEXT_MAX_LENGTH, blank=True)
    # Triage: empty outcome = open (waiting for the procesregisseur).
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    route = models.CharField(_("andere route"), max_length=30, choices=Route.choices, blank=True)
    # The advice, the reason for not taking it up, the other route's name or a note; see the service.
    outcome_text = models.TextField(_("toelichting"), max_length=REFERRAL_TEXT_MAX_LENGTH, blank=True)
    triaged_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        permissions = [
            ("view_all_referrals", _("Alle aanmeldingen inzien")),
            ("triage_referral", _("Aanmeldingen beoordelen")),
        ]
        indexes = [
            # The procesregisseur's list (newest or oldest first).
            models.Index(fields=["-created_at", "-id"], name="referral_created_idx"),
            # A partner's list of its organisation's requests.
            models.Index(fields=["organisation", "-created_at", "-id"], name="referral_org_idx"),
            # youth_ids_with_open_referral: open ones and those triaged recently, per youth.
            models.Index(fields=["youth", "triaged_at"], name="referral_youth_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(question=""), name="referral_has_question"),
            models.CheckConstraint(
                condition=models.Q(outcome="", triaged_at__isnull=True)
                | (~models.Q(outcome="") & models.Q(triaged_at__isnull=False)),
                name="referral_triaged_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="niet_opgepakt") | ~models.Q(outcome_text=""),
                name="referral_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="andere_route") | ~models.Q(route=""),
                name="referral_other_route_named",
            ),
        ]

    def __str__(self) -> str:
        return f"aanmelding {self.pk} ({self.youth_id})"

    @property
    def is_open(self) -> bool:
        return not self.outcome

    @property
    def domain_labels(self) -> list[str]:
        return [str(label) for value, label in Domain.choices if value in (self.domains or [])]
