"""Managed lists kept by the projectleider in the admin: legal bases and the follow-up catalogue.

Seeded by `cases.services.lists.case_lists_load`; they live in a case-data app, which the beheerder never
touches (accounts.roles.CASE_DATA_APPS).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationKind
from core.models import AgreedItem


class LegalBasis(AgreedItem):
    """A ground on which a youth, case or group may be discussed in a meeting (AVG art. 6, covenants).

    Not the organisations' sharing bases (accounts.SharingBasis): this is the meeting's list of legal
    frameworks; both show whether the partners agreed them (AgreedItem).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("grondslag")
        verbose_name_plural = _("grondslagen")

    def __str__(self) -> str:
        return self.name


class FollowUpType(AgreedItem):
    """An action from the follow-up catalogue: who is authorised to take it and when (plan 2.2)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    authorised_kinds = models.ManyToManyField(
        OrganisationKind, related_name="follow_up_types", verbose_name=_("bevoegde soorten organisaties")
    )
    authority = models.TextField(
        _("bevoegdheid"), blank=True, help_text=_("Wie heeft de bevoegdheid om wanneer op te treden.")
    )
    usual_term_days = models.PositiveSmallIntegerField(_("gebruikelijke termijn (dagen)"), default=14)
    intervention = models.ForeignKey(
        "tracks.Intervention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_up_types",
        verbose_name=_("interventie uit het plan"),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("vervolgactie (catalogus)")
        verbose_name_plural = _("catalogus vervolgacties")
        constraints = [
            models.CheckConstraint(condition=models.Q(usual_term_days__gte=1), name="follow_up_term_positive")
        ]

    def __str__(self) -> str:
        return self.name
