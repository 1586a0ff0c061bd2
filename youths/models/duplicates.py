"""Two registrations of one youth: the candidates the duplicate check found, and the merges that resolved
them (docs/signals.md, "Duplicates")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import Youth


class DuplicateCandidate(models.Model):
    """Two youth records that may be one person, for the procesregisseur to merge or to keep apart."""

    class Reason(models.TextChoices):
        SIMILAR_NAME = "similar_name", _("Zelfde geboortedatum, lijkende naam")
        BSN_CONFLICT = "bsn_conflict", _("Zelfde BSN, andere geboortedatum")

    youth_a = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    youth_b = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    score = models.DecimalField(max_digits=4, decimal_places=3)
    detected_at = models.DateTimeField(default=timezone.now)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-detected_at", "-id"]
        verbose_name = _("mogelijke dubbele registratie")
        verbose_name_plural = _("mogelijke dubbele registraties")
        constraints = [
            models.UniqueConstraint(fields=["youth_a", "youth_b"], name="duplicate_pair_unique"),
            models.CheckConstraint(
                condition=models.Q(youth_a__lt=models.F("youth_b")), name="duplicate_pair_ordered"
            ),
        ]
        indexes = [
            # The procesregisseur's list of undecided candidates.
            models.Index(
                fields=["-detected_at", "-id"],
                condition=models.Q(dismissed_at__isnull=True),
                name="duplicate_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.youth_a_id} ~ {self.youth_b_id}"


class YouthMerge(models.Model):
    """The audit record of a merge: which record was folded into which, by whom, and what moved."""

    survivor = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="merges")
    merged_youth_id = models.BigIntegerField(_("samengevoegde registratie"))
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)
    moved = models.JSONField(_("verplaatst"), default=dict)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("samenvoeging")
        verbose_name_plural = _("samenvoegingen")

    def __str__(self) -> str:
        return f"{self.merged_youth_id} → {self.survivor_id}"
