"""Writes of the cases app. Every function is atomic, keyword-only, takes the acting user and is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from guardian.shortcuts import assign_perm, remove_perm

from accounts.access import has_role_permission
from accounts.models import Organisation, OrganisationKind
from accounts.reference_data import ORGANISATION_KINDS
from accounts.services import organisation_access_group
from core.audit import acting_as
from core.errors import DomainError
from core.services import notification_send
from tracks.models import Intervention
from youths.models import Flag, Involvement, InvolvementReason, Youth
from youths.services.flags import flag_close
from youths.services.involvement import involvement_add, involvement_end

from .catalogue import FOLLOW_UP_TYPES, LEGAL_BASES
from .groupsteps import STEP_NUMBERS, StepDefinition, step_definition
from .lifecycle import CaseStatus, transition_check
from .models import (
    Action,
    AgendaItem,
    Case,
    CaseGoal,
    CaseOrganisation,
    CaseTransition,
    ClosingReason,
    Enrolment,
    FamilyLink,
    FamilyMatchParticipant,
    FollowUpType,
    LegalBasis,
    LifeDomain,
    Meeting,
    Perspective,
    Qualification,
    YouthGroup,
    YouthGroupMember,
    YouthGroupOrganisation,
    YouthGroupStep,
)

VIEW_CASE = "cases.view_case"
VIEW_ALL_CASES = "cases.view_all_cases"
VIEW_INVOLVED_CASES = "cases.view_involved_cases"
# Stored as the role of the procesregie holder's organisation in the case (Dutch: it is shown as is).
PROCESREGIE_ROLE = "Procesregie"

# --- Managed lists ------------------------------------------------------------------------------


@dataclass
class CaseListsLoadResult:
    created: list[str] = field(default_factory=list)


@transaction.atomic
def case_lists_load(*, actor: Any) -> CaseListsLoadResult:
    """Add the seeded legal bases and follow-up types that are missing. Idempotent.

    Rows that exist (by code) are left as the projectleider edited them; missing organisation kinds
    that the catalogue names are created, so the seed also works on a fresh production database.
    """
    result = CaseListsLoadResult()
    kind_names = dict(ORGANISATION_KINDS)
    with acting_as(actor):
        for order, basis in enumerate(LEGAL_BASES):
            _obj, created = LegalBasis.objects.get_or_create(
                code=basis.code,
                defaults={"name": basis.name, "description": basis.description, "order": order},
            )
            if created:
                result.created.append(f"+ grondslag: {basis.name}")
        needed_kinds = sorted({code for seed in FOLLOW_UP_TYPES for code in seed.kinds})
        kinds = {}
        for code in needed_kinds:
            kinds[code], created = OrganisationKind.objects.get_or_create(
                code=code, defaults={"name": kind_names.get(code, code.capitalize())}
            )
            if created:
                result.created.append(f"+ soort organisatie: {kinds[code].name}")
        interventions = {i.code: i for i in Intervention.objects.all()}
        for order, seed in enumerate(FOLLOW_UP_TYPES):
            follow_up, created = FollowUpType.objects.get_or_create(
                code=seed.code,
                defaults={
                    "name": seed.name,
                    "description": seed.description,
                    "authority": seed.authority,
                    "usual_term_days": seed.term_days,
                    "intervention": interventions.get(seed.intervention),
                    "order": order,
                },
            )
            if created:
                follow_up.authorised_kinds.set([kinds[code] for code in seed.kinds])
                result.created.append(f"+ vervolgactie: {seed.name}")
            elif follow_up.intervention_id is None and seed.intervention in interventions:
                # The plan was loaded after the catalogue: link the intervention now.
                follow_up.intervention = interventions[seed.intervention]
                follow_up.save(update_fields=["intervention"])
    return result


# --- Helpers --------------------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def _text(value: str, *, field: str, message: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(message, field=field)
    if len(text) > max_length:
        raise DomainError(
            _("Maximaal %(n)s tekens (nu %(len)s).") % {"n": max_length, "len": len(text)}, field=field
        )
    return text


def _optional_text(value: str, *, field: str, max_length: int) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise DomainError(
            _("Maximaal %(n)s tekens (nu %(len)s).") % {"n": max_length, "len": len(text)}, field=field
        )
    return text


def _may_work_on_cases(user: Any) -> bool:
    return has_role_permission(user, VIEW_ALL_CASES) or has_role_permission(user, VIEW_INVOLVED_CASES)


def _case_access_sync(*, actor: Any, case: Case, organisation: Organisation) -> None:
    """Make the organisation's access to the case and its youth match its involvement in the case.

    The organisation is involved in the case (reason "case" on the youth, `view_case` on the case) while
    it has an active role in it; it also sees the case while one of its actions in it is open and not
    declined (the action itself keeps it involved with the youth, reason "action"). This function and
    the action services are the only places that grant or withdraw `view_case`.
    """
    has_role = case.organisation_roles.filter(organisation=organisation, ended_at__isnull=True).exists()
    if has_role:
        involvement_add(
            actor=actor,
            organisation=organisation,
            youth=case.youth,
            reason=InvolvementReason.Kind.CASE,
            reference_id=case.pk,
        )
    else:
        involvement_end(
            actor=actor,
            organisation=organisation,
            youth=case.youth,
            reason=InvolvementReason.Kind.CASE,
            reference_id=case.pk,
        )
    has_open_action = (
        case.actions.filter(organisation=organisation, status=Action.Status.OPEN)
        .exclude(response=Action.Response.DECLINED)
        .exists()
    )
    group = organisation_access_group(organisation)
    if has_role or has_open_action:
        assign_perm(VIEW_CASE, group, case)
    else:
        remove_perm(VIEW_CASE, group, case)


def _action_involvement_sync(*, actor: Any, action: Action) -> None:
    """An action keeps its organisation involved with the youth while it is open and not declined."""
    active = action.status == Action.Status.OPEN and action.response != Action.Response.DECLINED
    (involvement_add if active else involvement_end)(
        actor=actor,
        organisation=action.organisation,
        youth=action.youth,
        reason=InvolvementReason.Kind.ACTION,
        reference_id=action.pk,
    )
    if action.case_id is not None:
        _case_access_sync(actor=actor, case=action.case, organisation=action.organisation)


def _lock_case(case: Case) -> Case:
    """Serialise changes to one case (status, roles, actions) within this transaction."""
    return Case.objects.select_for_update(of=("self",)).select_related("youth").get(pk=case.pk)


# --- Cases ----------------------------------------------------------------------------------------


def _procesregie_holder_validated(holder: Any) -> Any:
    if (
        holder is None
        or not holder.is_active
        or holder.organisation_id is None
        or not _may_work_on_cases(holder)
    ):
        raise DomainError(
            _(
                "Procesregie kan alleen bij een actieve procesregisseur of een professional van een "
                "partner liggen."
            ),
            field="procesregie_holder",
        )
    return holder


@transaction.atomic
def case_open(
    *,
    actor: Any,
    youth: Youth,
    procesregie_holder: Any,
    reason: str = "",
    opened_from: AgendaItem | None = None,
) -> Case:
    """Open a case for a youth (status aangemeld) with its procesregie holder, whose organisation becomes
    involved. One open case per youth: a second one is refused with a pointer to the open one."""
    _procesregie_holder_validated(procesregie_holder)
    reason = _optional_text(reason, field="reason", max_length=2000)
    open_case = Case.objects.filter(youth=youth).exclude(status=CaseStatus.GESLOTEN).first()
    if open_case is not None:
        raise DomainError(
            _("Deze jongere heeft al een open casus (casus %(id)s).") % {"id": open_case.pk},
            field="youth",
            code="case_already_open",
        )
    now = timezone.now()
    with acting_as(actor):
        case = Case.objects.create(
            youth=youth,
            procesregie_holder=procesregie_holder,
            reason=reason,
            opened_from=opened_from,
            opened_at=now,
            opened_by=actor,
            status_changed_at=now,
        )
        CaseTransition.objects.create(
            case=case,
            source="",
            target=CaseStatus.AANGEMELD,
            reason=reason or str(_("Casus geopend")),
            by=actor,
            at=now,
        )
        CaseOrganisation.objects.create(
            case=case,
            organisation=procesregie_holder.organisation,
            role=PROCESREGIE_ROLE,
            is_procesregie=True,
            added_by=actor,
        )
        _case_access_sync(actor=actor, case=case, organisation=procesregie_holder.organisation)
    return case


@transaction.atomic
def case_procesregie_assign(*, actor: Any, case: Case, holder: Any) -> Case:
    """Give procesregie to another person; the organisation's role moves along when it changes."""
    case = _lock_case(case)
    if case.is_closed:
        raise DomainError(_("Een gesloten casus kan niet meer worden gewijzigd."), field="procesregie_holder")
    _procesregie_holder_validated(holder)
    with acting_as(actor):
        old_role = case.organisation_roles.filter(is_procesregie=True, ended_at__isnull=True).first()
        case.procesregie_holder = holder
        case.save(update_fields=["procesregie_holder"])
        if old_role is None or old_role.organisation_id != holder.organisation_id:
            if old_role is not None:
                old_role.ended_at, old_role.ended_by = timezone.now(), actor
                old_role.save(update_fields=["ended_at", "ended_by"])
                _case_access_sync(actor=actor, case=case, organisation=old_role.organisation)
            existing = case.organisation_roles.filter(
                organisation=holder.organisation, ended_at__isnull=True
            ).first()
            if existing is not None:
                existing.is_procesregie = True
                existing.role = f"{PROCESREGIE_ROLE}, {existing.role}"[:200]
                existing.save(update_fields=["is_procesregie", "role"])
            else:
                CaseOrganisation.objects.create(
                    case=case,
                    organisation=holder.organisation,
                    role=PROCESREGIE_ROLE,
                    is_procesregie=True,
                    added_by=actor,
                )
            _case_access_sync(actor=actor, case=case, organisation=holder.organisation)
    return case


@dataclass(frozen=True)
class CaseClosing:
    """What closing a case asks for: the reason and the outcome the plan measures (3.2)."""

    reason: str
    perspective: str
    qualification: str
    network_size: int | None


def _closing_validated(closing: CaseClosing | None) -> CaseClosing:
    if closing is None:
        raise DomainError(_("Geef bij het sluiten de reden en de uitkomst."), field="closing_reason")
    if closing.reason not in ClosingReason.values:
        raise DomainError(_("Kies de reden van sluiten."), field="closing_reason")
    if closing.perspective not in Perspective.values:
        raise DomainError(_("Kies het duurzaam perspectief van de jongere."), field="outcome_perspective")
    if closing.qualification not in Qualification.values:
        raise DomainError(
            _("Kies diploma, certificaat of praktijkverklaring (of geen)."), field="outcome_qualification"
        )
    if closing.network_size is None or closing.network_size < 0 or closing.network_size > 100:
        raise DomainError(
            _("Geef het aantal mensen in het netwerk van de jongere (0 tot 100)."),
            field="outcome_network_size",
        )
    return closing


@transaction.atomic
def case_transition(
    *, actor: Any, case: Case, to: str, reason: str, closing: CaseClosing | None = None
) -> Case:
    """Move a case to status `to` along the table in cases.lifecycle, recording who, when and why.

    Closing also records the reason and outcome, refuses while actions are open, and ends every
    organisation's role (their access to the case and, unless a signal or an action keeps them
    involved, to the youth).
    """
    case = _lock_case(case)
    transition_check(source=case.status, target=to)
    reason = _text(reason, field="reason", message=_("Geef de reden van deze stap."), max_length=2000)
    now = timezone.now()
    fields = ["status", "status_changed_at"]
    if to == CaseStatus.GESLOTEN:
        closing = _closing_validated(closing)
        open_actions = case.actions.filter(status=Action.Status.OPEN).count()
        if open_actions:
            raise DomainError(
                ngettext(
                    "Er staat nog %(n)s open actie in deze casus; rond die af of annuleer die eerst.",
                    "Er staan nog %(n)s open acties in deze casus; rond ze af of annuleer ze eerst.",
                    open_actions,
                )
                % {"n": open_actions},
                field="to",
                code="open_actions",
            )
        case.closed_at = now
        case.closing_reason = closing.reason
        case.outcome_perspective = closing.perspective
        case.outcome_qualification = closing.qualification
        case.outcome_network_size = closing.network_size
        fields += [
            "closed_at",
            "closing_reason",
            "outcome_perspective",
            "outcome_qualification",
            "outcome_network_size",
        ]
    with acting_as(actor):
        source = case.status
        case.status, case.status_changed_at = to, now
        case.save(update_fields=fields)
        CaseTransition.objects.create(case=case, source=source, target=to, reason=reason, by=actor, at=now)
        if to == CaseStatus.GESLOTEN:
            for role in case.organisation_roles.filter(ended_at__isnull=True).select_related("organisation"):
                role.ended_at, role.ended_by = now, actor
                role.save(update_fields=["ended_at", "ended_by"])
                _case_access_sync(actor=actor, case=case, organisation=role.organisation)
    return case


def _case_open_or_error(case: Case, field: str) -> None:
    if case.is_closed:
        raise DomainError(_("Een gesloten casus kan niet meer worden gewijzigd."), field=field)


@transaction.atomic
def case_organisation_add(
    *, actor: Any, case: Case, organisation: Organisation, role: str
) -> CaseOrganisation:
    """Involve an organisation in the case with its role: it now sees the case and the youth."""
    case = _lock_case(case)
    _case_open_or_error(case, "organisation")
    role = _text(role, field="role", message=_("Geef de rol van de organisatie in de casus."), max_length=200)
    if not organisation.is_active:
        raise DomainError(_("Deze organisatie is niet actief."), field="organisation")
    if case.organisation_roles.filter(organisation=organisation, ended_at__isnull=True).exists():
        raise DomainError(
            _("%(org)s is al betrokken bij deze casus.") % {"org": organisation.name}, field="organisation"
        )
    with acting_as(actor):
        row = CaseOrganisation.objects.create(case=case, organisation=organisation, role=role, added_by=actor)
        _case_access_sync(actor=actor, case=case, organisation=organisation)
    _family_matches_for(youth_id=case.youth_id)
    return row


@transaction.atomic
def case_organisation_end(*, actor: Any, case_organisation: CaseOrganisation) -> CaseOrganisation:
    """End an organisation's role. Its access ends too, unless an open action or a signal keeps it."""
    case = _lock_case(case_organisation.case)
    row = CaseOrganisation.objects.select_for_update().get(pk=case_organisation.pk)
    if row.is_procesregie and row.ended_at is None:
        raise DomainError(
            _("De organisatie met de procesregie blijft betrokken; geef eerst de procesregie aan een ander."),
            field="organisation",
        )
    if row.ended_at is None:
        with acting_as(actor):
            row.ended_at, row.ended_by = timezone.now(), actor
            row.save(update_fields=["ended_at", "ended_by"])
            _case_access_sync(actor=actor, case=case, organisation=row.organisation)
    return row


@transaction.atomic
def case_goal_add(*, actor: Any, case: Case, life_domain: str, description: str) -> CaseGoal:
    _case_open_or_error(case, "description")
    if life_domain not in LifeDomain.values:
        raise DomainError(_("Kies het leefgebied van het doel."), field="life_domain")
    description = _text(description, field="description", message=_("Beschrijf het doel."), max_length=500)
    with acting_as(actor):
        return CaseGoal.objects.create(
            case=case, life_domain=life_domain, description=description, created_by=actor
        )


@transaction.atomic
def case_goal_set_status(*, actor: Any, goal: CaseGoal, status: str) -> CaseGoal:
    _case_open_or_error(goal.case, "status")
    if status not in CaseGoal.Status.values:
        raise DomainError(_("Kies een geldige status voor het doel."), field="status")
    with acting_as(actor):
        goal.status = status
        goal.save(update_fields=["status"])
    return goal


# --- Actions --------------------------------------------------------------------------------------


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


def _owner_validated(owner: Any, organisation: Organisation) -> Any:
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
    actor: Any,
    follow_up_type: FollowUpType,
    organisation: Organisation,
    youth: Youth | None = None,
    case: Case | None = None,
    agenda_item: AgendaItem | None = None,
    owner: Any | None = None,
    due_on: dt.date | None = None,
    description: str = "",
    goal: CaseGoal | None = None,
) -> Action:
    """Give an action from the catalogue to an organisation of an authorised kind.

    The action is about the case's youth (within a case) or the given youth (from a meeting). The
    organisation becomes involved with the youth (and sees the case) and is asked to accept or decline.
    """
    if case is not None:
        case = _lock_case(case)
        _case_open_or_error(case, "follow_up_type")
        youth = case.youth
    if youth is None:
        raise DomainError(_("Een actie gaat over één jongere."), field="youth")
    if goal is not None and goal.case_id != getattr(case, "pk", None):
        raise DomainError(_("Dit doel hoort niet bij deze casus."), field="goal")
    _authorised_or_error(follow_up_type, organisation)
    _owner_validated(owner, organisation)
    today = _today()
    due_on = due_on or today + dt.timedelta(days=follow_up_type.usual_term_days)
    if due_on < today:
        raise DomainError(_("De uiterste datum ligt in het verleden."), field="due_on")
    description = _optional_text(description, field="description", max_length=2000)
    with acting_as(actor):
        action = Action.objects.create(
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
            text=_action_text(action) + " " + _("Accepteer of weiger de actie."),
            link=reverse("cases:action", args=[action.pk]),
        )
    _family_matches_for(youth_id=youth.pk)
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
def action_respond(*, actor: Any, action: Action, accept: bool, reason: str = "") -> Action:
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
        reason = _optional_text(reason, field="reason", max_length=500)
    else:
        reason = _text(reason, field="reason", message=_("Geef de reden van weigeren."), max_length=500)
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
                    text=_(
                        "%(org)s heeft een actie geweigerd: %(type)s. "
                        "Wijs de actie opnieuw toe of annuleer haar."
                    )
                    % {"org": action.organisation.name, "type": action.follow_up_type.name},
                    link=reverse("cases:action", args=[action.pk]),
                )
    return action


def _action_principals(action: Action) -> list[tuple[Organisation, Any]]:
    """Who answers for an action: the case's procesregie holder, else whoever assigned it."""
    people = [action.case.procesregie_holder] if action.case_id else [action.created_by]
    return [(p.organisation, p) for p in people if p is not None and p.organisation_id is not None]


@transaction.atomic
def action_finish(*, actor: Any, action: Action, done: bool, note: str = "") -> Action:
    """Mark the action done (with its result) or cancel it (with the reason). Its involvement ends."""
    action = _lock_action(action)
    _action_open_or_error(action, "status")
    if done:
        note = _optional_text(note, field="note", max_length=500)
    else:
        note = _text(note, field="note", message=_("Geef de reden van annuleren."), max_length=500)
    with acting_as(actor):
        action.status = Action.Status.DONE if done else Action.Status.CANCELLED
        action.finished_at, action.finished_by, action.result_note = timezone.now(), actor, note
        action.save(update_fields=["status", "finished_at", "finished_by", "result_note"])
        _action_involvement_sync(actor=actor, action=action)
    return action


@transaction.atomic
def action_reassign(
    *,
    actor: Any,
    action: Action,
    organisation: Organisation,
    owner: Any | None = None,
    due_on: dt.date | None = None,
) -> Action:
    """Give a (declined or unanswered) open action to another authorised organisation; it must answer anew."""
    action = _lock_action(action)
    _action_open_or_error(action, "organisation")
    _authorised_or_error(action.follow_up_type, organisation)
    _owner_validated(owner, organisation)
    today = _today()
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
        action.save(
            update_fields=[
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
        if action.case_id is not None and previous.pk != organisation.pk:
            _case_access_sync(actor=actor, case=action.case, organisation=previous)
        _action_involvement_sync(actor=actor, action=action)
        notification_send(
            organisation=organisation,
            user=owner,
            kind="actie-toegewezen",
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
    today = today or _today()
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


# --- Enrolments and family ----------------------------------------------------------------------


@transaction.atomic
def enrolment_add(*, actor: Any, case: Case, intervention: Intervention, started_on: dt.date) -> Enrolment:
    """Enrol the case's youth in one of the plan's interventions (monitoring counts these)."""
    _case_open_or_error(case, "intervention")
    if started_on > _today() + dt.timedelta(days=90):
        raise DomainError(_("De startdatum ligt te ver in de toekomst."), field="started_on")
    if case.enrolments.filter(intervention=intervention, ended_on__isnull=True).exists():
        raise DomainError(
            _("De jongere neemt al deel aan %(name)s.") % {"name": intervention.name}, field="intervention"
        )
    with acting_as(actor):
        return Enrolment.objects.create(
            case=case, intervention=intervention, started_on=started_on, created_by=actor
        )


@transaction.atomic
def enrolment_end(
    *, actor: Any, enrolment: Enrolment, ended_on: dt.date, result: str, note: str = ""
) -> Enrolment:
    if enrolment.ended_on is not None:
        raise DomainError(_("Deze deelname is al beëindigd."), field="ended_on")
    if ended_on < enrolment.started_on:
        raise DomainError(_("De einddatum ligt voor de startdatum."), field="ended_on")
    if ended_on > _today():
        raise DomainError(_("De einddatum ligt in de toekomst."), field="ended_on")
    if result not in Enrolment.Result.values:
        raise DomainError(_("Kies het resultaat van de deelname."), field="result")
    with acting_as(actor):
        enrolment.ended_on, enrolment.result = ended_on, result
        enrolment.result_note = _optional_text(note, field="note", max_length=500)
        enrolment.save(update_fields=["ended_on", "result", "result_note"])
    return enrolment


@transaction.atomic
def family_link_add(
    *,
    actor: Any,
    case: Case,
    relation: str,
    linked_youth: Youth | None = None,
    member_name: str = "",
) -> FamilyLink:
    """Link another youth (from the gateway) or a household member (first name only) to the case.

    Linking a youth runs the family match: organisations involved with one and not the other are told
    of each other (contact, not content).
    """
    _case_open_or_error(case, "relation")
    if relation not in FamilyLink.Relation.values:
        raise DomainError(_("Kies de relatie tot de jongere."), field="relation")
    member_name = _optional_text(member_name, field="member_name", max_length=100)
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
            "organisation"
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
    link = FamilyLink.objects.select_related("case").get(pk=link.pk)
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
    FamilyMatchParticipant.objects.bulk_create(
        [FamilyMatchParticipant(link=link, organisation=org) for org in new]
    )
    new_ids = {org.pk for org in new}
    for pk, organisation in everyone.items():
        others = [o for o in everyone.values() if o.pk != pk and (pk in new_ids or o.pk in new_ids)]
        if not others:
            continue
        # The recipient's own youth: the one it is involved with (both, if it knows both).
        youth_id = link.case.youth_id if pk in side_a else link.linked_youth_id
        notification_send(
            organisation=organisation,
            kind="gezinsmatch",
            text=_(
                "Gezinsmatch: bij een gezinslid van een jongere met wie uw organisatie werkt, is ook "
                "betrokken: %(others)s. Neem contact op om af te stemmen."
            )
            % {"others": "; ".join(_contact(o) for o in sorted(others, key=lambda o: o.name))},
            link=reverse("youths:detail", args=[youth_id]),
        )
    return new


def _family_matches_for(*, youth_id: int) -> None:
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


# --- Meetings -------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    kind: str,
    starts_at: dt.datetime,
    chair: Any,
    organisations: Iterable[Organisation],
    attendees: Iterable[Any] = (),
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
            location=_optional_text(location, field="location", max_length=200),
            other_attendees=_optional_text(other_attendees, field="other_attendees", max_length=500),
            created_by=actor,
        )
        meeting_set_attendance(actor=actor, meeting=meeting, organisations=organisations, attendees=attendees)
    return meeting


@transaction.atomic
def meeting_set_attendance(
    *, actor: Any, meeting: Meeting, organisations: Iterable[Organisation], attendees: Iterable[Any] = ()
) -> Meeting:
    """Who attended. The chair's organisation always attends; attendees' organisations attend too."""
    organisations = list(organisations)
    attendees = list(attendees)
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
    actor: Any,
    meeting: Meeting,
    flag: Flag | None = None,
    case: Case | None = None,
    youth_group: YouthGroup | None = None,
) -> AgendaItem:
    """Put a flagged youth, a case or a group on the agenda (exactly one of them)."""
    if sum(x is not None for x in (flag, case, youth_group)) != 1:
        raise DomainError(_("Kies één signalering, casus of groep voor het agendapunt."), field="subject")
    youth_id = None
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
        _case_open_or_error(case, "case")
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
            youth_id=youth_id,
        )


@transaction.atomic
def agenda_add_open_flags(*, actor: Any, meeting: Meeting) -> list[AgendaItem]:
    """Build the agenda from the open flags that are not yet waiting on an agenda, oldest first."""
    waiting = AgendaItem.objects.filter(flag__isnull=False, decision="").values("flag_id")
    flags = Flag.objects.filter(status=Flag.Status.OPEN).exclude(pk__in=waiting).order_by("raised_at", "pk")
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


def _legal_basis_or_error(item: AgendaItem, field: str) -> None:
    if item.legal_basis_id is None:
        raise DomainError(
            _("Leg eerst de grondslag vast om dit agendapunt te bespreken."),
            field=field,
            code="no_legal_basis",
        )


@transaction.atomic
def agenda_item_record_legal_basis(
    *, actor: Any, item: AgendaItem, legal_basis: LegalBasis, note: str = ""
) -> AgendaItem:
    _item_undecided_or_error(item, "legal_basis")
    if not legal_basis.is_active:
        raise DomainError(_("Deze grondslag is niet meer in gebruik."), field="legal_basis")
    with acting_as(actor):
        item.legal_basis = legal_basis
        item.legal_basis_note = _optional_text(note, field="legal_basis_note", max_length=500)
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
    *, actor: Any, item: AgendaItem, minutes: str, absent_organisations: Iterable[Organisation] | None = None
) -> AgendaItem:
    """Minutes of an item, and which attending organisations were not present for it."""
    _legal_basis_or_error(item, "minutes")
    minutes = _optional_text(minutes, field="minutes", max_length=5000)
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
    actor: Any,
    item: AgendaItem,
    follow_up_type: FollowUpType,
    organisation: Organisation,
    owner: Any | None = None,
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
    actor: Any,
    item: AgendaItem,
    decision: str,
    reason: str = "",
    procesregie_holder: Any | None = None,
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
    _legal_basis_or_error(item, "decision")
    _item_undecided_or_error(item, "decision")
    if decision not in AgendaItem.Decision.values:
        raise DomainError(_("Kies een besluit."), field="decision")
    reason = _optional_text(reason, field="decision_reason", max_length=2000)
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
        if item.flag_id is None:
            raise DomainError(
                _("Een casus openen kan alleen voor een gesignaleerde jongere."), field="decision"
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
                _case_access_sync(actor=actor, case=opened, organisation=action.organisation)
        if item.flag is not None:
            note = str(item.get_decision_display())
            if opened is not None:
                note += f" ({_('casus')} {opened.pk})"
            if reason:
                note += f": {reason}"
            flag_close(actor=actor, flag=item.flag, note=f"{item.meeting}: {note}"[:500])
    return item


# --- Groups (groepsaanpak) -------------------------------------------------------------------------


@transaction.atomic
def youth_group_create(
    *,
    actor: Any,
    name: str,
    area: str,
    coordinator: Any,
    district: Any | None = None,
    legacy_shortlist_label: str = "",
    organisations: Iterable[Organisation] = (),
) -> YouthGroup:
    """A group with its seven steps (CCV 2023); step 1 starts today."""
    name = _text(name, field="name", message=_("Geef de groep een naam."), max_length=200)
    area = _text(area, field="area", message=_("Geef het gebied van de groep."), max_length=200)
    if legacy_shortlist_label and legacy_shortlist_label not in YouthGroup.ShortlistLabel.values:
        raise DomainError(
            _("Kies een bestaand shortlist-label of laat het leeg."), field="legacy_shortlist_label"
        )
    today = _today()
    with acting_as(actor):
        group = YouthGroup.objects.create(
            name=name,
            area=area,
            district=district,
            legacy_shortlist_label=legacy_shortlist_label,
            coordinator=coordinator,
            created_by=actor,
        )
        YouthGroupStep.objects.bulk_create(
            [
                YouthGroupStep(
                    youth_group=group,
                    number=number,
                    status=YouthGroupStep.Status.IN_PROGRESS
                    if number == 1
                    else YouthGroupStep.Status.NOT_STARTED,
                    started_on=today if number == 1 else None,
                    owner=coordinator if number == 1 else None,
                )
                for number in STEP_NUMBERS
            ]
        )
        orgs = {o.pk: o for o in organisations}
        if coordinator.organisation_id:
            orgs.setdefault(coordinator.organisation_id, coordinator.organisation)
        for organisation in orgs.values():
            YouthGroupOrganisation.objects.create(youth_group=group, organisation=organisation)
    return group


def _touch_group(group: YouthGroup) -> None:
    group.updated_at = timezone.now()
    group.save(update_fields=["updated_at"])


@transaction.atomic
def youth_group_organisation_add(
    *, actor: Any, youth_group: YouthGroup, organisation: Organisation, role: str = ""
) -> YouthGroupOrganisation:
    if youth_group.organisation_roles.filter(organisation=organisation).exists():
        raise DomainError(
            _("%(org)s werkt al mee aan deze groep.") % {"org": organisation.name}, field="organisation"
        )
    with acting_as(actor):
        row = YouthGroupOrganisation.objects.create(
            youth_group=youth_group,
            organisation=organisation,
            role=_optional_text(role, field="role", max_length=200),
        )
        _touch_group(youth_group)
    return row


def _namenlijst_free_or_error(group: YouthGroup, position: int | None, member_id: int | None = None) -> None:
    if position is None:
        return
    if position < 1:
        raise DomainError(_("De plek op de namenlijst is 1 of hoger."), field="namenlijst_position")
    taken = group.members.filter(namenlijst_position=position).exclude(pk=member_id).exists()
    if taken:
        raise DomainError(
            _("Plek %(n)s op de namenlijst is al bezet.") % {"n": position}, field="namenlijst_position"
        )


@transaction.atomic
def youth_group_member_add(
    *, actor: Any, youth_group: YouthGroup, youth: Youth, role: str, namenlijst_position: int | None = None
) -> YouthGroupMember:
    if role not in YouthGroupMember.Role.values:
        raise DomainError(_("Kies de rol in de groep."), field="role")
    if youth_group.members.filter(youth=youth).exists():
        raise DomainError(_("Deze jongere is al lid van de groep."), field="youth")
    _namenlijst_free_or_error(youth_group, namenlijst_position)
    with acting_as(actor):
        member = YouthGroupMember.objects.create(
            youth_group=youth_group, youth=youth, role=role, namenlijst_position=namenlijst_position
        )
        _touch_group(youth_group)
    return member


@transaction.atomic
def youth_group_member_update(
    *,
    actor: Any,
    member: YouthGroupMember,
    role: str,
    namenlijst_position: int | None,
    left_on: dt.date | None = None,
) -> YouthGroupMember:
    if role not in YouthGroupMember.Role.values:
        raise DomainError(_("Kies de rol in de groep."), field="role")
    _namenlijst_free_or_error(member.youth_group, namenlijst_position, member.pk)
    with acting_as(actor):
        member.role, member.namenlijst_position, member.left_on = role, namenlijst_position, left_on
        member.save(update_fields=["role", "namenlijst_position", "left_on"])
        _touch_group(member.youth_group)
    return member


@transaction.atomic
def youth_group_member_open_case(
    *, actor: Any, member: YouthGroupMember, procesregie_holder: Any, reason: str = ""
) -> Case:
    """Take a member into an individual case in one action; the membership keeps the link to the case.

    When the youth already has an open case, the member is linked to that one."""
    member = (
        YouthGroupMember.objects.select_for_update(of=("self",))
        .select_related("youth_group", "youth")
        .get(pk=member.pk)
    )
    if member.case_id is not None and not member.case.is_closed:
        raise DomainError(_("Dit groepslid heeft al een casus."), field="member")
    case = Case.objects.filter(youth=member.youth).exclude(status=CaseStatus.GESLOTEN).first()
    if case is None:
        case = case_open(
            actor=actor,
            youth=member.youth,
            procesregie_holder=procesregie_holder,
            reason=reason or _("Uit de groepsaanpak: %(group)s") % {"group": member.youth_group.name},
        )
    with acting_as(actor):
        member.case = case
        member.save(update_fields=["case"])
        _touch_group(member.youth_group)
    return case


def _step_details_validated(definition: StepDefinition, details: dict[str, Any]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for code, value in details.items():
        field = definition.field(code)
        if field is None:
            raise DomainError(
                _("Stap %(n)s kent het gegeven '%(code)s' niet.") % {"n": definition.number, "code": code},
                field=code,
            )
        text = str(value or "").strip()
        if field.kind == "date" and text:
            try:
                text = dt.date.fromisoformat(text).isoformat()
            except ValueError:
                raise DomainError(_("Geef een datum als jjjj-mm-dd."), field=code) from None
        if len(text) > 5000:
            raise DomainError(_("Maximaal 5000 tekens."), field=code)
        if text:
            cleaned[code] = text
    return cleaned


@transaction.atomic
def youth_group_step_update(
    *,
    actor: Any,
    step: YouthGroupStep,
    status: str,
    owner: Any | None = None,
    notes: str = "",
    details: dict[str, Any] | None = None,
) -> YouthGroupStep:
    """Update one step. Completing it needs its required details and the step before it completed."""
    step = (
        YouthGroupStep.objects.select_for_update(of=("self",)).select_related("youth_group").get(pk=step.pk)
    )
    definition = step_definition(step.number)
    if status not in YouthGroupStep.Status.values:
        raise DomainError(_("Kies de status van de stap."), field="status")
    cleaned = _step_details_validated(definition, details if details is not None else step.details)
    notes = _optional_text(notes, field="notes", max_length=5000)
    today = _today()
    if status == YouthGroupStep.Status.COMPLETED:
        missing = [
            str(definition.field(code).label) for code in definition.required_codes if code not in cleaned
        ]  # type: ignore[union-attr]
        if missing:
            raise DomainError(
                _("Stap %(n)s kan pas worden afgerond met: %(missing)s.")
                % {"n": step.number, "missing": ", ".join(missing)},
                field=definition.required_codes[0],
                code="step_incomplete",
            )
        if step.number > 1:
            previous = step.youth_group.steps.get(number=step.number - 1)
            if previous.status != YouthGroupStep.Status.COMPLETED:
                raise DomainError(
                    _("Rond eerst stap %(n)s af.") % {"n": previous.number}, field="status", code="step_order"
                )
    with acting_as(actor):
        step.status, step.owner, step.notes, step.details = status, owner, notes, cleaned
        if status != YouthGroupStep.Status.NOT_STARTED and step.started_on is None:
            step.started_on = today
        step.completed_on = (
            (step.completed_on or today) if status == YouthGroupStep.Status.COMPLETED else None
        )
        step.updated_at, step.updated_by = timezone.now(), actor
        if step.number == STEP_NUMBERS[-1]:
            # Step 7 (afschalen, evalueren en overdragen) completed: the group approach ends.
            group = step.youth_group
            group.status = (
                YouthGroup.Status.CLOSED
                if status == YouthGroupStep.Status.COMPLETED
                else YouthGroup.Status.ACTIVE
            )
            group.save(update_fields=["status"])
        step.save(
            update_fields=[
                "status",
                "owner",
                "notes",
                "details",
                "started_on",
                "completed_on",
                "updated_at",
                "updated_by",
            ]
        )
        _touch_group(step.youth_group)
    return step


# --- Merging duplicate youths (called by youths.services.youth_merge) -------------------------------


def youth_case_data_move(*, actor: Any, duplicate: Youth, survivor: Youth) -> dict[str, int]:
    """Move the duplicate youth's cases, actions, agenda items, group memberships and family links to
    the survivor, inside youth_merge's transaction, before the duplicate is deleted.

    Refused when both have an open case (one youth, one open case: close one first). A family link
    between the two records themselves disappears (they are one person); the same group membership or
    family link on both keeps the survivor's.
    """
    open_cases = Case.objects.filter(youth__in=[duplicate, survivor]).exclude(status=CaseStatus.GESLOTEN)
    if open_cases.filter(youth=duplicate).exists() and open_cases.filter(youth=survivor).exists():
        raise DomainError(
            _("Beide registraties hebben een open casus. Sluit eerst een van beide casussen."),
            field="duplicate",
            code="two_open_cases",
        )
    with acting_as(actor):
        moved = {
            "cases": Case.objects.filter(youth=duplicate).update(youth=survivor),
            "actions": Action.objects.filter(youth=duplicate).update(youth=survivor),
            "agenda_items": AgendaItem.objects.filter(youth=duplicate).update(youth=survivor),
        }
        FamilyLink.objects.filter(case__youth=survivor, linked_youth__in=[duplicate, survivor]).delete()
        taken_links = FamilyLink.objects.filter(linked_youth=survivor).values("case_id")
        FamilyLink.objects.filter(linked_youth=duplicate, case_id__in=taken_links).delete()
        moved["family_links"] = FamilyLink.objects.filter(linked_youth=duplicate).update(
            linked_youth=survivor
        )
        taken_groups = YouthGroupMember.objects.filter(youth=survivor).values("youth_group_id")
        YouthGroupMember.objects.filter(youth=duplicate, youth_group_id__in=taken_groups).delete()
        moved["group_memberships"] = YouthGroupMember.objects.filter(youth=duplicate).update(youth=survivor)
    return moved
