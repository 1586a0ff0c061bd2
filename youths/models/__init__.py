"""Youths, the signals partners log about them, who is involved, matches and flags (domain steps 1–3).

Access to a youth is an object permission (django-guardian, `view_youth`) granted to an organisation's
access group while the organisation is involved (see `services.involvement_add`). Everything in this
module is personal data of minors except the managed lists (District, School, SignalCategory) and the
combination rules; see docs/signals.md.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import RecordedBasis

# A signal's note is a short factual observation, not a report.
SIGNAL_DESCRIPTION_MAX_LENGTH = 1000


class District(models.Model):
    """A wijk of Zwolle (managed list, maintained by the beheerder)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    """A school a youth attends (managed list, maintained by the beheerder)."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    place = models.CharField(_("plaats"), max_length=100, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("scholen")

    def __str__(self) -> str:
        return f"{self.name} ({self.place})" if self.place else self.name


class Gender(models.TextChoices):
    BOY = "m", _("Jongen")
    GIRL = "v", _("Meisje")
    OTHER = "x", _("Anders")


class Youth(models.Model):
    """A young person, with the minimal identity needed to recognise them (no BSN in clear).

    `name_key` (normalised first and last name) and `bsn_hash` (HMAC of the BSN) are set by the services
    and used to find an existing record before creating one (youths.identity).
    """

    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=100)
    date_of_birth = models.DateField(_("geboortedatum"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("wijk")
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("school")
    )
    name_key = models.CharField(max_length=201, editable=False)
    bsn_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    # Newest signal or other involvement; denormalised so that the full list pages without aggregating.
    last_activity_at = models.DateTimeField(_("laatste activiteit"), default=timezone.now)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")
        permissions = [
            ("view_grounded_youths", _("Jongeren en signalen inzien waarvoor een grond is (need-to-know)")),
            ("view_involved_youths", _("Jongeren inzien waarbij de eigen organisatie betrokken is")),
            ("merge_youths", _("Dubbel geregistreerde jongeren samenvoegen")),
            ("view_youth_readlog", _("Leeslog van een jongere inzien")),
        ]
        indexes = [
            # Find-or-create: same date of birth and normalised name; possible duplicates: same date of birth.
            models.Index(fields=["date_of_birth", "name_key"], name="youth_identity_idx"),
            # The list of all youths (procesregisseur, projectleider), most recent activity first.
            models.Index(fields=["-last_activity_at", "-id"], name="youth_activity_idx"),
        ]
        constraints = [
            # One record per BSN (the hash is empty when no BSN was given).
            models.UniqueConstraint(
                fields=["bsn_hash"], condition=~models.Q(bsn_hash=""), name="youth_bsn_hash_unique"
            ),
            models.CheckConstraint(condition=~models.Q(name_key=""), name="youth_has_name_key"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int:
        today = timezone.localdate()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class YouthUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign key (not guardian's generic table): deleting a youth deletes its grants."""

    content_object = models.ForeignKey(Youth, on_delete=models.CASCADE)


class YouthGroupObjectPermission(GroupObjectPermissionBase):
    """Grants to organisations' access groups; kept in step with Involvement by the services only."""

    content_object = models.ForeignKey(Youth, on_delete=models.CASCADE)


class SpecialCategory(models.TextChoices):
    """Whether a signal category holds special personal data (AVG art. 9) or criminal-law data (art. 10)."""

    NONE = "geen", _("Geen bijzondere gegevens")
    HEALTH = "gezondheid", _("Gezondheid (AVG art. 9), bijvoorbeeld LVB")
    VICTIM = "slachtoffer", _("Slachtofferschap")
    CRIMINAL = "strafrechtelijk", _("Strafrechtelijke gegevens (AVG art. 10)")


class SignalCategory(models.Model):
    """What a signal is about (managed list). The weight counts in combination rules.

    `special_category` marks categories with special or criminal-law data: a combination rule may weigh
    them only with a recorded DPIA reference (youths.services.lists).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(_("omschrijving"))
    weight = models.PositiveSmallIntegerField(
        _("gewicht"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    special_category = models.CharField(
        _("bijzondere gegevens"), max_length=20, choices=SpecialCategory.choices, default=SpecialCategory.NONE
    )
    is_active = models.BooleanField(_("actief"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("signaalcategorie")
        verbose_name_plural = _("signaalcategorieën")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=10), name="signal_category_weight_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_special(self) -> bool:
        return self.special_category != SpecialCategory.NONE


class Domain(models.TextChoices):
    """Where a concern showed: the plan's gouden driehoek (home, street, school) plus the online world."""

    HOME = "home", _("Thuis")
    STREET = "street", _("Straat")
    SCHOOL = "school", _("School")
    ONLINE = "online", _("Online")


class Signal(RecordedBasis):
    """What an organisation saw about a youth. Its life cycle follows the Verwijsindex (docs/signals.md,
    "Levenscyclus"): active → closed (the organisation's involvement ended, with a reason) → expired
    (visible to nobody, still counted in monitoring) → removed by retention. Withdrawal is only for a
    signal logged in error: it leaves every count. RecordedBasis: the reporting organisation's sharing
    basis at the moment of logging."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Actief")
        CLOSED = "closed", _("Afgesloten")
        EXPIRED = "expired", _("Verlopen")
        WITHDRAWN = "withdrawn", _("Ingetrokken (ten onrechte gemeld)")

    youth = models.ForeignKey(
        Youth, on_delete=models.CASCADE, related_name="signals", verbose_name=_("jongere")
    )
    category = models.ForeignKey(
        SignalCategory, on_delete=models.PROTECT, related_name="signals", verbose_name=_("categorie")
    )
    domain = models.CharField(_("leefgebied"), max_length=10, choices=Domain.choices)
    observed_on = models.DateField(_("waargenomen op"))
    description = models.TextField(_("feitelijke omschrijving"), max_length=SIGNAL_DESCRIPTION_MAX_LENGTH)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("organisatie"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeld door")
    )
    intervention = models.ForeignKey(
        "tracks.Intervention",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("interventie"),
    )
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    corrected_at = models.DateTimeField(_("gecorrigeerd op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.CharField(_("reden van intrekken"), max_length=300, blank=True)
    # Closed: the organisation's involvement through this signal ended (by a person, or automatically
    # after a period without activity; then `closed_by` is empty).
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closure_reason = models.CharField(_("reden van afsluiten"), max_length=300, blank=True)
    # Expired: SIGNAL_CLOSED_VISIBLE_DAYS after closing; nobody sees it, monitoring still counts it.
    expired_at = models.DateTimeField(_("verlopen op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            # The youth page and rule evaluation: a youth's signals by date observed.
            models.Index(fields=["youth", "-observed_on"], name="signal_youth_idx"),
            # A partner's list of its own organisation's signals, newest first.
            models.Index(fields=["organisation", "-created_at", "-id"], name="signal_org_idx"),
            # The list of all signals (procesregisseur, projectleider), newest first.
            models.Index(fields=["-created_at", "-id"], name="signal_created_idx"),
            # The nightly retention job: closed signals that have not expired yet, by closing date.
            models.Index(
                fields=["closed_at"],
                condition=models.Q(closed_at__isnull=False, expired_at__isnull=True),
                name="signal_closed_open_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(description=""), name="signal_has_description"),
            models.CheckConstraint(
                condition=models.Q(domain__in=["home", "street", "school", "online"]),
                name="signal_domain_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True) | models.Q(withdrawn_by__isnull=False),
                name="signal_withdrawn_by_someone",
            ),
            models.CheckConstraint(
                condition=models.Q(expired_at__isnull=True) | models.Q(closed_at__isnull=False),
                name="signal_expired_after_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} ({self.get_domain_display()}, {self.observed_on:%d-%m-%Y})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def status(self) -> str:
        if self.withdrawn_at is not None:
            return self.Status.WITHDRAWN
        if self.expired_at is not None:
            return self.Status.EXPIRED
        if self.closed_at is not None:
            return self.Status.CLOSED
        return self.Status.ACTIVE

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)


class Involvement(models.Model):
    """An organisation's involvement with a youth: while it lasts, the organisation may see the youth.

    One row per (organisation, youth); the reasons (each signal, later a case role or an action) are in
    InvolvementReason. The involvement ends, and access is withdrawn, when its last reason ends.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="involvements"
    )
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="involvements")
    started_at = models.DateTimeField(_("betrokken sinds"), default=timezone.now)
    ended_at = models.DateTimeField(_("betrokkenheid beëindigd op"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("laatste activiteit"), default=timezone.now)
    # Why the organisation ended its involvement (its own words, or the automatic close's).
    closure_reason = models.CharField(_("reden van beëindigen"), max_length=300, blank=True)
    # When the organisation was told that the involvement closes for lack of activity; a new activity
    # after this moment cancels the notice (youths.services.lifecycle).
    inactivity_notice_at = models.DateTimeField(_("melding inactiviteit op"), null=True, blank=True)

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "youth"], name="involvement_unique"),
        ]
        indexes = [
            # A partner's list of its youths: active involvements of one organisation, most recent first.
            models.Index(
                fields=["organisation", "-last_activity_at", "-id"],
                condition=models.Q(ended_at__isnull=True),
                name="involvement_org_activity_idx",
            ),
            # The nightly auto-close: active involvements by their last activity, oldest first.
            models.Index(
                fields=["last_activity_at"],
                condition=models.Q(ended_at__isnull=True),
                name="involvement_inactive_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} ↔ {self.youth_id}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class InvolvementReason(models.Model):
    """Why an organisation is involved: one row per signal (and, from the cases app, per role or action)."""

    class Kind(models.TextChoices):
        SIGNAL = "signal", _("Signaal gemeld")
        # Set by the cases app (issue 4): a role in a case, an action assigned to the organisation.
        CASE = "case", _("Rol in een casus")
        ACTION = "action", _("Actie in een casus")

    involvement = models.ForeignKey(Involvement, on_delete=models.CASCADE, related_name="reasons")
    kind = models.CharField(_("reden"), max_length=10, choices=Kind.choices)
    # The id of the signal, case or action; together with `kind` it names the reason.
    reference_id = models.PositiveBigIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reden van betrokkenheid")
        verbose_name_plural = _("redenen van betrokkenheid")
        constraints = [
            models.UniqueConstraint(
                fields=["involvement", "kind", "reference_id"], name="involvement_reason_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.reference_id}"


class FamilyInforming(models.Model):
    """Whether an organisation informed the youth and/or the parents that it shares data (AVG art. 13/14).

    One row per (youth, organisation), kept up to date by that organisation. Either a date informed, or a
    reason to postpone (for example: it would endanger the youth) with a date to look again. The
    procesregisseur sees what is overdue (youths.selectors.informing_overdue).
    """

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="informings")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    youth_informed_on = models.DateField(_("jongere geïnformeerd op"), null=True, blank=True)
    parents_informed_on = models.DateField(_("ouders geïnformeerd op"), null=True, blank=True)
    postpone_reason = models.CharField(_("reden om uit te stellen"), max_length=500, blank=True)
    look_again_on = models.DateField(_("opnieuw bekijken op"), null=True, blank=True)
    updated_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("informeren van het gezin")
        verbose_name_plural = _("informeren van het gezin")
        constraints = [
            models.UniqueConstraint(fields=["youth", "organisation"], name="family_informing_unique"),
            # A postponement always says why and when to look again.
            models.CheckConstraint(
                condition=(models.Q(postpone_reason="") & models.Q(look_again_on__isnull=True))
                | (~models.Q(postpone_reason="") & models.Q(look_again_on__isnull=False)),
                name="family_informing_postpone_complete",
            ),
        ]
        indexes = [
            # The overdue list: one organisation's rows.
            models.Index(fields=["organisation", "youth"], name="family_informing_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.youth_id}: {self.organisation_id}"

    @property
    def is_informed(self) -> bool:
        return self.youth_informed_on is not None or self.parents_informed_on is not None


class Match(models.Model):
    """A second (or further) organisation became involved with a youth: they must know of each other.

    A match is not coordination yet: its follow-up (been in touch, who takes the lead) is recorded by the
    organisations, and the procesregisseur sees the matches nobody followed up in time.

    A youth has at most one open match: a third or fourth organisation that becomes involved joins it
    (a new MatchParticipant), and one follow-up settles it for all. After that, a new match is made.
    """

    class Cause(models.TextChoices):
        SIGNAL = "signal", _("Nieuw signaal")
        MERGE = "merge", _("Dubbele registratie samengevoegd")

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="matches")
    created_at = models.DateTimeField(_("match op"), default=timezone.now)
    cause = models.CharField(_("aanleiding"), max_length=10, choices=Cause.choices, default=Cause.SIGNAL)
    trigger_signal = models.ForeignKey(
        Signal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation", through="MatchParticipant", related_name="matches"
    )
    # Follow-up: recorded by one of the organisations (or the procesregisseur).
    in_touch_on = models.DateField(_("contact gehad op"), null=True, blank=True)
    lead_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neemt het voortouw"),
    )
    follow_up_note = models.CharField(_("afspraak"), max_length=500, blank=True)
    followed_up_at = models.DateTimeField(_("opvolging vastgelegd op"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        indexes = [
            # The procesregisseur's list of matches without follow-up, oldest first.
            models.Index(
                fields=["created_at"], condition=models.Q(followed_up_at__isnull=True), name="match_open_idx"
            ),
            models.Index(fields=["-created_at", "-id"], name="match_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(followed_up_at__isnull=True)
                | (models.Q(in_touch_on__isnull=False) & models.Q(lead_organisation__isnull=False)),
                name="match_follow_up_complete",
            ),
            # One open coordination per youth: a further organisation joins the open match (issue 11).
            models.UniqueConstraint(
                fields=["youth"],
                condition=models.Q(followed_up_at__isnull=True),
                name="match_one_open_per_youth",
            ),
        ]

    def __str__(self) -> str:
        return f"match {self.pk} ({self.youth_id})"

    @property
    def is_followed_up(self) -> bool:
        return self.followed_up_at is not None


class MatchParticipant(RecordedBasis):
    # RecordedBasis: the basis on which this organisation's involvement is made known to the others.
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    # True for the organisation whose involvement caused the match (or made it join the open match).
    is_newcomer = models.BooleanField(default=False)
    joined_at = models.DateTimeField(_("betrokken bij de match sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("deelnemer aan een match")
        verbose_name_plural = _("deelnemers aan matches")
        constraints = [
            models.UniqueConstraint(fields=["match", "organisation"], name="match_participant_unique"),
        ]
        indexes = [
            # A partner's list of its matches.
            models.Index(fields=["organisation", "match"], name="match_participant_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.match_id}: {self.organisation_id}"


class RulePriority(models.IntegerChoices):
    """How urgent a flag of the rule is: the flag list is worked down from 1 (urgent) to 3 (normal)."""

    URGENT = 1, _("Urgent")
    HIGH = 2, _("Hoog")
    NORMAL = 3, _("Normaal")


class CombinationRule(models.Model):
    """A managed, explainable rule that puts a youth on the list for the early-signal meeting.

    The rule holds when, among the youth's active signals observed in the last `window_days` days, there
    are at least `min_signals` signals, from at least `min_organisations` organisations, in at least
    `min_domains` domains, with a total weight of at least `min_total_weight`, and (when categories are
    set) at least one of them in one of those categories.
    """

    name = models.CharField(_("naam"), max_length=200, unique=True)
    description = models.TextField(_("toelichting"), blank=True)
    window_days = models.PositiveSmallIntegerField(
        _("venster (dagen)"), validators=[MinValueValidator(1), MaxValueValidator(730)]
    )
    min_signals = models.PositiveSmallIntegerField(
        _("minimaal aantal signalen"), default=1, validators=[MinValueValidator(1)]
    )
    min_organisations = models.PositiveSmallIntegerField(
        _("minimaal aantal organisaties"), default=1, validators=[MinValueValidator(1)]
    )
    min_domains = models.PositiveSmallIntegerField(
        _("minimaal aantal leefgebieden"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    categories = models.ManyToManyField(
        SignalCategory, blank=True, related_name="+", verbose_name=_("minstens één signaal in categorie")
    )
    min_total_weight = models.PositiveSmallIntegerField(_("minimaal totaalgewicht"), default=0)
    # Required when the rule weighs a category with special or criminal-law data (AVG art. 9, 10, 35).
    dpia_reference = models.CharField(
        _("DPIA-kenmerk"),
        max_length=200,
        blank=True,
        help_text=_(
            "Verplicht als de regel een categorie met bijzondere of strafrechtelijke gegevens weegt."
        ),
    )
    priority = models.PositiveSmallIntegerField(
        _("urgentie"),
        choices=RulePriority.choices,
        default=RulePriority.NORMAL,
        help_text=_("Hoe dringend een signalering van deze regel is; de lijst begint bij de urgentste."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("combinatieregel")
        verbose_name_plural = _("combinatieregels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_days__gte=1, window_days__lte=730), name="rule_window_range"
            ),
            models.CheckConstraint(
                condition=models.Q(priority__gte=1, priority__lte=3), name="rule_priority_range"
            ),
            models.CheckConstraint(condition=models.Q(min_signals__gte=1), name="rule_min_signals_positive"),
            models.CheckConstraint(
                condition=models.Q(min_organisations__gte=1, min_organisations__lte=models.F("min_signals")),
                name="rule_min_organisations_range",
            ),
            models.CheckConstraint(
                condition=models.Q(min_domains__gte=1, min_domains__lte=4)
                & models.Q(min_domains__lte=models.F("min_signals")),
                name="rule_min_domains_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Flag(models.Model):
    """A youth put on the list for the early-signal meeting by a rule. It decides nothing by itself.

    `explanation` is the reason in plain words as it was when the flag was raised (the rule may change
    later); `signals` are exactly the signals that made the rule hold.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Op de lijst")
        CLOSED = "closed", _("Afgehandeld")

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="flags")
    rule = models.ForeignKey(CombinationRule, on_delete=models.PROTECT, related_name="flags")
    raised_at = models.DateTimeField(_("op de lijst gezet op"), default=timezone.now)
    explanation = models.TextField(_("waarom"))
    signals = models.ManyToManyField(Signal, related_name="flags")
    # sha256 of the rule and the sorted signal ids: the same trigger never raises a second flag.
    trigger_key = models.CharField(max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closing_note = models.CharField(_("afhandeling"), max_length=500, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("signalering")
        verbose_name_plural = _("signaleringen")
        constraints = [
            # At most one open flag per youth and rule; a new one only after the meeting closed it.
            models.UniqueConstraint(
                fields=["youth", "rule"], condition=models.Q(status="open"), name="flag_one_open_per_rule"
            ),
            models.UniqueConstraint(fields=["youth", "rule", "trigger_key"], name="flag_trigger_unique"),
            models.CheckConstraint(
                condition=models.Q(status="open", closed_at__isnull=True)
                | models.Q(status="closed", closed_at__isnull=False),
                name="flag_closed_has_date",
            ),
        ]
        indexes = [
            # The procesregisseur's list of open flags, newest first.
            models.Index(
                fields=["-raised_at", "-id"], condition=models.Q(status="open"), name="flag_open_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} → {self.youth_id}"

    @property
    def age_days(self) -> int:
        """How many days the flag has been on the list (until it was closed)."""
        end = self.closed_at or timezone.now()
        return max(0, (end - self.raised_at).days)


# Two registrations of one youth: the duplicate check's candidates and the merges (duplicates.py).
from .duplicates import DuplicateCandidate as DuplicateCandidate  # noqa: E402 - re-exported
from .duplicates import YouthMerge as YouthMerge  # noqa: E402
