"""Writes for youths, signals, involvement, matches, flags and the managed lists.

Every function is atomic, keyword-only and audited (django-auditlog with the acting user). The caller
obtains the youth, signal or match it passes in through the access gateway (youths.selectors); these
functions enforce the domain rules, not who may see what.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from accounts.models import Organisation
from accounts.services import organisation_access_group
from core.audit import acting_as
from core.errors import DomainError
from core.outbox import enqueue
from core.services import notification_send

from . import identity, rules
from .models import (
    SIGNAL_DESCRIPTION_MAX_LENGTH,
    CombinationRule,
    District,
    Domain,
    DuplicateCandidate,
    Flag,
    Gender,
    Involvement,
    InvolvementReason,
    Match,
    MatchParticipant,
    School,
    Signal,
    SignalCategory,
    Youth,
    YouthMerge,
)
from .reference_data import DEFAULT_RULES, DISTRICTS, SIGNAL_CATEGORIES

VIEW_YOUTH = "youths.view_youth"
# Youth services are for the 10–23 year olds of the plan; an older date of birth is almost always a typo.
MAX_AGE_YEARS = 27


# --- Managed lists ---------------------------------------------------------------------------------


@transaction.atomic
def reference_lists_load(*, actor: Any) -> dict[str, int]:
    """Add the seeded districts, categories and default rules that are missing. Idempotent."""
    created = {"districts": 0, "categories": 0, "rules": 0}
    with acting_as(actor):
        for code, name in DISTRICTS:
            _district, new = District.objects.get_or_create(code=code, defaults={"name": name})
            created["districts"] += new
        for order, (code, name, description, weight) in enumerate(SIGNAL_CATEGORIES):
            _category, new = SignalCategory.objects.get_or_create(
                code=code,
                defaults={"name": name, "description": description, "weight": weight, "order": order},
            )
            created["categories"] += new
        for spec in DEFAULT_RULES:
            if CombinationRule.objects.filter(name=spec["name"]).exists():
                continue
            combination_rule_save(
                actor=actor,
                rule=None,
                name=spec["name"],
                description=spec["description"],
                window_days=spec["window_days"],
                min_signals=spec["min_signals"],
                min_organisations=spec["min_organisations"],
                min_domains=spec["min_domains"],
                min_total_weight=spec["min_total_weight"],
                categories=list(SignalCategory.objects.filter(code__in=spec["categories"])),
                is_active=True,
                evaluate=False,
            )
            created["rules"] += 1
    return created


# --- Youths ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YouthIdentity:
    """What a partner types to say who a signal is about. Only the names and date of birth are required."""

    first_name: str
    last_name: str
    date_of_birth: dt.date
    gender: str = ""
    district: District | None = None
    school: School | None = None
    bsn: str = ""


def _lock_date_of_birth(date_of_birth: dt.date) -> None:
    """Serialise find-or-create for one date of birth, so two partners logging the same new youth at the
    same moment cannot both create it. PostgreSQL only; SQLite serialises all writes anyway."""
    if connection.vendor == "postgresql":
        key = int.from_bytes(
            hashlib.sha256(f"youth:{date_of_birth}".encode()).digest()[:8], "big", signed=True
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _identity_validated(data: YouthIdentity) -> tuple[str, str, str]:
    """(first name, last name, bsn hash) after checking the identity; raises DomainError per field."""
    first, last = data.first_name.strip(), data.last_name.strip()
    if not first or not identity.normalise_name(first):
        raise DomainError(_("Vul de voornaam in."), field="first_name")
    if not last or not identity.normalise_name(last):
        raise DomainError(_("Vul de achternaam in."), field="last_name")
    today = timezone.localdate()
    if data.date_of_birth > today:
        raise DomainError(_("De geboortedatum ligt in de toekomst."), field="date_of_birth")
    if data.date_of_birth < today.replace(year=today.year - MAX_AGE_YEARS, day=min(today.day, 28)):
        raise DomainError(
            _("Controleer de geboortedatum: de jongere zou ouder zijn dan %(age)d jaar.")
            % {"age": MAX_AGE_YEARS},
            field="date_of_birth",
        )
    if data.gender and data.gender not in Gender.values:
        raise DomainError(_("Kies een geldig gender of laat het leeg."), field="gender")
    hashed = ""
    if data.bsn.strip():
        bsn = identity.bsn_normalise(data.bsn)
        if bsn is None:
            raise DomainError(_("Dit is geen geldig BSN (9 cijfers die de elfproef doorstaan)."), field="bsn")
        hashed = identity.bsn_hash(bsn)
    return first, last, hashed


def _youth_fill_blanks(youth: Youth, data: YouthIdentity, bsn_hash: str) -> None:
    """A later report may add what the record lacks; it never overwrites what another organisation gave."""
    changed = []
    for field, value in (("gender", data.gender), ("district", data.district), ("school", data.school)):
        if value and not getattr(youth, field):
            setattr(youth, field, value)
            changed.append(field)
    if bsn_hash and not youth.bsn_hash:
        youth.bsn_hash = bsn_hash
        changed.append("bsn_hash")
    if changed:
        youth.save(update_fields=changed)


@transaction.atomic
def youth_find_or_create(*, actor: Any, data: YouthIdentity) -> Youth:
    """The youth this identity describes: an existing record when there is one, else a new record.

    Existing means: the same BSN hash and date of birth, or the same normalised name and date of birth
    (and no conflicting BSN). A new record close to an existing one is listed as a possible duplicate
    for the procesregisseur. The caller never learns which of the two happened.
    """
    first, last, hashed = _identity_validated(data)
    key = identity.name_key(first, last)
    _lock_date_of_birth(data.date_of_birth)
    bsn_conflict_with: Youth | None = None
    with acting_as(actor):
        if hashed:
            by_bsn = Youth.objects.filter(bsn_hash=hashed).first()
            if by_bsn is not None and by_bsn.date_of_birth == data.date_of_birth:
                _youth_fill_blanks(by_bsn, data, "")
                return by_bsn
            if by_bsn is not None:
                # Same BSN, other date of birth: a typo in one of them. Do not guess; keep the new record
                # without the BSN and let the procesregisseur decide.
                bsn_conflict_with, hashed = by_bsn, ""
        for existing in Youth.objects.filter(date_of_birth=data.date_of_birth, name_key=key).order_by("pk"):
            if not hashed or not existing.bsn_hash or existing.bsn_hash == hashed:
                _youth_fill_blanks(existing, data, hashed)
                return existing
        youth = Youth.objects.create(
            first_name=first,
            last_name=last,
            date_of_birth=data.date_of_birth,
            gender=data.gender,
            district=data.district,
            school=data.school,
            name_key=key,
            bsn_hash=hashed,
        )
        _duplicates_detect(youth=youth, bsn_conflict_with=bsn_conflict_with)
    return youth


def _duplicates_detect(*, youth: Youth, bsn_conflict_with: Youth | None = None) -> None:
    """List records with the same date of birth and a similar name (about 30 rows per date at scale)."""
    for other in Youth.objects.filter(date_of_birth=youth.date_of_birth).exclude(pk=youth.pk):
        if youth.bsn_hash and other.bsn_hash and youth.bsn_hash != other.bsn_hash:
            continue  # two different BSNs: two different people
        score = identity.name_similarity(youth.name_key, other.name_key)
        if score >= identity.SIMILAR_NAME_THRESHOLD:
            _duplicate_candidate_add(youth, other, DuplicateCandidate.Reason.SIMILAR_NAME, score)
    if bsn_conflict_with is not None:
        _duplicate_candidate_add(youth, bsn_conflict_with, DuplicateCandidate.Reason.BSN_CONFLICT, 1.0)


def _duplicate_candidate_add(one: Youth, other: Youth, reason: str, score: float) -> None:
    a, b = sorted((one.pk, other.pk))
    DuplicateCandidate.objects.get_or_create(
        youth_a_id=a, youth_b_id=b, defaults={"reason": reason, "score": round(score, 3)}
    )


@transaction.atomic
def duplicate_dismiss(*, actor: Any, candidate: DuplicateCandidate) -> DuplicateCandidate:
    """The procesregisseur decided the two records are different people."""
    with acting_as(actor):
        if candidate.dismissed_at is None:
            candidate.dismissed_at = timezone.now()
            candidate.dismissed_by = actor
            candidate.save(update_fields=["dismissed_at", "dismissed_by"])
    return candidate


def _lock_youth(youth: Youth) -> Youth:
    """Serialise all changes about one youth (involvement, matches, flags) in this transaction."""
    return Youth.objects.select_for_update().get(pk=youth.pk)


# --- Involvement -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InvolvementChange:
    involvement: Involvement | None
    # True when the organisation was not involved before this call (access was granted now).
    newly_involved: bool = False
    # True when this call ended the organisation's last reason (access was withdrawn now).
    access_ended: bool = False


@transaction.atomic
def involvement_add(
    *,
    actor: Any,
    organisation: Organisation,
    youth: Youth,
    reason: str,
    reference_id: int,
    at: dt.datetime | None = None,
) -> InvolvementChange:
    """Record a reason for `organisation` to be involved with `youth`, and grant access if it had none.

    `reason` is an InvolvementReason.Kind; `reference_id` the id of the signal, case or action. Adding
    the same reason twice changes nothing. This and `involvement_end` are the only places that grant or
    withdraw object permissions on youths, so grants and involvement rows cannot drift apart.
    """
    at = at or timezone.now()
    _lock_youth(youth)
    with acting_as(actor):
        involvement, created = Involvement.objects.get_or_create(
            organisation=organisation, youth=youth, defaults={"started_at": at, "last_activity_at": at}
        )
        newly_involved = created or involvement.ended_at is not None
        if not created:
            fields = []
            if at > involvement.last_activity_at:
                involvement.last_activity_at = at
                fields.append("last_activity_at")
            if involvement.ended_at is not None:
                involvement.ended_at, involvement.started_at = None, at
                fields += ["ended_at", "started_at"]
            if fields:
                involvement.save(update_fields=fields)
        row, new_reason = InvolvementReason.objects.get_or_create(
            involvement=involvement, kind=reason, reference_id=reference_id, defaults={"started_at": at}
        )
        if not new_reason and row.ended_at is not None:
            row.ended_at = None
            row.save(update_fields=["ended_at"])
        if newly_involved:
            assign_perm(VIEW_YOUTH, organisation_access_group(organisation), youth)
    return InvolvementChange(involvement, newly_involved=newly_involved)


@transaction.atomic
def involvement_end(
    *,
    actor: Any,
    organisation: Organisation,
    youth: Youth,
    reason: str,
    reference_id: int,
    at: dt.datetime | None = None,
) -> InvolvementChange:
    """End one reason; when it was the organisation's last, end the involvement and withdraw access."""
    at = at or timezone.now()
    _lock_youth(youth)
    with acting_as(actor):
        involvement = Involvement.objects.filter(organisation=organisation, youth=youth).first()
        if involvement is None:
            return InvolvementChange(None)
        for row in involvement.reasons.filter(kind=reason, reference_id=reference_id, ended_at__isnull=True):
            row.ended_at = at
            row.save(update_fields=["ended_at"])
        if involvement.ended_at is not None or involvement.reasons.filter(ended_at__isnull=True).exists():
            return InvolvementChange(involvement)
        involvement.ended_at = at
        involvement.save(update_fields=["ended_at"])
        remove_perm(VIEW_YOUTH, organisation_access_group(organisation), youth)
    return InvolvementChange(involvement, access_ended=True)


def _involved_organisations(youth: Youth) -> list[Organisation]:
    return [
        involvement.organisation
        for involvement in Involvement.objects.filter(youth=youth, ended_at__isnull=True)
        .select_related("organisation")
        .order_by("started_at", "pk")
    ]


# --- Signals ---------------------------------------------------------------------------------------


def _description_validated(description: str) -> str:
    text = description.strip()
    if not text:
        raise DomainError(_("Beschrijf kort en feitelijk wat u hebt gezien of gehoord."), field="description")
    if len(text) > SIGNAL_DESCRIPTION_MAX_LENGTH:
        raise DomainError(
            _("De omschrijving is te lang: maximaal %(max)d tekens, nu %(n)d.")
            % {"max": SIGNAL_DESCRIPTION_MAX_LENGTH, "n": len(text)},
            field="description",
        )
    return text


def _signal_fields_validated(
    *, category: SignalCategory, domain: str, observed_on: dt.date, description: str
) -> str:
    if not category.is_active:
        raise DomainError(_("Deze categorie wordt niet meer gebruikt; kies een andere."), field="category")
    if domain not in Domain.values:
        raise DomainError(_("Kies waar het speelde: thuis, straat, school of online."), field="domain")
    if observed_on > timezone.localdate():
        raise DomainError(_("De datum van waarnemen ligt in de toekomst."), field="observed_on")
    return _description_validated(description)


def _observed_after_birth(youth: Youth, observed_on: dt.date) -> None:
    if observed_on < youth.date_of_birth:
        raise DomainError(_("De datum van waarnemen ligt vóór de geboortedatum."), field="observed_on")


@transaction.atomic
def signal_log(
    *,
    actor: Any,
    category: SignalCategory,
    domain: str,
    observed_on: dt.date,
    description: str,
    youth: Youth | None = None,
    identity_data: YouthIdentity | None = None,
    intervention: Any | None = None,
) -> Signal:
    """A partner logs a signal about a youth (given, or found or created from `identity_data`).

    The reporting organisation and user are the actor's. The organisation becomes involved (and gets
    access); when that makes a second or further organisation involved, a match is recorded and every
    involved organisation is notified. Then the combination rules are evaluated for the youth.
    """
    if actor.organisation_id is None:
        raise DomainError(_("Uw account hoort niet bij een organisatie."), field="organisation")
    if (youth is None) == (identity_data is None):
        raise DomainError(_("Geef aan over welke jongere het signaal gaat."), field="youth")
    text = _signal_fields_validated(
        category=category, domain=domain, observed_on=observed_on, description=description
    )
    with acting_as(actor):
        if youth is None:
            assert identity_data is not None  # noqa: S101 - narrowed above
            youth = youth_find_or_create(actor=actor, data=identity_data)
        youth = _lock_youth(youth)
        _observed_after_birth(youth, observed_on)
        now = timezone.now()
        signal = Signal.objects.create(
            youth=youth,
            category=category,
            domain=domain,
            observed_on=observed_on,
            description=text,
            organisation=actor.organisation,
            reported_by=actor,
            intervention=intervention,
            created_at=now,
        )
        change = involvement_add(
            actor=actor,
            organisation=actor.organisation,
            youth=youth,
            reason=InvolvementReason.Kind.SIGNAL,
            reference_id=signal.pk,
            at=now,
        )
        youth.last_activity_at = now
        youth.save(update_fields=["last_activity_at"])
        if change.newly_involved:
            _match_record(
                youth=youth,
                newcomers={actor.organisation_id},
                cause=Match.Cause.SIGNAL,
                trigger_signal=signal,
            )
        flags_evaluate(youth=youth)
    return signal


@transaction.atomic
def signal_correct(
    *,
    actor: Any,
    signal: Signal,
    category: SignalCategory,
    domain: str,
    observed_on: dt.date,
    description: str,
    intervention: Any | None = None,
) -> Signal:
    """The reporting organisation corrects its own signal (the audit log keeps the old values)."""
    if signal.organisation_id != actor.organisation_id:
        raise DomainError(_("Alleen de organisatie die het signaal meldde, kan het corrigeren."))
    if signal.withdrawn_at is not None:
        raise DomainError(_("Een ingetrokken signaal kan niet meer worden gecorrigeerd."))
    text = _signal_fields_validated(
        category=category, domain=domain, observed_on=observed_on, description=description
    )
    _observed_after_birth(signal.youth, observed_on)
    with acting_as(actor):
        signal.category, signal.domain, signal.observed_on = category, domain, observed_on
        signal.description, signal.intervention = text, intervention
        signal.corrected_at = timezone.now()
        signal.save(
            update_fields=["category", "domain", "observed_on", "description", "intervention", "corrected_at"]
        )
        flags_evaluate(youth=_lock_youth(signal.youth))
    return signal


@transaction.atomic
def signal_withdraw(*, actor: Any, signal: Signal, reason: str) -> Signal:
    """The reporting organisation withdraws its signal. It stops counting for rules and for other
    organisations; when it was the organisation's last reason, its access to the youth ends."""
    if signal.organisation_id != actor.organisation_id:
        raise DomainError(_("Alleen de organisatie die het signaal meldde, kan het intrekken."))
    if signal.withdrawn_at is not None:
        return signal
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Geef kort aan waarom u het signaal intrekt."), field="reason")
    if len(reason) > 300:
        raise DomainError(_("De reden is te lang: maximaal 300 tekens."), field="reason")
    with acting_as(actor):
        signal.withdrawn_at, signal.withdrawn_by, signal.withdrawal_reason = timezone.now(), actor, reason
        signal.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        involvement_end(
            actor=actor,
            organisation=signal.organisation,
            youth=signal.youth,
            reason=InvolvementReason.Kind.SIGNAL,
            reference_id=signal.pk,
            at=signal.withdrawn_at,
        )
    return signal


# --- Matches ---------------------------------------------------------------------------------------


def _contact_line(organisation: Organisation) -> str:
    details = [
        d for d in (organisation.contact_name, organisation.contact_phone, organisation.contact_email) if d
    ]
    if not details:
        return organisation.name
    return _("%(name)s – contact: %(details)s") % {"name": organisation.name, "details": ", ".join(details)}


def _match_record(
    *, youth: Youth, newcomers: set[int], cause: str, trigger_signal: Signal | None = None
) -> Match | None:
    """Record a match when two or more organisations are involved, and tell each who the others are.

    The notification (in-app and e-mailed) names the other organisations and their contact persons;
    never the youth's name and never what anyone logged.
    """
    organisations = _involved_organisations(youth)
    if len(organisations) < 2:
        return None
    match = Match.objects.create(youth=youth, cause=cause, trigger_signal=trigger_signal)
    MatchParticipant.objects.bulk_create(
        MatchParticipant(match=match, organisation=org, is_newcomer=org.pk in newcomers)
        for org in organisations
    )
    link = reverse("youths:detail", args=[youth.pk])
    for organisation in organisations:
        others = [o for o in organisations if o.pk != organisation.pk]
        text = "\n".join(
            [
                _("Match: een andere organisatie is ook betrokken bij een jongere met wie u werkt."),
                _("Ook betrokken:"),
                *(f"- {_contact_line(o)}" for o in others),
                _(
                    "Neem contact met elkaar op en leg op het platform vast dat u contact hebt gehad en wie "
                    "het voortouw neemt. Wat de anderen hebben gemeld, ziet u niet; vraag het hen zelf."
                ),
            ]
        )
        notification_send(organisation=organisation, kind="match", text=text, link=link)
    return match


@transaction.atomic
def match_follow_up(
    *, actor: Any, match: Match, in_touch_on: dt.date, lead_organisation: Organisation, note: str = ""
) -> Match:
    """Record that the organisations of a match have been in touch and which of them takes the lead."""
    if in_touch_on > timezone.localdate():
        raise DomainError(_("De datum van het contact ligt in de toekomst."), field="in_touch_on")
    if in_touch_on < timezone.localtime(match.created_at).date():
        raise DomainError(_("De datum van het contact ligt vóór de match."), field="in_touch_on")
    if not match.participants.filter(organisation=lead_organisation).exists():
        raise DomainError(
            _("De organisatie die het voortouw neemt, moet een van de betrokken organisaties zijn."),
            field="lead_organisation",
        )
    note = note.strip()
    if len(note) > 500:
        raise DomainError(_("De afspraak is te lang: maximaal 500 tekens."), field="note")
    with acting_as(actor):
        match.in_touch_on, match.lead_organisation, match.follow_up_note = (
            in_touch_on,
            lead_organisation,
            note,
        )
        match.followed_up_at, match.followed_up_by = timezone.now(), actor
        match.save(
            update_fields=[
                "in_touch_on",
                "lead_organisation",
                "follow_up_note",
                "followed_up_at",
                "followed_up_by",
            ]
        )
    return match


# --- Combination rules and flags -------------------------------------------------------------------


@transaction.atomic
def combination_rule_save(
    *,
    actor: Any,
    rule: CombinationRule | None,
    name: str,
    description: str,
    window_days: int,
    min_signals: int,
    min_organisations: int,
    min_domains: int,
    min_total_weight: int,
    categories: Iterable[SignalCategory],
    is_active: bool,
    evaluate: bool = True,
) -> CombinationRule:
    """Create or change a rule. Changed rules apply to existing signals: all youths are re-evaluated
    in the background (existing flags stay as they are)."""
    name = name.strip()
    if not name:
        raise DomainError(_("Geef de regel een naam."), field="name")
    clash = CombinationRule.objects.filter(name__iexact=name)
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
    if clash.exists():
        raise DomainError(_("Er is al een regel met deze naam."), field="name")
    if not 1 <= window_days <= 730:
        raise DomainError(_("Het venster is 1 tot en met 730 dagen."), field="window_days")
    if min_signals < 1:
        raise DomainError(_("Minimaal aantal signalen is ten minste 1."), field="min_signals")
    if not 1 <= min_organisations <= min_signals:
        raise DomainError(
            _("Het aantal organisaties ligt tussen 1 en het minimale aantal signalen."),
            field="min_organisations",
        )
    if not 1 <= min_domains <= min(4, min_signals):
        raise DomainError(
            _("Het aantal leefgebieden ligt tussen 1 en 4, en niet boven het minimale aantal signalen."),
            field="min_domains",
        )
    if min_total_weight < 0:
        raise DomainError(_("Het totaalgewicht kan niet negatief zijn."), field="min_total_weight")
    values = {
        "name": name,
        "description": description.strip(),
        "window_days": window_days,
        "min_signals": min_signals,
        "min_organisations": min_organisations,
        "min_domains": min_domains,
        "min_total_weight": min_total_weight,
        "is_active": is_active,
        "updated_at": timezone.now(),
    }
    with acting_as(actor):
        if rule is None:
            rule = CombinationRule.objects.create(**values)
        else:
            for field, value in values.items():
                setattr(rule, field, value)
            rule.save(update_fields=list(values))
        rule.categories.set(list(categories))
    if evaluate and is_active:
        enqueue("youths.tasks.flags_evaluate_all")
    return rule


def _category_ids(rule: CombinationRule) -> set[int]:
    return {c.pk for c in rule.categories.all()}


def _flags_raise(
    *,
    youth: Youth,
    active_rules: Sequence[CombinationRule],
    signals: Sequence[Signal],
    latest_flags: dict[int, Flag],
    today: dt.date,
) -> list[Flag]:
    """Raise a flag for every rule that holds, unless it would repeat an earlier one.

    A rule that holds raises a new flag for the youth only when no flag of that rule is open and at
    least one of the triggering signals was logged after the previous flag of the rule was closed.
    """
    raised = []
    for rule in active_rules:
        trigger = rules.matching_signals(rule, _category_ids(rule), signals, today)
        if not trigger:
            continue
        previous = latest_flags.get(rule.pk)
        if previous is not None and (
            previous.status == Flag.Status.OPEN or not any(s.created_at > previous.closed_at for s in trigger)  # type: ignore[operator]
        ):
            continue
        explanation = rules.flag_explanation(rule, [c.name for c in rule.categories.all()], trigger, today)
        try:
            with transaction.atomic():  # a concurrent evaluation may have raised it first
                flag = Flag.objects.create(
                    youth=youth,
                    rule=rule,
                    explanation=explanation,
                    trigger_key=rules.trigger_key(rule, trigger),
                )
                flag.signals.set(trigger)
        except IntegrityError:
            continue
        raised.append(flag)
    return raised


def _active_rules() -> list[CombinationRule]:
    return list(CombinationRule.objects.filter(is_active=True).prefetch_related("categories").order_by("pk"))


def _window_signals(youth_ids: Iterable[int], since: dt.date, today: dt.date) -> dict[int, list[Signal]]:
    by_youth: dict[int, list[Signal]] = defaultdict(list)
    for signal in (
        Signal.objects.filter(
            youth_id__in=list(youth_ids),
            withdrawn_at__isnull=True,
            observed_on__gte=since,
            observed_on__lte=today,
        )
        .select_related("category", "organisation")
        .order_by("observed_on", "pk")
    ):
        by_youth[signal.youth_id].append(signal)
    return by_youth


def _latest_flags(youth_ids: Iterable[int]) -> dict[int, dict[int, Flag]]:
    latest: dict[int, dict[int, Flag]] = defaultdict(dict)
    for flag in Flag.objects.filter(youth_id__in=list(youth_ids)).order_by("raised_at", "pk"):
        latest[flag.youth_id][flag.rule_id] = flag  # later rows overwrite earlier ones
    return latest


def flags_evaluate(*, youth: Youth, today: dt.date | None = None) -> list[Flag]:
    """Evaluate every active rule for one youth (called when a signal is logged or corrected)."""
    today = today or timezone.localdate()
    active_rules = _active_rules()
    if not active_rules:
        return []
    since = min(rules.window_start(rule, today) for rule in active_rules)
    with acting_as(None):
        return _flags_raise(
            youth=youth,
            active_rules=active_rules,
            signals=_window_signals([youth.pk], since, today).get(youth.pk, []),
            latest_flags=_latest_flags([youth.pk]).get(youth.pk, {}),
            today=today,
        )


def flags_evaluate_all(*, today: dt.date | None = None, batch_size: int = 500) -> int:
    """The nightly run: every youth with a signal in the longest window, in batches. Returns flags raised.

    It catches what evaluation at logging time cannot: rules added or changed since, corrected signals.
    Windows move with the date, so signals that have left every window no longer count.
    """
    today = today or timezone.localdate()
    active_rules = _active_rules()
    if not active_rules:
        return 0
    since = min(rules.window_start(rule, today) for rule in active_rules)
    youth_ids = list(
        Signal.objects.filter(withdrawn_at__isnull=True, observed_on__gte=since, observed_on__lte=today)
        .order_by("youth_id")
        .values_list("youth_id", flat=True)
        .distinct()
    )
    raised = 0
    for start in range(0, len(youth_ids), batch_size):
        batch = youth_ids[start : start + batch_size]
        with transaction.atomic(), acting_as(None):
            signals = _window_signals(batch, since, today)
            latest = _latest_flags(batch)
            for youth in Youth.objects.filter(pk__in=batch):
                raised += len(
                    _flags_raise(
                        youth=youth,
                        active_rules=active_rules,
                        signals=signals.get(youth.pk, []),
                        latest_flags=latest.get(youth.pk, {}),
                        today=today,
                    )
                )
    return raised


@transaction.atomic
def flag_close(*, actor: Any, flag: Flag, note: str) -> Flag:
    """People decided about a flag (the early-signal meeting, issue 4). A flag never closes by itself."""
    note = note.strip()
    if not note:
        raise DomainError(_("Leg kort vast wat er met de signalering is gedaan."), field="note")
    with acting_as(actor):
        if flag.status == Flag.Status.OPEN:
            flag.status, flag.closed_at, flag.closed_by, flag.closing_note = (
                Flag.Status.CLOSED,
                timezone.now(),
                actor,
                note[:500],
            )
            flag.save(update_fields=["status", "closed_at", "closed_by", "closing_note"])
    return flag


# --- Merging duplicates ----------------------------------------------------------------------------


@transaction.atomic
def youth_merge(*, actor: Any, survivor: Youth, duplicate: Youth) -> YouthMerge:
    """Fold `duplicate` into `survivor`: signals, involvement (and access), matches and flags move; the
    duplicate record is deleted; a YouthMerge row and the audit log record what happened.

    When the merge brings organisations together that did not know of each other, that is a match.
    """
    if survivor.pk == duplicate.pk:
        raise DomainError(_("Kies twee verschillende registraties."), field="duplicate")
    first, second = sorted((survivor.pk, duplicate.pk))
    locked = {
        y.pk: y for y in Youth.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")
    }
    if len(locked) != 2:
        raise DomainError(_("Een van de registraties bestaat niet meer."), field="duplicate")
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
    if survivor.bsn_hash and duplicate.bsn_hash and survivor.bsn_hash != duplicate.bsn_hash:
        raise DomainError(
            _("De registraties hebben een verschillend BSN: het zijn verschillende personen."),
            field="duplicate",
        )
    if survivor.date_of_birth != duplicate.date_of_birth:
        raise DomainError(
            _("De geboortedata verschillen. Samenvoegen kan alleen bij dezelfde geboortedatum."),
            field="duplicate",
        )
    with acting_as(actor):
        survivor_orgs = {o.pk for o in _involved_organisations(survivor)}
        duplicate_orgs = {o.pk for o in _involved_organisations(duplicate)}
        moved_signals = list(Signal.objects.filter(youth=duplicate).values_list("pk", flat=True))
        Signal.objects.filter(youth=duplicate).update(youth=survivor)
        for involvement in Involvement.objects.filter(youth=duplicate).select_related("organisation"):
            kept = Involvement.objects.filter(youth=survivor, organisation=involvement.organisation).first()
            if kept is None:
                involvement.youth = survivor
                involvement.save(update_fields=["youth"])
                kept = involvement
            else:
                involvement.reasons.update(involvement=kept)
                kept.started_at = min(kept.started_at, involvement.started_at)
                kept.last_activity_at = max(kept.last_activity_at, involvement.last_activity_at)
                if involvement.ended_at is None:
                    kept.ended_at = None
                kept.save(update_fields=["started_at", "last_activity_at", "ended_at"])
                involvement.delete()
            if kept.ended_at is None:
                assign_perm(VIEW_YOUTH, organisation_access_group(kept.organisation), survivor)
        open_rules = set(
            Flag.objects.filter(youth=survivor, status=Flag.Status.OPEN).values_list("rule_id", flat=True)
        )
        for flag in Flag.objects.filter(youth=duplicate, status=Flag.Status.OPEN, rule_id__in=open_rules):
            flag_close(
                actor=actor, flag=flag, note=_("Samengevoegd: dezelfde regel staat al open bij de jongere.")
            )
        moved_flags = Flag.objects.filter(youth=duplicate).update(youth=survivor)
        moved_matches = Match.objects.filter(youth=duplicate).update(youth=survivor)
        for field in ("gender", "district_id", "school_id", "bsn_hash"):
            if not getattr(survivor, field) and getattr(duplicate, field):
                setattr(survivor, field, getattr(duplicate, field))
        survivor.created_at = min(survivor.created_at, duplicate.created_at)
        survivor.last_activity_at = max(survivor.last_activity_at, duplicate.last_activity_at)
        merge = YouthMerge.objects.create(
            survivor=survivor,
            merged_youth_id=duplicate.pk,
            merged_by=actor,
            moved={"signals": moved_signals, "flags": moved_flags, "matches": moved_matches},
        )
        # The cases app's records about the duplicate (cases, actions, agenda items, groups, family)
        # move too; imported here because the cases app builds on this one, not the other way round.
        from cases.services.merge import youth_case_data_move

        merge.moved["case_data"] = youth_case_data_move(actor=actor, duplicate=duplicate, survivor=survivor)
        merge.save(update_fields=["moved"])
        duplicate.bsn_hash = ""  # free the unique BSN hash before the survivor takes it over
        duplicate.save(update_fields=["bsn_hash"])
        duplicate.delete()  # its grants go with it (direct foreign keys)
        survivor.save(
            update_fields=["gender", "district", "school", "bsn_hash", "created_at", "last_activity_at"]
        )
        if (survivor_orgs | duplicate_orgs) - survivor_orgs and (
            survivor_orgs | duplicate_orgs
        ) - duplicate_orgs:
            _match_record(
                youth=survivor,
                newcomers=(survivor_orgs | duplicate_orgs) - (survivor_orgs & duplicate_orgs),
                cause=Match.Cause.MERGE,
            )
        flags_evaluate(youth=survivor)
    return merge
