"""Meetings, cases (casussen) with procesregie, the follow-up catalogue and the group approach.

Managed lists (legal bases, the follow-up catalogue) are seeded by `load_case_lists` and kept by the
projectleider in the admin: they live in a case-data app, which the beheerder never touches
(accounts.roles.CASE_DATA_APPS).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import OrganisationKind

from .lifecycle import CaseStatus


class LegalBasis(models.Model):
    """A ground on which a youth, case or group may be discussed in a meeting (AVG art. 6, covenants)."""

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


class FollowUpType(models.Model):
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


# --- Meetings -------------------------------------------------------------------------------------


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
    """One subject of a meeting: a flagged youth, a case or a group.

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
    # The youth discussed (the flag's or the case's); empty for a group. Denormalised for access and display.
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

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(flag__isnull=False, case__isnull=True, youth_group__isnull=True)
                    | models.Q(flag__isnull=True, case__isnull=False, youth_group__isnull=True)
                    | models.Q(flag__isnull=True, case__isnull=True, youth_group__isnull=False)
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
        AgendaItem,
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


class CaseOrganisation(models.Model):
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
        return self.description[:80]


class Action(models.Model):
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


class Enrolment(models.Model):
    """The case's youth takes part in one of the plan's interventions (monitoring counts these)."""

    class Result(models.TextChoices):
        COMPLETED = "voltooid", _("Voltooid")
        STOPPED = "voortijdig_gestopt", _("Voortijdig gestopt")
        NOT_STARTED = "niet_gestart", _("Niet gestart")

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


class FamilyMatchParticipant(models.Model):
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


# --- Groups (groepsaanpak) --------------------------------------------------------------------------


class YouthGroup(models.Model):
    """A problematic youth group worked through CCV's seven steps (cases.groupsteps).

    Named YouthGroup, not Group, to stay clear of django.contrib.auth's Group (the access groups).
    Partners see a group when their organisation takes part in its approach (YouthGroupOrganisation).
    """

    class ShortlistLabel(models.TextChoices):
        HINDERLIJK = "hinderlijk", _("Hinderlijk")
        OVERLASTGEVEND = "overlastgevend", _("Overlastgevend")
        CRIMINEEL = "crimineel", _("Crimineel")

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
    legacy_shortlist_label = models.CharField(
        _("shortlist-label (oud, alleen historie)"),
        max_length=20,
        choices=ShortlistLabel.choices,
        blank=True,
        help_text=_("Sinds 2023 werken de stappen met de groepsscan en de duiding, niet met dit label."),
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


class YouthGroupMember(models.Model):
    """A youth in a group, with the role in the group and the place on the namenlijst (step 2B)."""

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
    """One of the seven steps for one group. `details` holds the step's fields (cases.groupsteps)."""

    class Status(models.TextChoices):
        NOT_STARTED = "niet_gestart", _("Niet gestart")
        IN_PROGRESS = "bezig", _("Bezig")
        COMPLETED = "afgerond", _("Afgerond")

    youth_group = models.ForeignKey(YouthGroup, on_delete=models.CASCADE, related_name="steps")
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
        ordering = ["youth_group", "number"]
        verbose_name = _("stap groepsaanpak")
        verbose_name_plural = _("stappen groepsaanpak")
        constraints = [
            models.UniqueConstraint(fields=["youth_group", "number"], name="youth_group_step_unique"),
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
