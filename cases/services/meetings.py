"""Writes for meetings: attendance, the agenda, legal basis, minutes, actions and decisions per item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from accounts.models import Organisation, User
from core.audit import acting_as
from core.errors import DomainError
from youths.models import Flag
from youths.services.flags import flag_close

from ..models import (
    Action,
    AgendaItem,
    Case,
    FollowUpType,
    LegalBasis,
    Meeting,
    Referral,
    YouthGroup,
)
from .actions import action_assign
from .core import (
    case_access_sync,
    case_open,
    case_open_or_error,
    casework_organisation_or_error,
    local_today,
    text_optional,
)


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    kind: str,
    starts_at: dt.datetime,
    chair: User,
    organisations: Iterable[Organisation],
    attendees: Iterable[User] = (),
    other_attendees: str = "",
    location: str = "",
) -> Meeting:
    if kind not in Meeting.Kind.values:
        raise DomainError(_("Kies de soort overleg."), field="kind")
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be timezone-aware")
    with acting_as(actor):
        meeting = Meeting.objects.create(
            kind=kind,
            starts_at=starts_at,
            chair=chair,
            location=text_optional(location, field="location", max_length=200),
            other_attendees=text_optional(other_attendees, field="other_attendees", max_length=500),
            created_by=actor,
        )
        meeting_set_attendance(actor=actor, meeting=meeting, organisations=organisations, attendees=attendees)
    return meeting


@transaction.atomic
def meeting_set_attendance(
    *, actor: Actor, meeting: Meeting, organisations: Iterable[Organisation], attendees: Iterable[User] = ()
) -> Meeting:
    """Who attended. The chair's organisation always attends; attendees' organisations attend too."""
    organisations = list(organisations)
    attendees = list(attendees)
    for organisation in organisations:
        casework_organisation_or_error(organisation, field="organisations")
    org_ids = {o.pk for o in organisations} | {p.organisation_id for p in attendees if p.organisation_id}
    if meeting.chair.organisation_id:
        org_ids.add(meeting.chair.organisation_id)
    with acting_as(actor):
        meeting.attending_organisations.set(sorted(org_ids))
        meeting.attendees.set(attendees)
    return meeting


def _next_position(meeting: Meeting) -> int:
    last = meeting.agenda_items.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def agenda_item_add(
    *,
    actor: Actor,
    meeting: Meeting,
    flag: Flag | None = None,
    case: Case | None = None,
    youth_group: YouthGroup | None = None,
    referral: Referral | None = None,
) -> AgendaItem:
    """Put a flagged youth, a case, a group or a partner's referral on the agenda (exactly one of them)."""
    if sum(x is not None for x in (flag, case, youth_group, referral)) != 1:
        raise DomainError(_("Kies één signalering, casus of groep voor het agendapunt."), field="subject")
    youth_id = None
    if referral is not None:
        if meeting.agenda_items.filter(referral=referral).exists():
            raise DomainError(_("Deze aanmelding staat al op de agenda."), field="referral")
        youth_id = referral.youth_id
    if flag is not None:
        if flag.status != Flag.Status.OPEN:
            raise DomainError(_("Over deze signalering is al besloten."), field="flag")
        waiting = AgendaItem.objects.filter(flag=flag, decision="").select_related("meeting").first()
        if waiting is not None:
            raise DomainError(
                _("Deze signalering staat al op de agenda van %(meeting)s.") % {"meeting": waiting.meeting},
                field="flag",
            )
        youth_id = flag.youth_id
    if case is not None:
        case_open_or_error(case, "case")
        if meeting.agenda_items.filter(case=case).exists():
            raise DomainError(_("Deze casus staat al op de agenda."), field="case")
        youth_id = case.youth_id
    if youth_group is not None and meeting.agenda_items.filter(youth_group=youth_group).exists():
        raise DomainError(_("Deze groep staat al op de agenda."), field="youth_group")
    with acting_as(actor):
        return AgendaItem.objects.create(
            meeting=meeting,
            position=_next_position(meeting),
            flag=flag,
            case=case,
            youth_group=youth_group,
            referral=referral,
            youth_id=youth_id,
        )


@transaction.atomic
def agenda_add_open_flags(*, actor: Actor, meeting: Meeting) -> list[AgendaItem]:
    """Build the agenda from the open flags that are not yet waiting on an agenda: most urgent rule first,
    then oldest first (the order of the flag list)."""
    waiting = AgendaItem.objects.filter(flag__isnull=False, decision="").values("flag_id")
    flags = (
        Flag.objects.filter(status=Flag.Status.OPEN)
        .exclude(pk__in=waiting)
        .order_by("rule__priority", "raised_at", "pk")
    )
    position = _next_position(meeting)
    items = []
    with acting_as(actor):
        for flag in flags:
            items.append(
                AgendaItem.objects.create(
                    meeting=meeting, position=position, flag=flag, youth_id=flag.youth_id
                )
            )
            position += 1
    return items


def _item_undecided_or_error(item: AgendaItem, field: str) -> None:
    if item.decision:
        raise DomainError(_("Over dit agendapunt is al besloten."), field=field)


def _meeting_held_or_error(item: AgendaItem, field: str) -> None:
    """Minutes and decisions are of a meeting that took place: not of one dated after today."""
    if timezone.localdate(item.meeting.starts_at) > local_today():
        raise DomainError(
            _(
                "Dit overleg staat gepland op %(date)s. Notulen en besluiten legt u vast op of na de dag "
                "van het overleg."
            )
            % {"date": timezone.localdate(item.meeting.starts_at).strftime("%d-%m-%Y")},
            field=field,
            code="meeting_not_held",
        )


def _legal_basis_or_error(item: AgendaItem, field: str) -> None:
    if item.legal_basis_id is None:
        raise DomainError(
            _("Leg eerst de grondslag vast om dit agendapunt te bespreken."),
            field=field,
            code="no_legal_basis",
        )


@transaction.atomic
def agenda_item_record_legal_basis(
    *, actor: Actor, item: AgendaItem, legal_basis: LegalBasis, note: str = ""
) -> AgendaItem:
    _item_undecided_or_error(item, "legal_basis")
    if not legal_basis.is_active:
        raise DomainError(_("Deze grondslag is niet meer in gebruik."), field="legal_basis")
    with acting_as(actor):
        item.legal_basis = legal_basis
        item.legal_basis_note = text_optional(note, field="legal_basis_note", max_length=500)
        item.legal_basis_recorded_at, item.legal_basis_recorded_by = timezone.now(), actor
        item.save(
            update_fields=[
                "legal_basis",
                "legal_basis_note",
                "legal_basis_recorded_at",
                "legal_basis_recorded_by",
            ]
        )
    return item


@transaction.atomic
def agenda_item_record_minutes(
    *,
    actor: Actor,
    item: AgendaItem,
    minutes: str,
    absent_organisations: Iterable[Organisation] | None = None,
) -> AgendaItem:
    """Minutes of an item, and which attending organisations were not present for it."""
    _meeting_held_or_error(item, "minutes")
    _legal_basis_or_error(item, "minutes")
    minutes = text_optional(minutes, field="minutes", max_length=5000)
    with acting_as(actor):
        item.minutes = minutes
        item.save(update_fields=["minutes"])
        if absent_organisations is not None:
            attending = set(item.meeting.attending_organisations.values_list("pk", flat=True))
            absent = [o for o in absent_organisations if o.pk in attending]
            item.absent_organisations.set(absent)
    return item


@transaction.atomic
def agenda_item_add_action(
    *,
    actor: Actor,
    item: AgendaItem,
    follow_up_type: FollowUpType,
    organisation: Organisation,
    owner: User | None = None,
    due_on: dt.date | None = None,
    description: str = "",
) -> Action:
    """A follow-up action decided on an item: about the flagged youth, or within the item's case."""
    _legal_basis_or_error(item, "follow_up_type")
    _item_undecided_or_error(item, "follow_up_type")
    if item.youth_id is None:
        raise DomainError(
            _(
                "Acties gaan over één jongere. Neem een groepslid op in een casus, "
                "of leg de afspraak vast in de stappen van de groep."
            ),
            field="follow_up_type",
        )
    return action_assign(
        actor=actor,
        follow_up_type=follow_up_type,
        organisation=organisation,
        youth=item.youth,
        case=item.case,
        agenda_item=item,
        owner=owner,
        due_on=due_on,
        description=description,
    )


@transaction.atomic
def agenda_item_decide(
    *,
    actor: Actor,
    item: AgendaItem,
    decision: str,
    reason: str = "",
    procesregie_holder: User | None = None,
) -> AgendaItem:
    """Record the decision on an item; it closes the flag the item is about.

    - geen verdere actie: needs the reason; not when actions were already given;
    - vervolgacties: needs at least one action on the item (a youth) or the reason (a group);
    - casus openen: only for a flagged youth without an open case; needs the procesregie holder. Actions
      already given on the item move into the new case.
    """
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting", "flag", "case", "youth")
        .get(pk=item.pk)
    )
    _meeting_held_or_error(item, "decision")
    _legal_basis_or_error(item, "decision")
    _item_undecided_or_error(item, "decision")
    if decision not in AgendaItem.Decision.values:
        raise DomainError(_("Kies een besluit."), field="decision")
    reason = text_optional(reason, field="decision_reason", max_length=2000)
    actions = list(item.actions.select_related("organisation"))
    opened: Case | None = None
    if decision == AgendaItem.Decision.NO_ACTION:
        if not reason:
            raise DomainError(
                _("Geef de reden waarom er geen verdere actie nodig is."), field="decision_reason"
            )
        if actions:
            raise DomainError(
                _("Er zijn al vervolgacties gegeven; kies 'vervolgacties' of annuleer die acties eerst."),
                field="decision",
            )
    elif decision == AgendaItem.Decision.FOLLOW_UP:
        if item.youth_id is not None and not actions:
            raise DomainError(_("Geef eerst minstens één vervolgactie."), field="decision")
        if item.youth_id is None and not reason:
            raise DomainError(_("Beschrijf de afspraken over de groep."), field="decision_reason")
    elif decision == AgendaItem.Decision.CASE:
        if (item.flag_id is None and item.referral_id is None) or item.youth is None:
            raise DomainError(
                _("Een casus openen kan alleen voor een gesignaleerde jongere of een aangemelde jongere."),
                field="decision",
            )
        if procesregie_holder is None:
            raise DomainError(_("Kies wie de procesregie krijgt."), field="procesregie_holder")
        opened = case_open(
            actor=actor,
            youth=item.youth,
            procesregie_holder=procesregie_holder,
            reason=reason,
            opened_from=item,
        )
    with acting_as(actor):
        item.decision, item.decision_reason = decision, reason
        item.decided_at, item.decided_by = timezone.now(), actor
        item.save(update_fields=["decision", "decision_reason", "decided_at", "decided_by"])
        if opened is not None:
            for action in actions:
                action.case = opened
                action.save(update_fields=["case"])
                case_access_sync(actor=actor, case=opened, organisation=action.organisation)
        if item.flag is not None:
            note = str(item.get_decision_display())
            if opened is not None:
                note += f" ({_('casus')} {opened.pk})"
            if reason:
                note += f": {reason}"
            flag_close(actor=actor, flag=item.flag, note=f"{item.meeting}: {note}"[:500])
    return item
