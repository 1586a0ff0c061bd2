"""The case (casus) with procesregie: its transitions, organisations, goals, enrolments and family."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import RecordedBasis

from ..lifecycle import CaseStatus

# --- Cases ----------------------------------------------------------------------------------------


class Perspective(models.TextChoices):
    """Lasting perspective at closing (plan 3.2, result a)."""

    WORK = "werk", _("Werk")
    VOCATIONAL = "beroepsonderwijs", _("Beroepsonderwijs")
    DAY_ACTIVITIES = "dagbesteding", _("Dagbesteding")
    MIX = "combinatie", _("Een combinatie hiervan")
    NONE = "geen", _("Geen duurzaam perspectief")


class Qualification(models.TextChoices):
    """Diploma, (partial) certificate or praktijkverklaring at closing (plan 3.2, result b)."""

    DIPLOMA = "diploma", _("Diploma")
    PARTIAL = "deelcertificaat", _("Deelcertificaat")
    PRAKTIJKVERKLARING = "praktijkverklaring", _("Praktijkverklaring")
    NONE = "geen", _("Geen")


class ClosingReason(models.TextChoices):
    GOALS_REACHED = "doelen_bereikt", _("Doelen bereikt")
    HANDED_OVER = "overgedragen", _("Overgedragen aan reguliere hulp of een andere aanpak")
    NO_COOPERATION = "geen_medewerking", _("Geen medewerking van jongere of gezin")
    MOVED = "verhuisd", _("Verhuisd buiten Zwolle")
    NO_CONCERN = "geen_zorg", _("Na onderzoek geen zorgen meer")
    OTHER = "anders", _("Anders")


class Case(models.Model):
    """A casus: the person-oriented approach for one youth, with one procesregie holder.

    Access: organisations involved in the case (a role or an action) get `view_case` on it through their
    access group (CaseGroupObjectPermission), kept in step by the services; procesregisseur and
    projectleider see all cases through `view_all_cases`. Status changes only through `case_transition`.
    """

    youth = models.ForeignKey(
        "youths.Youth", on_delete=models.PROTECT, related_name="cases", verbose_name=_("jongere")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.AANGEMELD
    )
    procesregie_holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="procesregie_cases",
        verbose_name=_("procesregie"),
    )
    reason = models.TextField(_("aanleiding"), blank=True, max_length=2000)
    opened_from = models.ForeignKey(
        "cases.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opened_cases",
        verbose_name=_("geopend in overleg"),
    )
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status_changed_at = models.DateTimeField(_("status sinds"), default=timezone.now)
    # Closing: the reason and the outcome the plan measures (3.2).
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    closing_reason = models.CharField(
        _("reden van sluiten"), max_length=20, choices=ClosingReason.choices, blank=True
    )
    outcome_perspective = models.CharField(
        _("duurzaam perspectief"), max_length=20, choices=Perspective.choices, blank=True
    )
    outcome_qualification = models.CharField(
        _("diploma of certificaat"), max_length=20, choices=Qualification.choices, blank=True
    )
    outcome_network_size = models.PositiveSmallIntegerField(
        _("aantal mensen in het netwerk"), null=True, blank=True
    )
    # Retention (docs/privacy.md): an open case with a recorded reason keeps the youth's data past the
    # 23rd birthday; without a reason nothing is kept. A closed case is anonymised after
    # CASE_ANONYMISE_AFTER_DAYS: its texts replaced, its facts (dates, status, outcome) kept.
    retention_hold_reason = models.CharField(_("reden om langer te bewaren"), max_length=300, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    # Aftercare (nazorg): the procesregie holder checks in with the youth on this date before the case
    # is truly closed; past it, the check-in shows as overdue on the caseload.
    aftercare_check_in_on = models.DateField(_("nazorg: contact op"), null=True, blank=True)

    class Meta:
        ordering = ["-status_changed_at", "-id"]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        permissions = [
            ("view_all_cases", _("Alle casussen inzien")),
            ("view_involved_cases", _("Casussen inzien waarbij de eigen organisatie betrokken is")),
            ("manage_cases", _("Casussen openen, procesregie toewijzen en alle casussen bijwerken")),
        ]
        indexes = [
            # The case board: per status, most recently changed first.
            models.Index(fields=["status", "-status_changed_at", "-id"], name="case_board_idx"),
        ]
        constraints = [
            # One open case per youth; a closed case is final and a new concern opens a new one.
            models.UniqueConstraint(
                fields=["youth"], condition=~models.Q(status="gesloten"), name="case_one_open_per_youth"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="nazorg") | models.Q(aftercare_check_in_on__isnull=False),
                name="case_aftercare_has_check_in",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="gesloten")
                | (
                    models.Q(closed_at__isnull=False, outcome_network_size__isnull=False)
                    & ~models.Q(closing_reason="")
                    & ~models.Q(outcome_perspective="")
                    & ~models.Q(outcome_qualification="")
                ),
                name="case_closed_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Casus')} {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.GESLOTEN


class CaseUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign key (not guardian's generic table): deleting a case deletes its grants."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    """`view_case` granted to organisations' access groups; kept in step by cases.services only."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseTransition(models.Model):
    """Every status change of a case: who, when, from what to what, and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    source = models.CharField(_("van"), max_length=20, choices=CaseStatus.choices, blank=True)
    target = models.CharField(_("naar"), max_length=20, choices=CaseStatus.choices)
    reason = models.TextField(_("reden"), max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "at", "id"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="case_transition_has_reason")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.source} → {self.target}"


class CaseOrganisation(RecordedBasis):
    # RecordedBasis: the organisation's sharing basis when it took this role (or procesregie).
    """An organisation involved in a case with its role; while active it makes the organisation involved."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="organisation_roles")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("rol"), max_length=200)
    # The organisation of the procesregie holder; it stays involved while it holds procesregie.
    is_procesregie = models.BooleanField(_("procesregie"), default=False)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["case", "added_at", "id"]
        verbose_name = _("betrokken organisatie")
        verbose_name_plural = _("betrokken organisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=models.Q(ended_at__isnull=True),
                name="case_organisation_active_unique",
            ),
            models.CheckConstraint(condition=~models.Q(role=""), name="case_organisation_has_role"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.organisation_id} ({self.role})"


class LifeDomain(models.TextChoices):
    """Leefgebieden of the person-oriented approach."""

    SCHOOL = "school", _("School en opleiding")
    WORK = "werk", _("Werk en dagbesteding")
    FAMILY = "gezin", _("Gezin en opvoeding")
    FRIENDS = "vrienden", _("Vrienden en vrije tijd")
    HEALTH = "gezondheid", _("Gezondheid en verslaving")
    FINANCES = "financien", _("Financiën")
    JUSTICE = "justitie", _("Justitie en politie")
    HOUSING = "wonen", _("Wonen")
    ONLINE = "online", _("Online")


class CaseGoal(models.Model):
    """A goal of the case's plan in one of the youth's life domains."""

    class Status(models.TextChoices):
        OPEN = "open", _("Loopt")
        REACHED = "bereikt", _("Bereikt")
        NOT_REACHED = "niet_bereikt", _("Niet bereikt")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    life_domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices)
    description = models.CharField(_("doel"), max_length=500)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "life_domain", "id"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        # Not the description: this text becomes the change log's object_repr, which holds no free text.
        return f"{self.case_id}: {self.get_life_domain_display()}"


# --- Enrolments and family -------------------------------------------------------------------------


class Enrolment(models.Model):
    """The case's youth takes part in one of the plan's interventions (monitoring counts these)."""

    class Result(models.TextChoices):
        COMPLETED = "voltooid", _("Voltooid")
        STOPPED = "voortijdig_gestopt", _("Voortijdig gestopt")
        NOT_STARTED = "niet_gestart", _("Niet gestart")

    class EndReason(models.TextChoices):
        """Why the youth left the arrangement (plan 3.2 takes the outcomes at that moment)."""

        COMPLETED = "afgerond", _("Afgerond")
        MOVED = "verhuisd", _("Verhuisd buiten Zwolle")
        STOPPED = "gestopt", _("Gestopt")
        OTHER = "overig", _("Overig")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="enrolments")
    intervention = models.ForeignKey(
        "tracks.Intervention",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("interventie"),
    )
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("einde"), null=True, blank=True)
    result = models.CharField(_("resultaat"), max_length=20, choices=Result.choices, blank=True)
    result_note = models.CharField(_("toelichting resultaat"), max_length=500, blank=True)
    # Leaving the arrangement (plan 3.2): the reason and the three outcomes, taken when the enrolment
    # ends, not when the case closes. `left_education`: the youth left education on leaving (the
    # diploma result counts only those, "dat onderwijs verlaat").
    end_reason = models.CharField(
        _("reden van uitstroom"), max_length=20, choices=EndReason.choices, blank=True
    )
    left_education = models.BooleanField(_("verlaat het onderwijs"), null=True, blank=True)
    outcome_perspective = models.CharField(
        _("duurzaam perspectief"), max_length=20, choices=Perspective.choices, blank=True
    )
    outcome_qualification = models.CharField(
        _("diploma of certificaat"), max_length=20, choices=Qualification.choices, blank=True
    )
    outcome_network_size = models.PositiveSmallIntegerField(
        _("aantal mensen in het netwerk"), null=True, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "started_on", "id"]
        verbose_name = _("deelname aan interventie")
        verbose_name_plural = _("deelnames aan interventies")
        indexes = [
            # Monitoring: enrolments per intervention and period.
            models.Index(fields=["intervention", "started_on"], name="enrolment_intervention_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="enrolment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, result="")
                | (models.Q(ended_on__isnull=False) & ~models.Q(result="")),
                name="enrolment_end_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.intervention_id}"


class FamilyLink(models.Model):
    """The family context of a case: another youth known to the platform, or a household member by name."""

    class Relation(models.TextChoices):
        SIBLING = "broer_zus", _("Broer of zus")
        HALF_SIBLING = "halfbroer_halfzus", _("Halfbroer of halfzus")
        PARENT = "ouder", _("Ouder")
        STEP_PARENT = "stiefouder", _("Stiefouder")
        CARER = "verzorger", _("Verzorger")
        OTHER = "gezinslid", _("Ander gezinslid")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="family_links")
    relation = models.CharField(_("relatie"), max_length=20, choices=Relation.choices)
    linked_youth = models.ForeignKey(
        "youths.Youth",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="family_links",
        verbose_name=_("jongere"),
    )
    member_name = models.CharField(
        _("naam gezinslid"),
        max_length=100,
        blank=True,
        help_text=_(
            "Alleen voor gezinsleden die niet als jongere op het platform staan; alleen de roepnaam."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The family match's follow-up (docs/cases.md, "Gezinsmatch"): one record settles it for every
    # organisation told; an organisation that joins later opens it again.
    match_in_touch_on = models.DateField(_("contact gehad op"), null=True, blank=True)
    match_lead_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voortouw"),
    )
    match_follow_up_note = models.CharField(_("afspraak"), max_length=500, blank=True)
    match_followed_up_at = models.DateTimeField(_("opvolging vastgelegd op"), null=True, blank=True)
    match_followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinscontext")
        indexes = [
            # The nightly family match: links to other youths.
            models.Index(fields=["linked_youth"], name="family_link_youth_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(linked_youth__isnull=False) & models.Q(member_name=""))
                | (models.Q(linked_youth__isnull=True) & ~models.Q(member_name="")),
                name="family_link_youth_or_name",
            ),
            models.UniqueConstraint(
                fields=["case", "linked_youth"],
                condition=models.Q(linked_youth__isnull=False),
                name="family_link_youth_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.relation}"


class FamilyMatchParticipant(RecordedBasis):
    # RecordedBasis: the basis on which this organisation's involvement is made known to the family's others.
    """An organisation told that others are involved with a member of the same family (contact only)."""

    link = models.ForeignKey(FamilyLink, on_delete=models.CASCADE, related_name="match_participants")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    notified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deelnemer aan een gezinsmatch")
        verbose_name_plural = _("deelnemers aan gezinsmatches")
        constraints = [
            models.UniqueConstraint(fields=["link", "organisation"], name="family_match_participant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.link_id}: {self.organisation_id}"
