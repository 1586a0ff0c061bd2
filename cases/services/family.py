"""Writes for a case's family context and the family match: organisations involved with different
members of one family are told of each other (contact, never content) and follow the match up once for
all of them (docs/cases.md, "Family context and the family match").

Every function is atomic, keyword-only, takes the acting user and is audited.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from accounts.models import Organisation
from core.audit import acting_as
from core.errors import DomainError
from core.models import Notification
from core.services import notification_send
from youths.models import Involvement, Youth

from ..lifecycle import CaseStatus
from ..models import Case, FamilyLink, FamilyMatchParticipant
from .core import case_open_or_error, text_optional


@transaction.atomic
def family_link_add(
    *,
    actor: Actor,
    case: Case,
    relation: str,
    linked_youth: Youth | None = None,
    member_name: str = "",
) -> FamilyLink:
    """Link another youth (from the gateway) or a household member (first name only) to the case.

    Linking a youth runs the family match: organisations involved with one and not the other are told
    of each other (contact, not content).
    """
    case_open_or_error(case, "relation")
    if relation not in FamilyLink.Relation.values:
        raise DomainError(_("Kies de relatie tot de jongere."), field="relation")
    member_name = text_optional(member_name, field="member_name", max_length=100)
    if (linked_youth is None) == (not member_name):
        raise DomainError(
            _("Kies een jongere óf geef de roepnaam van een gezinslid, niet allebei."), field="linked_youth"
        )
    if linked_youth is not None:
        if linked_youth.pk == case.youth_id:
            raise DomainError(_("Een jongere is geen gezinslid van zichzelf."), field="linked_youth")
        if case.family_links.filter(linked_youth=linked_youth).exists():
            raise DomainError(_("Deze jongere staat al in de gezinscontext."), field="linked_youth")
    with acting_as(actor):
        link = FamilyLink.objects.create(
            case=case, relation=relation, linked_youth=linked_youth, member_name=member_name, created_by=actor
        )
    if linked_youth is not None:
        family_match_check(link=link)
    return link


def _active_organisations(youth_id: int) -> dict[int, Organisation]:
    return {
        i.organisation_id: i.organisation
        for i in Involvement.objects.filter(youth_id=youth_id, ended_at__isnull=True).select_related(
            "organisation__sharing_basis"
        )
    }


def _contact(organisation: Organisation) -> str:
    parts = [
        p for p in (organisation.contact_name, organisation.contact_phone, organisation.contact_email) if p
    ]
    return f"{organisation.name} ({', '.join(parts)})" if parts else organisation.name


@transaction.atomic
def family_match_check(*, link: FamilyLink) -> list[Organisation]:
    """When the youths of a family link are involved with different organisations, tell them of each other.

    Like a match on one youth: every organisation learns who else is involved and whom to call, never
    what they know. Each organisation is told once per link; when a new one joins, the others hear of
    it. Idempotent (the participants are remembered). Returns the newly told organisations.
    """
    link = FamilyLink.objects.select_related("case__youth", "linked_youth").get(pk=link.pk)
    if link.linked_youth_id is None:
        return []
    side_a = _active_organisations(link.case.youth_id)
    side_b = _active_organisations(link.linked_youth_id)
    if set(side_a) == set(side_b):
        return []  # the same organisations know both youths already
    everyone = {**side_a, **side_b}
    told = set(link.match_participants.values_list("organisation_id", flat=True))
    new = [org for pk, org in everyone.items() if pk not in told]
    if not new:
        return []
    participants = []
    for org in new:
        participant = FamilyMatchParticipant(link=link, organisation=org)
        participant.record_basis_of(org)  # the basis on which its involvement is made known
        participants.append(participant)
    FamilyMatchParticipant.objects.bulk_create(participants)
    if link.match_followed_up_at is not None:
        # An organisation joins a settled family match: the coordination is open again, for everyone.
        _family_match_follow_up_clear(link)
    new_ids = {org.pk for org in new}
    for pk, organisation in everyone.items():
        others = [o for o in everyone.values() if o.pk != pk and (pk in new_ids or o.pk in new_ids)]
        if not others:
            continue
        # The recipient's own youth: the one it is involved with (both, if it knows both). The notice names
        # that youth only (the organisation may read it), never the family member it has no access to.
        youth = link.case.youth if pk in side_a else link.linked_youth
        assert youth is not None  # noqa: S101 - linked_youth_id checked above
        notification_send(
            organisation=organisation,
            kind="gezinsmatch",
            audience=Notification.Audience.CASE_WORK,
            text=_(
                "Gezinsmatch over %(youth)s: bij een gezinslid van deze jongere is ook betrokken: "
                "%(others)s. Neem contact op om af te stemmen."
            )
            % {
                "youth": youth.full_name,
                "others": "; ".join(_contact(o) for o in sorted(others, key=lambda o: o.name)),
            },
            link=reverse("cases:family_match", args=[link.pk]),
            youth_id=youth.pk,
            youth_name=youth.full_name,
        )
    return new


def _family_match_follow_up_clear(link: FamilyLink) -> None:
    link.match_in_touch_on = None
    link.match_lead_organisation = None
    link.match_follow_up_note = ""
    link.match_followed_up_at = None
    link.match_followed_up_by = None
    link.save(
        update_fields=[
            "match_in_touch_on",
            "match_lead_organisation",
            "match_follow_up_note",
            "match_followed_up_at",
            "match_followed_up_by",
        ]
    )


@transaction.atomic
def family_match_follow_up(
    *, actor: Actor, link: FamilyLink, in_touch_on: dt.date, lead_organisation: Organisation, note: str = ""
) -> FamilyLink:
    """Record, once for every organisation of the family match, that they were in touch and who takes the
    lead (like the follow-up of a match on one youth). The others are told in the platform."""
    link = (
        FamilyLink.objects.select_for_update(of=("self",))
        .select_related("case__youth", "linked_youth")
        .get(pk=link.pk)
    )
    participants = {
        p.organisation_id: p.organisation for p in link.match_participants.select_related("organisation")
    }
    if not participants:
        raise DomainError(_("Bij dit gezinslid is geen gezinsmatch."), field="lead_organisation")
    if in_touch_on > timezone.localdate():
        raise DomainError(_("De datum van het contact ligt in de toekomst."), field="in_touch_on")
    if in_touch_on < timezone.localtime(link.created_at).date():
        raise DomainError(_("De datum van het contact ligt vóór de gezinsmatch."), field="in_touch_on")
    if lead_organisation.pk not in participants:
        raise DomainError(
            _("De organisatie die het voortouw neemt, moet een van de betrokken organisaties zijn."),
            field="lead_organisation",
        )
    note = text_optional(note, field="note", max_length=500)
    with acting_as(actor):
        link.match_in_touch_on = in_touch_on
        link.match_lead_organisation = lead_organisation
        link.match_follow_up_note = note
        link.match_followed_up_at = timezone.now()
        link.match_followed_up_by = actor
        link.save(
            update_fields=[
                "match_in_touch_on",
                "match_lead_organisation",
                "match_follow_up_note",
                "match_followed_up_at",
                "match_followed_up_by",
            ]
        )
    side_a = set(_active_organisations(link.case.youth_id))
    for pk, organisation in participants.items():
        if pk == actor.organisation_id:
            continue
        youth = link.case.youth if pk in side_a or link.linked_youth is None else link.linked_youth
        notification_send(
            organisation=organisation,
            kind="gezinsmatch",
            audience=Notification.Audience.CASE_WORK,
            text=_("Gezinsmatch over %(youth)s opgevolgd: %(lead)s neemt het voortouw.")
            % {"youth": youth.full_name, "lead": lead_organisation.name},
            link=reverse("cases:family_match", args=[link.pk]),
            youth_id=youth.pk,
            youth_name=youth.full_name,
        )
    return link


def family_matches_for(*, youth_id: int) -> None:
    """A youth's involvement changed: check the family links it is part of (in open cases)."""
    links = FamilyLink.objects.filter(
        Q(case__youth_id=youth_id) | Q(linked_youth_id=youth_id), linked_youth__isnull=False
    ).exclude(case__status=CaseStatus.GESLOTEN)
    for link in links:
        family_match_check(link=link)


def family_matches_refresh() -> int:
    """Daily: involvement changes after a link was made (a new signal, a new case role) can make a
    family match; check every link to another youth. Returns the number of organisations told."""
    told = 0
    links = (
        FamilyLink.objects.filter(linked_youth__isnull=False)
        .exclude(case__status=CaseStatus.GESLOTEN)
        .values_list("pk", flat=True)
    )
    for link_id in list(links.iterator(chunk_size=500)):
        told += len(family_match_check(link=FamilyLink(pk=link_id)))
    return told
