"""Writes for the case core: opening, procesregie, transitions, organisations, goals and enrolments
(the family context and the family match: `family.py`). Also the small input checks and the case-access
bookkeeping the other sub-domains share.

Every function is atomic, keyword-only, takes the acting user and is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from guardian.shortcuts import assign_perm, remove_perm

from accounts.access import Actor, has_role_permission
from accounts.models import Organisation, User
from accounts.services import organisation_access_group
from core.audit import acting_as
from core.errors import DomainError
from tracks.models import Intervention
from youths.models import InvolvementReason, Youth
from youths.services.involvement import involvement_add, involvement_end

from ..lifecycle import CaseStatus, transition_check
from ..models import (
    Action,
    AgendaItem,
    Case,
    CaseGoal,
    CaseHandover,
    CaseOrganisation,
    CaseTransition,
    ClosingReason,
    Enrolment,
    LifeDomain,
    Perspective,
    Qualification,
)

VIEW_CASE = "cases.view_case"
VIEW_ALL_CASES = "cases.view_all_cases"
VIEW_INVOLVED_CASES = "cases.view_involved_cases"
# Stored as the role of the procesregie holder's organisation in the case (Dutch: it is shown as is).
PROCESREGIE_ROLE = "Procesregie"
# Organisation kinds that only use the API for aggregated figures (the ministry, accounts.roles
# API_ONLY_ROLES): never a meeting attendee, a case organisation or an action's receiver.
API_ONLY_ORGANISATION_KINDS: tuple[str, ...] = ("ministerie",)


def casework_organisation_or_error(organisation: Organisation, *, field: str) -> None:
    if organisation.kind.code in API_ONLY_ORGANISATION_KINDS:
        raise DomainError(
            _("%(org)s neemt niet deel aan casuswerk en overleggen.") % {"org": organisation.name},
            field=field,
        )


# --- Helpers --------------------------------------------------------------------------------------


def local_today() -> dt.date:
    return timezone.localdate()


def text_required(value: str, *, field: str, message: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(message, field=field)
    if len(text) > max_length:
        raise DomainError(
            _("Maximaal %(n)s tekens (nu %(len)s).") % {"n": max_length, "len": len(text)}, field=field
        )
    return text


def text_optional(value: str, *, field: str, max_length: int) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise DomainError(
            _("Maximaal %(n)s tekens (nu %(len)s).") % {"n": max_length, "len": len(text)}, field=field
        )
    return text


def _may_work_on_cases(user: User) -> bool:
    return has_role_permission(user, VIEW_ALL_CASES) or has_role_permission(user, VIEW_INVOLVED_CASES)


def case_access_sync(*, actor: Actor, case: Case, organisation: Organisation) -> None:
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


def lock_case(case: Case) -> Case:
    """Serialise changes to one case (status, roles, actions) within this transaction."""
    return Case.objects.select_for_update(of=("self",)).select_related("youth").get(pk=case.pk)


# --- Cases ----------------------------------------------------------------------------------------


def _procesregie_organisation(holder: User | None) -> Organisation:
    """The organisation of a person who may hold procesregie; refused for anyone else."""
    organisation = holder.organisation if holder is not None and holder.is_active else None
    if holder is None or organisation is None or not _may_work_on_cases(holder):
        raise DomainError(
            _(
                "Procesregie kan alleen bij een actieve procesregisseur of een professional van een "
                "partner liggen."
            ),
            field="procesregie_holder",
        )
    return organisation


@transaction.atomic
def case_open(
    *,
    actor: Actor,
    youth: Youth,
    procesregie_holder: User,
    reason: str = "",
    opened_from: AgendaItem | None = None,
) -> Case:
    """Open a case for a youth (status aangemeld) with its procesregie holder, whose organisation becomes
    involved. One open case per youth: a second one is refused with a pointer to the open one."""
    organisation = _procesregie_organisation(procesregie_holder)
    reason = text_optional(reason, field="reason", max_length=2000)
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
        basis, basis_text = organisation.sharing_basis_record()
        CaseOrganisation.objects.create(
            case=case,
            organisation=organisation,
            role=PROCESREGIE_ROLE,
            is_procesregie=True,
            added_by=actor,
            sharing_basis=basis,
            sharing_basis_text=basis_text,
        )
        case_access_sync(actor=actor, case=case, organisation=organisation)
    return case


@transaction.atomic
def case_procesregie_assign(*, actor: Actor, case: Case, holder: User) -> Case:
    """Give procesregie to another person; the organisation's role moves along when it changes."""
    case = lock_case(case)
    if case.is_closed:
        raise DomainError(_("Een gesloten casus kan niet meer worden gewijzigd."), field="procesregie_holder")
    organisation = _procesregie_organisation(holder)
    with acting_as(actor):
        old_role = case.organisation_roles.filter(is_procesregie=True, ended_at__isnull=True).first()
        case.procesregie_holder = holder
        case.save(update_fields=["procesregie_holder"])
        if old_role is None or old_role.organisation_id != holder.organisation_id:
            if old_role is not None:
                old_role.ended_at, old_role.ended_by = timezone.now(), actor
                old_role.save(update_fields=["ended_at", "ended_by"])
                case_access_sync(actor=actor, case=case, organisation=old_role.organisation)
            existing = case.organisation_roles.filter(
                organisation=organisation, ended_at__isnull=True
            ).first()
            if existing is not None:
                existing.is_procesregie = True
                existing.role = f"{PROCESREGIE_ROLE}, {existing.role}"[:200]
                existing.record_basis_of(organisation)  # procesregie is a new share: record its basis
                existing.save(update_fields=["is_procesregie", "role", "sharing_basis", "sharing_basis_text"])
            else:
                basis, basis_text = organisation.sharing_basis_record()
                CaseOrganisation.objects.create(
                    case=case,
                    organisation=organisation,
                    role=PROCESREGIE_ROLE,
                    is_procesregie=True,
                    added_by=actor,
                    sharing_basis=basis,
                    sharing_basis_text=basis_text,
                )
            case_access_sync(actor=actor, case=case, organisation=organisation)
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


def _work_finished_or_error(case: Case) -> None:
    """Ending a case (closing or aftercare) waits for its open actions and its running goals."""
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
    running = list(case.goals.filter(status=CaseGoal.Status.OPEN).order_by("life_domain", "id"))
    if running:
        raise DomainError(
            ngettext(
                "Er loopt nog een doel: %(goals)s. Zet het op 'bereikt' of 'niet bereikt' voordat u de "
                "casus afsluit.",
                "Er lopen nog %(n)s doelen: %(goals)s. Zet ze op 'bereikt' of 'niet bereikt' voordat u de "
                "casus afsluit.",
                len(running),
            )
            % {
                "n": len(running),
                "goals": "; ".join(f"{g.get_life_domain_display()}: {g.description}" for g in running),
            },
            field="to",
            code="open_goals",
        )


_OUTCOME_FIELDS = [
    "closing_reason",
    "outcome_perspective",
    "outcome_qualification",
    "outcome_network_size",
]


@transaction.atomic
def case_transition(
    *,
    actor: Actor,
    case: Case,
    to: str,
    reason: str,
    closing: CaseClosing | None = None,
    aftercare_check_in_on: dt.date | None = None,
) -> Case:
    """Move a case to status `to` along the table in cases.lifecycle, recording who, when and why.

    Ending the work (to aftercare, or closing an open case) records the reason and outcome and refuses
    while actions are open or goals still run. Aftercare (nazorg) also needs the check-in date; closing
    from aftercare reuses the outcome recorded then. Closing ends every organisation's role (their
    access to the case and, unless a signal or an action keeps them involved, to the youth). Scaling
    up again from aftercare clears the outcome and the check-in date.
    """
    case = lock_case(case)
    transition_check(source=case.status, target=to)
    reason = text_required(reason, field="reason", message=_("Geef de reden van deze stap."), max_length=2000)
    now = timezone.now()
    fields = ["status", "status_changed_at"]
    from_aftercare = case.status == CaseStatus.NAZORG
    if to == CaseStatus.NAZORG:
        if aftercare_check_in_on is None:
            raise DomainError(_("Geef de datum van het nazorgcontact."), field="aftercare_check_in_on")
        if aftercare_check_in_on < local_today():
            raise DomainError(
                _("De datum van het nazorgcontact ligt in het verleden."), field="aftercare_check_in_on"
            )
        case.aftercare_check_in_on = aftercare_check_in_on
        fields.append("aftercare_check_in_on")
    if to in (CaseStatus.NAZORG, CaseStatus.GESLOTEN):
        if from_aftercare and closing is None:
            closing = CaseClosing(
                reason=case.closing_reason,
                perspective=case.outcome_perspective,
                qualification=case.outcome_qualification,
                network_size=case.outcome_network_size,
            )
        closing = _closing_validated(closing)
        _work_finished_or_error(case)
        case.closing_reason = closing.reason
        case.outcome_perspective = closing.perspective
        case.outcome_qualification = closing.qualification
        case.outcome_network_size = closing.network_size
        fields += _OUTCOME_FIELDS
    elif from_aftercare:
        # Back to work: the outcome recorded for the aftercare no longer holds.
        case.closing_reason = case.outcome_perspective = case.outcome_qualification = ""
        case.outcome_network_size = None
        case.aftercare_check_in_on = None
        fields += [*_OUTCOME_FIELDS, "aftercare_check_in_on"]
    if to == CaseStatus.GESLOTEN:
        case.closed_at = now
        fields.append("closed_at")
    with acting_as(actor):
        source = case.status
        case.status, case.status_changed_at = to, now
        case.save(update_fields=fields)
        CaseTransition.objects.create(case=case, source=source, target=to, reason=reason, by=actor, at=now)
        if to == CaseStatus.GESLOTEN:
            # A closed case has no procesregie to hand over and nothing escalated any more.
            for handover in case.handovers.filter(status=CaseHandover.Status.PENDING):
                handover.status, handover.answered_at, handover.answered_by = (
                    CaseHandover.Status.WITHDRAWN,
                    now,
                    actor,
                )
                handover.answer_reason = str(_("De casus is gesloten."))
                handover.save(update_fields=["status", "answered_at", "answered_by", "answer_reason"])
            for escalation in case.escalations.filter(ended_on__isnull=True):
                escalation.ended_on, escalation.ended_by = local_today(), actor
                escalation.end_reason = str(_("De casus is gesloten."))
                escalation.save(update_fields=["ended_on", "ended_by", "end_reason"])
            for role in case.organisation_roles.filter(ended_at__isnull=True).select_related("organisation"):
                role.ended_at, role.ended_by = now, actor
                role.save(update_fields=["ended_at", "ended_by"])
                case_access_sync(actor=actor, case=case, organisation=role.organisation)
    return case


def case_open_or_error(case: Case, field: str) -> None:
    if case.is_closed:
        raise DomainError(_("Een gesloten casus kan niet meer worden gewijzigd."), field=field)


@transaction.atomic
def case_organisation_add(
    *, actor: Actor, case: Case, organisation: Organisation, role: str
) -> CaseOrganisation:
    """Involve an organisation in the case with its role: it now sees the case and the youth."""
    case = lock_case(case)
    case_open_or_error(case, "organisation")
    role = text_required(
        role, field="role", message=_("Geef de rol van de organisatie in de casus."), max_length=200
    )
    if not organisation.is_active:
        raise DomainError(_("Deze organisatie is niet actief."), field="organisation")
    casework_organisation_or_error(organisation, field="organisation")
    if case.organisation_roles.filter(organisation=organisation, ended_at__isnull=True).exists():
        raise DomainError(
            _("%(org)s is al betrokken bij deze casus.") % {"org": organisation.name}, field="organisation"
        )
    with acting_as(actor):
        basis, basis_text = organisation.sharing_basis_record()
        row = CaseOrganisation.objects.create(
            case=case,
            organisation=organisation,
            role=role,
            added_by=actor,
            sharing_basis=basis,
            sharing_basis_text=basis_text,
        )
        case_access_sync(actor=actor, case=case, organisation=organisation)
    from .family import family_matches_for  # family builds on this module's checks

    family_matches_for(youth_id=case.youth_id)
    return row


@transaction.atomic
def case_organisation_end(*, actor: Actor, case_organisation: CaseOrganisation) -> CaseOrganisation:
    """End an organisation's role. Its access ends too, unless an open action or a signal keeps it."""
    case = lock_case(case_organisation.case)
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
            case_access_sync(actor=actor, case=case, organisation=row.organisation)
    return row


@transaction.atomic
def case_goal_add(*, actor: Actor, case: Case, life_domain: str, description: str) -> CaseGoal:
    case_open_or_error(case, "description")
    if life_domain not in LifeDomain.values:
        raise DomainError(_("Kies het leefgebied van het doel."), field="life_domain")
    description = text_required(
        description, field="description", message=_("Beschrijf het doel."), max_length=500
    )
    with acting_as(actor):
        return CaseGoal.objects.create(
            case=case, life_domain=life_domain, description=description, created_by=actor
        )


@transaction.atomic
def case_goal_set_status(*, actor: Actor, goal: CaseGoal, status: str) -> CaseGoal:
    case_open_or_error(goal.case, "status")
    if status not in CaseGoal.Status.values:
        raise DomainError(_("Kies een geldige status voor het doel."), field="status")
    with acting_as(actor):
        goal.status = status
        goal.save(update_fields=["status"])
    return goal


# --- Enrolments and family ----------------------------------------------------------------------


@transaction.atomic
def enrolment_add(*, actor: Actor, case: Case, intervention: Intervention, started_on: dt.date) -> Enrolment:
    """Enrol the case's youth in one of the plan's interventions (monitoring counts these)."""
    case_open_or_error(case, "intervention")
    if started_on > local_today() + dt.timedelta(days=90):
        raise DomainError(_("De startdatum ligt te ver in de toekomst."), field="started_on")
    if case.enrolments.filter(intervention=intervention, ended_on__isnull=True).exists():
        raise DomainError(
            _("De jongere neemt al deel aan %(name)s.") % {"name": intervention.name}, field="intervention"
        )
    with acting_as(actor):
        return Enrolment.objects.create(
            case=case, intervention=intervention, started_on=started_on, created_by=actor
        )


@dataclass(frozen=True)
class Leaving:
    """What leaving an arrangement with measurable results (plan 3.2, OOZA) asks for: why the youth
    left, whether the youth left education, and the three outcomes at that moment."""

    reason: str
    left_education: bool
    perspective: str
    qualification: str
    network_size: int | None


def _leaving_validated(leaving: Leaving | None) -> Leaving:
    if leaving is None:
        raise DomainError(
            _("Geef bij het einde van deze deelname de reden van uitstroom en de uitkomst."),
            field="end_reason",
        )
    if leaving.reason not in Enrolment.EndReason.values:
        raise DomainError(_("Kies de reden van uitstroom."), field="end_reason")
    if leaving.perspective not in Perspective.values:
        raise DomainError(_("Kies het duurzaam perspectief van de jongere."), field="outcome_perspective")
    if leaving.qualification not in Qualification.values:
        raise DomainError(
            _("Kies diploma, certificaat of praktijkverklaring (of geen)."), field="outcome_qualification"
        )
    if leaving.network_size is None or leaving.network_size < 0 or leaving.network_size > 100:
        raise DomainError(
            _("Geef het aantal mensen in het netwerk van de jongere (0 tot 100)."),
            field="outcome_network_size",
        )
    return leaving


@transaction.atomic
def enrolment_end(
    *,
    actor: Actor,
    enrolment: Enrolment,
    ended_on: dt.date,
    result: str,
    note: str = "",
    leaving: Leaving | None = None,
) -> Enrolment:
    """End an enrolment. In an intervention with measurable results (OOZA, plan 3.2) the reason of
    leaving and the outcomes are required: monitoring takes the OOZA results from here."""
    if enrolment.ended_on is not None:
        raise DomainError(_("Deze deelname is al beëindigd."), field="ended_on")
    if ended_on < enrolment.started_on:
        raise DomainError(_("De einddatum ligt voor de startdatum."), field="ended_on")
    if ended_on > local_today():
        raise DomainError(_("De einddatum ligt in de toekomst."), field="ended_on")
    if result not in Enrolment.Result.values:
        raise DomainError(_("Kies het resultaat van de deelname."), field="result")
    if leaving is not None or enrolment.intervention.measurable_results.exists():
        leaving = _leaving_validated(leaving)
    fields = ["ended_on", "result", "result_note"]
    with acting_as(actor):
        enrolment.ended_on, enrolment.result = ended_on, result
        enrolment.result_note = text_optional(note, field="note", max_length=500)
        if leaving is not None:
            enrolment.end_reason = leaving.reason
            enrolment.left_education = leaving.left_education
            enrolment.outcome_perspective = leaving.perspective
            enrolment.outcome_qualification = leaving.qualification
            enrolment.outcome_network_size = leaving.network_size
            fields += [
                "end_reason",
                "left_education",
                "outcome_perspective",
                "outcome_qualification",
                "outcome_network_size",
            ]
        enrolment.save(update_fields=fields)
    return enrolment
