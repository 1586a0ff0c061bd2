"""Writes for follow-up actions: assigning, answering, finishing, reassigning and the overdue job."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.access import Actor
from accounts.models import Organisation, User
from core.audit import acting_as
from core.errors import DomainError
from core.models import Notification
from core.services import notification_send
from youths.models import InvolvementReason, Youth
from youths.services.involvement import involvement_add, involvement_end

from ..models import (
    Action,
    AgendaItem,
    Case,
    CaseGoal,
    FollowUpType,
)
from .core import (
    case_access_sync,
    case_open_or_error,
    local_today,
    lock_case,
    text_optional,
    text_required,
)
from .family import family_matches_for


def _action_involvement_sync(*, actor: Actor, action: Action) -> None:
    """An action keeps its organisation involved with the youth while it is open and not declined."""
    active = action.status == Action.Status.OPEN and action.response != Action.Response.DECLINED
    (involvement_add if active else involvement_end)(
        actor=actor,
        organisation=action.organisation,
        youth=action.youth,
        reason=InvolvementReason.Kind.ACTION,
        reference_id=action.pk,
    )
    if action.case is not None:
        case_access_sync(actor=actor, case=action.case, organisation=action.organisation)


def _authorised_or_error(follow_up_type: FollowUpType, organisation: Organisation) -> None:
    if not follow_up_type.is_active:
        raise DomainError(_("Deze soort actie is niet meer in gebruik."), field="follow_up_type")
    kinds = list(follow_up_type.authorised_kinds.all())
    if organisation.kind_id not in {k.pk for k in kinds}:
        raise DomainError(
            _("%(org)s (%(kind)s) is niet bevoegd voor '%(action)s'. Bevoegd: %(allowed)s.")
            % {
                "org": organisation.name,
                "kind": organisation.kind.name,
                "action": follow_up_type.name,
                "allowed": ", ".join(k.name for k in kinds) or "-",
            },
            field="organisation",
            code="not_authorised",
        )
    if not organisation.is_active:
        raise DomainError(_("Deze organisatie is niet actief."), field="organisation")


def _owner_validated(owner: User | None, organisation: Organisation) -> User | None:
    if owner is not None and (owner.organisation_id != organisation.pk or not owner.is_active):
        raise DomainError(
            _("De uitvoerder moet een actieve medewerker van %(org)s zijn.") % {"org": organisation.name},
            field="owner",
        )
    return owner


def _action_text(action: Action) -> str:
    # E-mailed: no personal data, only the kind of action and the date (the link leads to the rest).
    return _("Actie voor uw organisatie: %(type)s, uiterlijk %(date)s.") % {
        "type": action.follow_up_type.name,
        "date": action.due_on.strftime("%d-%m-%Y"),
    }


@transaction.atomic
def action_assign(
    *,
    actor: Actor,
    follow_up_type: FollowUpType,
    organisation: Organisation,
    youth: Youth | None = None,
    case: Case | None = None,
    agenda_item: AgendaItem | None = None,
    owner: User | None = None,
    due_on: dt.date | None = None,
    description: str = "",
    goal: CaseGoal | None = None,
) -> Action:
    """Give an action from the catalogue to an organisation of an authorised kind.

    The action is about the case's youth (within a case) or the given youth (from a meeting). The
    organisation becomes involved with the youth (and sees the case) and is asked to accept or decline.
    """
    if case is not None:
        case = lock_case(case)
        case_open_or_error(case, "follow_up_type")
        youth = case.youth
    if youth is None:
        raise DomainError(_("Een actie gaat over één jongere."), field="youth")
    if goal is not None and goal.case_id != getattr(case, "pk", None):
        raise DomainError(_("Dit doel hoort niet bij deze casus."), field="goal")
    _authorised_or_error(follow_up_type, organisation)
    _owner_validated(owner, organisation)
    today = local_today()
    due_on = due_on or today + dt.timedelta(days=follow_up_type.usual_term_days)
    if due_on < today:
        raise DomainError(_("De uiterste datum ligt in het verleden."), field="due_on")
    description = text_optional(description, field="description", max_length=2000)
    basis, basis_text = organisation.sharing_basis_record()
    with acting_as(actor):
        action = Action.objects.create(
            sharing_basis=basis,
            sharing_basis_text=basis_text,
            youth=youth,
            case=case,
            agenda_item=agenda_item,
            goal=goal,
            follow_up_type=follow_up_type,
            organisation=organisation,
            owner=owner,
            description=description,
            due_on=due_on,
            created_by=actor,
        )
        _action_involvement_sync(actor=actor, action=action)
        notification_send(
            organisation=organisation,
            user=owner,
            kind="actie-toegewezen",
            audience=Notification.Audience.CASE_WORK,
            text=_action_text(action) + " " + _("Accepteer of weiger de actie."),
            link=reverse("cases:action", args=[action.pk]),
        )
    family_matches_for(youth_id=youth.pk)
    return action


def _lock_action(action: Action) -> Action:
    return (
        Action.objects.select_for_update(of=("self",))
        .select_related("follow_up_type", "organisation", "youth", "case", "created_by")
        .get(pk=action.pk)
    )


def _action_open_or_error(action: Action, field: str) -> None:
    if action.status != Action.Status.OPEN:
        raise DomainError(
            _("Deze actie is al %(status)s.") % {"status": action.get_status_display().lower()}, field=field
        )


@transaction.atomic
def action_respond(*, actor: Actor, action: Action, accept: bool, reason: str = "") -> Action:
    """The receiving organisation accepts the action, or declines it with a reason.

    A declined action stops involving the organisation; whoever assigned it (and the procesregie holder)
    is told, and the procesregisseur's list shows it to reassign or cancel.
    """
    action = _lock_action(action)
    _action_open_or_error(action, "response")
    if action.response != Action.Response.PENDING:
        raise DomainError(
            _("Op deze actie is al gereageerd (%(response)s).")
            % {"response": action.get_response_display().lower()},
            field="response",
        )
    if accept:
        reason = text_optional(reason, field="reason", max_length=500)
    else:
        reason = text_required(
            reason, field="reason", message=_("Geef de reden van weigeren."), max_length=500
        )
    with acting_as(actor):
        action.response = Action.Response.ACCEPTED if accept else Action.Response.DECLINED
        action.response_reason = reason
        action.responded_at, action.responded_by = timezone.now(), actor
        if accept and action.owner_id is None and actor.organisation_id == action.organisation_id:
            action.owner = actor
        action.save(update_fields=["response", "response_reason", "responded_at", "responded_by", "owner"])
        if not accept:
            _action_involvement_sync(actor=actor, action=action)
            for organisation, user in _action_principals(action):
                notification_send(
                    organisation=organisation,
                    user=user,
                    kind="actie-geweigerd",
                    audience=Notification.Audience.CASE_WORK,
                    text=_(
                        "%(org)s heeft een actie geweigerd: %(type)s. "
                        "Wijs de actie opnieuw toe of annuleer haar."
                    )
                    % {"org": action.organisation.name, "type": action.follow_up_type.name},
                    link=reverse("cases:action", args=[action.pk]),
                )
    return action


def _action_principals(action: Action) -> list[tuple[Organisation, User]]:
    """Who answers for an action: the case's procesregie holder, else whoever assigned it."""
    person = action.case.procesregie_holder if action.case is not None else action.created_by
    return [(person.organisation, person)] if person.organisation is not None else []


@transaction.atomic
def action_finish(*, actor: Actor, action: Action, done: bool, note: str = "") -> Action:
    """Mark the action done (with its result) or cancel it (with the reason). Its involvement ends."""
    action = _lock_action(action)
    _action_open_or_error(action, "status")
    if done:
        note = text_optional(note, field="note", max_length=500)
    else:
        note = text_required(note, field="note", message=_("Geef de reden van annuleren."), max_length=500)
    with acting_as(actor):
        action.status = Action.Status.DONE if done else Action.Status.CANCELLED
        action.finished_at, action.finished_by, action.result_note = timezone.now(), actor, note
        action.save(update_fields=["status", "finished_at", "finished_by", "result_note"])
        _action_involvement_sync(actor=actor, action=action)
    return action


@transaction.atomic
def action_reassign(
    *,
    actor: Actor,
    action: Action,
    organisation: Organisation,
    owner: User | None = None,
    due_on: dt.date | None = None,
) -> Action:
    """Give a (declined or unanswered) open action to another authorised organisation; it must answer anew."""
    action = _lock_action(action)
    _action_open_or_error(action, "organisation")
    _authorised_or_error(action.follow_up_type, organisation)
    _owner_validated(owner, organisation)
    today = local_today()
    due_on = due_on or max(action.due_on, today + dt.timedelta(days=action.follow_up_type.usual_term_days))
    if due_on < today:
        raise DomainError(_("De uiterste datum ligt in het verleden."), field="due_on")
    with acting_as(actor):
        previous = action.organisation
        # End the previous organisation's involvement through this action first.
        action.status = Action.Status.CANCELLED
        _action_involvement_sync(actor=actor, action=action)
        action.status = Action.Status.OPEN
        action.organisation, action.owner, action.due_on = organisation, owner, due_on
        action.response, action.response_reason = Action.Response.PENDING, ""
        action.responded_at = action.responded_by = None
        action.overdue_notified_on = None
        action.record_basis_of(organisation)  # a new assignment: the new organisation's basis
        action.save(
            update_fields=[
                "sharing_basis",
                "sharing_basis_text",
                "organisation",
                "owner",
                "due_on",
                "response",
                "response_reason",
                "responded_at",
                "responded_by",
                "overdue_notified_on",
            ]
        )
        if action.case is not None and previous.pk != organisation.pk:
            case_access_sync(actor=actor, case=action.case, organisation=previous)
        _action_involvement_sync(actor=actor, action=action)
        notification_send(
            organisation=organisation,
            user=owner,
            kind="actie-toegewezen",
            audience=Notification.Audience.CASE_WORK,
            text=_action_text(action) + " " + _("Accepteer of weiger de actie."),
            link=reverse("cases:action", args=[action.pk]),
        )
    return action


def actions_overdue_notify(*, today: dt.date | None = None) -> int:
    """Tell the owner of every overdue action, at most once per day. Idempotent: safe to run twice.

    Each action is claimed with a conditional UPDATE of `overdue_notified_on` in its own transaction
    together with its notification, so two concurrent runs never both notify, and a crash leaves the
    unnotified actions for the next run. Declined actions are the procesregisseur's, not the owner's.
    """
    today = today or local_today()
    not_today = Q(overdue_notified_on__isnull=True) | Q(overdue_notified_on__lt=today)
    candidates = (
        Action.objects.filter(not_today, status=Action.Status.OPEN, due_on__lt=today)
        .exclude(response=Action.Response.DECLINED)
        .order_by("due_on", "pk")
        .values_list("pk", flat=True)
    )
    sent = 0
    for action_id in list(candidates.iterator(chunk_size=500)):
        with transaction.atomic():
            if not Action.objects.filter(not_today, pk=action_id).update(overdue_notified_on=today):
                continue  # another run got it first
            action = Action.objects.select_related("follow_up_type", "organisation", "owner").get(
                pk=action_id
            )
            owner = (
                action.owner
                if action.owner and action.owner.organisation_id == action.organisation_id
                else None
            )
            days = (today - action.due_on).days
            notification_send(
                organisation=action.organisation,
                user=owner,
                kind="actie-te-laat",
                audience=Notification.Audience.CASE_WORK,
                text=ngettext(
                    "Actie te laat: %(type)s (uiterlijk %(date)s, %(days)s dag geleden).",
                    "Actie te laat: %(type)s (uiterlijk %(date)s, %(days)s dagen geleden).",
                    days,
                )
                % {
                    "type": action.follow_up_type.name,
                    "date": action.due_on.strftime("%d-%m-%Y"),
                    "days": days,
                },
                link=reverse("cases:action", args=[action.pk]),
            )
            sent += 1
    return sent
