"""The group approach (groepsaanpak): youth groups, their organisations, members and seven steps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import RecordedBasis

from .core import Case


class YouthGroup(models.Model):
    """A problematic youth group worked through CCV's seven steps (cases.groupsteps).

    Named YouthGroup, not Group, to stay clear of django.contrib.auth's Group (the access groups).
    Partners see a group when their organisation takes part in its approach (YouthGroupOrganisation).
    """

    class Status(models.TextChoices):
        ACTIVE = "actief", _("Actief")
        CLOSED = "afgesloten", _("Afgesloten")

    name = models.CharField(_("naam"), max_length=200)
    area = models.CharField(_("gebied"), max_length=200, help_text=_("Wijk, plek of hangplek."))
    district = models.ForeignKey(
        "youths.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wijk"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("regisseur groepsaanpak"),
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation", through="YouthGroupOrganisation", related_name="youth_groups"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("jeugdgroep")
        verbose_name_plural = _("jeugdgroepen")
        permissions = [
            ("view_all_youth_groups", _("Alle jeugdgroepen inzien")),
            ("view_involved_youth_groups", _("Jeugdgroepen inzien waarin de eigen organisatie meewerkt")),
            ("manage_youth_groups", _("Jeugdgroepen aanmaken en de groepsaanpak bijwerken")),
        ]
        indexes = [
            # The groups list, most recently updated first.
            models.Index(fields=["-updated_at", "-id"], name="youth_group_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class YouthGroupOrganisation(models.Model):
    """An organisation taking part in a group's approach; its users may then see the group."""

    youth_group = models.ForeignKey(YouthGroup, on_delete=models.CASCADE, related_name="organisation_roles")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("rol"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deelnemende organisatie")
        verbose_name_plural = _("deelnemende organisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["youth_group", "organisation"], name="youth_group_organisation_unique"
            )
        ]
        indexes = [
            # The partner's groups list: groups its organisation takes part in.
            models.Index(fields=["organisation", "youth_group"], name="youth_group_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.youth_group_id}: {self.organisation_id}"


class YouthGroupMember(RecordedBasis):
    """A youth in a group, with the role in the group and the place on the namenlijst (step 2B).

    The namenlijst is the police's (Wpg art. 16/19): when a youth gets a place on it, the police
    organisation's sharing basis is recorded (RecordedBasis; cases.services.groups).
    """

    class Role(models.TextChoices):
        CORE = "kern", _("Kern")
        LEADER = "leider", _("Leider")
        FOLLOWER = "meeloper", _("Meeloper")
        FRINGE = "randfiguur", _("Randfiguur")
        UNKNOWN = "onbekend", _("Nog onbekend")

    youth_group = models.ForeignKey(YouthGroup, on_delete=models.CASCADE, related_name="members")
    youth = models.ForeignKey("youths.Youth", on_delete=models.PROTECT, related_name="group_memberships")
    role = models.CharField(_("rol in de groep"), max_length=20, choices=Role.choices, default=Role.UNKNOWN)
    namenlijst_position = models.PositiveSmallIntegerField(_("plek op de namenlijst"), null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    left_on = models.DateField(_("uit de groep op"), null=True, blank=True)
    # Taken into an individual case (persoonsgerichte aanpak); the membership stays.
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="group_memberships"
    )

    class Meta:
        ordering = ["youth_group", models.F("namenlijst_position").asc(nulls_last=True), "id"]
        verbose_name = _("groepslid")
        verbose_name_plural = _("groepsleden")
        constraints = [
            models.UniqueConstraint(fields=["youth_group", "youth"], name="youth_group_member_unique"),
            models.UniqueConstraint(
                fields=["youth_group", "namenlijst_position"],
                condition=models.Q(namenlijst_position__isnull=False),
                name="youth_group_namenlijst_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.youth_group_id}: {self.youth_id}"


class YouthGroupStep(models.Model):
    """One of the seven steps for one group in one round. `details` holds the step's fields
    (cases.groupsteps).

    The steps form a cycle (CCV): after evaluation a new round starts with its own seven rows, so a
    second groepsscan or duiding is stored next to the first and never overwrites it.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "niet_gestart", _("Niet gestart")
        IN_PROGRESS = "bezig", _("Bezig")
        COMPLETED = "afgerond", _("Afgerond")

    youth_group = models.ForeignKey(YouthGroup, on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField(_("ronde"), default=1)
    number = models.PositiveSmallIntegerField(_("stap"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    notes = models.TextField(_("aantekeningen"), blank=True, max_length=5000)
    # Keys are the step's field codes in cases.groupsteps; the service accepts no other keys.
    details = models.JSONField(_("gegevens"), default=dict, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["youth_group", "round", "number"]
        verbose_name = _("stap groepsaanpak")
        verbose_name_plural = _("stappen groepsaanpak")
        constraints = [
            models.UniqueConstraint(
                fields=["youth_group", "round", "number"], name="youth_group_step_round_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=7), name="youth_group_step_number_range"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="afgerond") | models.Q(completed_on__isnull=False),
                name="youth_group_step_completed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.youth_group_id}: {self.number}"
