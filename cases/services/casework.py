"""Writes for casework around procesregie (issue 11): the warm handover, escalation and the #kansRIJK
and Halt data of an action.

Every function is atomic, keyword-only, takes the acting user and is audited. Notices go in the
platform only (never by e-mail) and name the case, not the youth.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from accounts.models import User
from core.audit import acting_as
from core.errors import DomainError
from core.models import Notification
from core.services import notification_send

from ..catalogue import AssessmentKind, assessment_kind
from ..models import (
    Action,
    ActionAssessment,
    Case,
    CaseEscalation,
    CaseHandover,
    RiskLevel,
    VictimInvolvement,
)
from .core import (
    _procesregie_organisation,
    case_open_or_error,
    case_procesregie_assign,
    local_today,
    lock_case,
    text_optional,
    text_required,
)


def _notify(*, user: User, text: str, link: str) -> None:
    if user.organisation is None:
        return
    notification_send(
        organisation=user.organisation,
        user=user,
        kind="procesregie",
        audience=Notification.Audience.CASE_WORK,
        text=text,
        link=link,
        email=False,
    )


# --- Warm handover of procesregie -----------------------------------------------------------------


@transaction.atomic
def case_handover_propose(*, actor: Actor, case: Case, to_holder: User, reason: str) -> CaseHandover:
    """Propose to hand procesregie to `to_holder`, with the reason. The current holder keeps procesregie
    until the new holder accepts; both are told in the platform."""
    case = lock_case(case)
    case_open_or_error(case, "to_holder")
    _procesregie_organisation(to_holder)  # refuses anyone who cannot hold procesregie
    reason = text_required(
        reason, field="reason", message=_("Geef de reden van de overdracht."), max_length=2000
    )
    if to_holder.pk == case.procesregie_holder_id:
        raise DomainError(_("Deze persoon heeft de procesregie al."), field="to_holder")
    if case.handovers.filter(status=CaseHandover.Status.PENDING).exists():
        raise DomainError(
            _("Er wacht al een overdracht op acceptatie; trek die eerst in."),
            field="to_holder",
            code="handover_pending",
        )
    with acting_as(actor):
        handover = CaseHandover.objects.create(
            case=case,
            from_holder=case.procesregie_holder,
            to_holder=to_holder,
            reason=reason,
            proposed_by=actor,
        )
    _notify(
        user=to_holder,
        text=_(
            "%(name)s wil de procesregie van casus %(id)s aan u overdragen. Accepteer of wijs af, met een "
            "reden."
        )
        % {"name": case.procesregie_holder.get_full_name(), "id": case.pk},
        link=reverse("cases:handover", args=[handover.pk]),
    )
    if case.procesregie_holder_id != actor.pk:
        _notify(
            user=case.procesregie_holder,
            text=_("De procesregie van casus %(id)s is voorgesteld voor overdracht aan %(name)s.")
            % {"id": case.pk, "name": to_holder.get_full_name()},
            link=reverse("cases:case", args=[case.pk]),
        )
    return handover


def _pending_or_error(handover: CaseHandover) -> CaseHandover:
    row = CaseHandover.objects.select_for_update(of=("self",)).select_related("case").get(pk=handover.pk)
    if row.status != CaseHandover.Status.PENDING:
        raise DomainError(
            _("Deze overdracht is al %(status)s.") % {"status": str(row.get_status_display()).lower()},
            field="accept",
            code="handover_answered",
        )
    return row


@transaction.atomic
def case_handover_answer(
    *, actor: Actor, handover: CaseHandover, accept: bool, reason: str = ""
) -> CaseHandover:
    """The proposed holder accepts (procesregie moves now) or declines with a reason (it stays)."""
    handover = _pending_or_error(handover)
    if handover.to_holder_id != actor.pk:
        raise DomainError(_("Alleen de voorgestelde nieuwe procesregisseur kan antwoorden."), field="accept")
    case_open_or_error(handover.case, "accept")
    reason = text_optional(reason, field="reason", max_length=500)
    if not accept and not reason:
        raise DomainError(_("Geef de reden waarom u de procesregie niet overneemt."), field="reason")
    with acting_as(actor):
        handover.status = CaseHandover.Status.ACCEPTED if accept else CaseHandover.Status.DECLINED
        handover.answered_at, handover.answered_by, handover.answer_reason = timezone.now(), actor, reason
        handover.save(update_fields=["status", "answered_at", "answered_by", "answer_reason"])
    case = handover.case
    if accept:
        case_procesregie_assign(actor=actor, case=case, holder=actor)
    old = User.objects.select_related("organisation").get(pk=handover.from_holder_id)
    link = reverse("cases:case", args=[case.pk])
    if accept:
        text = _("%(name)s heeft de procesregie van casus %(id)s overgenomen.")
    else:
        text = _("%(name)s neemt de procesregie van casus %(id)s niet over; u houdt de procesregie.")
    _notify(user=old, text=text % {"name": actor.get_full_name(), "id": case.pk}, link=link)
    _notify(
        user=actor,
        text=(
            _("U hebt nu de procesregie van casus %(id)s.")
            if accept
            else _("U hebt de overdracht van casus %(id)s afgewezen.")
        )
        % {"id": case.pk},
        link=link if accept else reverse("cases:caseload"),
    )
    return handover


@transaction.atomic
def case_handover_withdraw(*, actor: Actor, handover: CaseHandover) -> CaseHandover:
    """The proposer (or the procesregisseur) withdraws a handover that was not answered yet."""
    handover = _pending_or_error(handover)
    with acting_as(actor):
        handover.status = CaseHandover.Status.WITHDRAWN
        handover.answered_at, handover.answered_by = timezone.now(), actor
        handover.save(update_fields=["status", "answered_at", "answered_by"])
    to_holder = User.objects.select_related("organisation").get(pk=handover.to_holder_id)
    _notify(
        user=to_holder,
        text=_("De voorgestelde overdracht van de procesregie van casus %(id)s is ingetrokken.")
        % {"id": handover.case_id},
        link=reverse("cases:caseload"),
    )
    return handover


# --- Escalation ---------------------------------------------------------------------------------------


@transaction.atomic
def case_escalate(
    *, actor: Actor, case: Case, level: str, reason: str, escalated_on: dt.date | None = None
) -> CaseEscalation:
    """Escalate a case to the Zorg- en Veiligheidshuis or the administrative level, with date and reason.
    One escalation is active at a time; a higher level ends the one before it."""
    case = lock_case(case)
    case_open_or_error(case, "level")
    if level not in CaseEscalation.Level.values:
        raise DomainError(_("Kies waarheen de casus wordt opgeschaald."), field="level")
    reason = text_required(
        reason, field="reason", message=_("Geef de reden van de opschaling."), max_length=2000
    )
    escalated_on = escalated_on or local_today()
    if escalated_on > local_today():
        raise DomainError(_("De datum van opschalen ligt in de toekomst."), field="escalated_on")
    active = case.escalations.filter(ended_on__isnull=True).first()
    if active is not None and active.level == level:
        raise DomainError(
            _("De casus is al opgeschaald naar %(level)s.") % {"level": active.get_level_display()},
            field="level",
        )
    with acting_as(actor):
        if active is not None:
            active.ended_on, active.ended_by = escalated_on, actor
            active.end_reason = str(_("Opgeschaald naar %(level)s.")) % {
                "level": CaseEscalation.Level(level).label
            }
            active.save(update_fields=["ended_on", "ended_by", "end_reason"])
        return CaseEscalation.objects.create(
            case=case, level=level, escalated_on=escalated_on, reason=reason, by=actor
        )


@transaction.atomic
def case_escalation_end(*, actor: Actor, case: Case, reason: str) -> CaseEscalation:
    """End the active escalation (the case is back with the normal procesregie)."""
    case = lock_case(case)
    active = case.escalations.filter(ended_on__isnull=True).first()
    if active is None:
        raise DomainError(_("Deze casus is niet opgeschaald."), field="reason")
    reason = text_required(
        reason, field="reason", message=_("Geef de reden van het afschalen."), max_length=500
    )
    with acting_as(actor):
        active.ended_on, active.ended_by, active.end_reason = local_today(), actor, reason
        active.save(update_fields=["ended_on", "ended_by", "end_reason"])
    return active


# --- #kansRIJK and Halt -----------------------------------------------------------------------------


@transaction.atomic
def action_assessment_record(
    *,
    actor: Actor,
    action: Action,
    instrument: str = "",
    assessed_on: dt.date | None = None,
    risk_level: str = "",
    outcome_note: str = "",
    lvb_screening_done: bool | None = None,
    parents_involved: bool | None = None,
    victim_involvement: str = "",
) -> ActionAssessment:
    """Record the outcome of a #kansRIJK risk assessment, or the involvement of parents and victim in a
    preventive Halt trajectory. Only the fields of the action's kind are accepted; recording it again
    replaces the earlier values (the change log keeps them)."""
    action = Action.objects.select_for_update(of=("self",)).select_related("follow_up_type").get(pk=action.pk)
    kind = assessment_kind(action.follow_up_type)
    if kind is None:
        raise DomainError(
            _("Alleen bij een #kansRIJK-risicotaxatie of een preventief Halt-traject."), field="action"
        )
    if action.status == Action.Status.CANCELLED:
        raise DomainError(_("Deze actie is geannuleerd."), field="action")
    values: dict[str, object]
    if kind == AssessmentKind.KANSRIJK:
        if parents_involved is not None or victim_involvement:
            raise DomainError(
                _("Ouders en slachtoffer horen bij een Halt-traject."), field="parents_involved"
            )
        instrument = text_required(
            instrument,
            field="instrument",
            message=_("Geef het instrument van de risicotaxatie."),
            max_length=100,
        )
        if assessed_on is None:
            raise DomainError(_("Geef de datum van de risicotaxatie."), field="assessed_on")
        if assessed_on > local_today():
            raise DomainError(_("De datum van de risicotaxatie ligt in de toekomst."), field="assessed_on")
        if risk_level not in RiskLevel.values:
            raise DomainError(_("Kies de uitkomst van de risicotaxatie."), field="risk_level")
        if lvb_screening_done is None:
            raise DomainError(_("Geef aan of er een LVB-screening is gedaan."), field="lvb_screening_done")
        values = {
            "instrument": instrument,
            "assessed_on": assessed_on,
            "risk_level": risk_level,
            "outcome_note": text_optional(outcome_note, field="outcome_note", max_length=2000),
            "lvb_screening_done": lvb_screening_done,
        }
    else:
        if instrument or assessed_on or risk_level or lvb_screening_done is not None:
            raise DomainError(_("Een risicotaxatie hoort bij #kansRIJK."), field="instrument")
        if parents_involved is None:
            raise DomainError(_("Geef aan of de ouders betrokken waren."), field="parents_involved")
        if victim_involvement not in VictimInvolvement.values:
            raise DomainError(_("Kies wat er met het slachtoffer is gebeurd."), field="victim_involvement")
        values = {"parents_involved": parents_involved, "victim_involvement": victim_involvement}
    with acting_as(actor):
        assessment, _created = ActionAssessment.objects.update_or_create(
            action=action,
            defaults={**values, "recorded_at": timezone.now(), "recorded_by": actor},
        )
    return assessment
