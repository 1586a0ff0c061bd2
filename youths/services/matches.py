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


def match_record(
    *, youth: Youth, newcomers: set[int], cause: str, trigger_signal: Signal | None = None
) -> Match | None:
    """Record a match when two or more organisations are involved, and tell each who the others are.

    The notification (in-app and e-mailed) names the other organisations and their contact persons;
    never the youth's name and never what anyone logged.
    """
    organisations = involved_organisations(youth)
    if len(organisations) < 2:
        return None
    match = Match.objects.create(youth=youth, cause=cause, trigger_signal=trigger_signal)
    participants = []
    for org in organisations:
        # Each organisation's involvement is made known to the others on its own sharing basis.
        participant = MatchParticipant(match=match, organisation=org, is_newcomer=org.pk in newcomers)
        participant.record_basis_of(org)
        participants.append(participant)
    MatchParticipant.objects.bulk_create(participants)
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
        notification_send(
            organisation=organisation,
            kind="match",
            text=text,
            link=link,
            audience=Notification.Audience.CASE_WORK,
        )
    return match


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
