"""Matches: two or more organisations involved with one youth are told of each other, and follow up."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from accounts.models import Organisation
from core.audit import acting_as
from core.errors import DomainError
from core.models import Notification
from core.services import notification_send

from ..models import Match, MatchParticipant, Signal, Youth
from .involvement import involved_organisations


def _contact_line(organisation: Organisation) -> str:
    details = [
        d for d in (organisation.contact_name, organisation.contact_phone, organisation.contact_email) if d
    ]
    if not details:
        return organisation.name
    return _("%(name)s – contact: %(details)s") % {"name": organisation.name, "details": ", ".join(details)}


def _match_notice(
    *, youth: Youth, organisation: Organisation, others: list[Organisation], joined: bool
) -> str:
    lines = [
        _("Match over %(youth)s: een andere organisatie is nu ook betrokken.") % {"youth": youth.full_name}
        if joined
        else _("Match over %(youth)s: een andere organisatie is ook betrokken.") % {"youth": youth.full_name},
        _("Betrokken bij deze match:"),
        *(f"- {_contact_line(o)}" for o in others),
        _(
            "Neem contact met elkaar op en leg op het platform vast dat u contact hebt gehad en wie "
            "het voortouw neemt; één opvolging geldt voor iedereen in de match. Wat de anderen hebben "
            "gemeld, ziet u niet; vraag het hen zelf."
        ),
    ]
    return "\n".join(lines)


def match_record(
    *, youth: Youth, newcomers: set[int], cause: str, trigger_signal: Signal | None = None
) -> Match | None:
    """Record a match when two or more organisations are involved, and tell each who the others are.

    One open coordination per youth: when the youth already has a match that nobody followed up yet, the
    organisations not in it join that match (no second match), and every organisation in it hears who is
    involved now. After the match was followed up, a new involvement makes a new match.

    The notification is in the platform only (never e-mailed): it names the youth and the other
    organisations with their contact persons, never what anyone logged.
    """
    organisations = involved_organisations(youth)
    if len(organisations) < 2:
        return None
    match = Match.objects.select_for_update().filter(youth=youth, followed_up_at__isnull=True).first()
    now = timezone.now()
    if match is None:
        match = Match.objects.create(youth=youth, cause=cause, trigger_signal=trigger_signal, created_at=now)
        present: set[int] = set()
    else:
        present = set(match.participants.values_list("organisation_id", flat=True))
    joining = [org for org in organisations if org.pk not in present]
    if not joining:
        return match
    participants = []
    for org in joining:
        # Each organisation's involvement is made known to the others on its own sharing basis.
        participant = MatchParticipant(
            match=match, organisation=org, is_newcomer=org.pk in newcomers, joined_at=now
        )
        participant.record_basis_of(org)
        participants.append(participant)
    MatchParticipant.objects.bulk_create(participants)
    everyone = [*(o for o in organisations if o.pk in present), *joining]
    # Organisations in the match that are no longer involved stay listed in it; they are told nothing new.
    everyone_ids = {o.pk for o in everyone}
    in_match = list(Organisation.objects.filter(pk__in=present - everyone_ids).order_by("name")) + everyone
    link = reverse("youths:detail", args=[youth.pk])
    for organisation in everyone:
        others = [o for o in in_match if o.pk != organisation.pk]
        notification_send(
            organisation=organisation,
            kind="match",
            text=_match_notice(youth=youth, organisation=organisation, others=others, joined=bool(present)),
            link=link,
            audience=Notification.Audience.CASE_WORK,
            youth_id=youth.pk,
            youth_name=youth.full_name,
        )
    return match


def match_fold(*, into: Match, other: Match) -> Match:
    """Fold the open match `other` into the open match `into` (two records of one youth were merged):
    `into` keeps the organisations of both; `other` is deleted. One open match per youth stays true."""
    present = set(into.participants.values_list("organisation_id", flat=True))
    for participant in other.participants.all():
        if participant.organisation_id not in present:
            participant.match = into
            participant.save(update_fields=["match"])
            present.add(participant.organisation_id)
    other.delete()
    return into


@transaction.atomic
def match_follow_up(
    *, actor: Actor, match: Match, in_touch_on: dt.date, lead_organisation: Organisation, note: str = ""
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
