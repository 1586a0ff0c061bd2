"""PDCA cycles: per track and period, plan, do, check and act."""

from __future__ import annotations

from typing import Any

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor, has_role_permission
from core.errors import DomainError
from tracks.models import Track

from ..models import PdcaCycle, PdcaProposal
from ..periods import Period
from .periods import period_get_or_create

_PDCA_ORDER = [s.value for s in PdcaCycle.Status]


@transaction.atomic
def pdca_save(
    *,
    actor: Actor,
    track: Track,
    period: Period,
    owner: Any,
    status: str,
    plan: str = "",
    do: str = "",
    check_notes: str = "",
    act_adjustment: str = "",
    act_reason: str = "",
) -> PdcaCycle:
    if status not in _PDCA_ORDER:
        raise DomainError(_("Onbekende status."), field="status")
    if act_adjustment.strip() and not act_reason.strip():
        raise DomainError(_("Geef de reden van de bijsturing."), field="act_reason")
    if status == PdcaCycle.Status.CLOSED and not act_adjustment.strip():
        raise DomainError(
            _("Leg vast welke bijsturing is besloten (of dat die niet nodig is) voordat u afrondt."),
            field="act_adjustment",
        )
    reporting_period = period_get_or_create(period=period)
    values = {
        "owner": owner,
        "status": status,
        "plan": plan.strip(),
        "do": do.strip(),
        "check_notes": check_notes.strip(),
        "act_adjustment": act_adjustment.strip(),
        "act_reason": act_reason.strip(),
    }
    with set_actor(actor):
        cycle = PdcaCycle.objects.filter(track=track, period=reporting_period).first()
        if cycle is None:
            return PdcaCycle.objects.create(track=track, period=reporting_period, **values)
        changed = [name for name, value in values.items() if getattr(cycle, name) != value]
        for name in changed:
            setattr(cycle, name, values[name])
        if changed:
            cycle.save(update_fields=[*changed, "updated_at"])
    return cycle


def pdca_may_propose(*, actor: Actor, track: Track) -> bool:
    """A partner whose organisation is one of the track's plan partners (tracks.TrackPartner)."""
    organisation_id = getattr(actor, "organisation_id", None)
    return (
        has_role_permission(actor, "monitoring.add_pdcaproposal")
        and organisation_id is not None
        and track.partners.filter(organisation_id=organisation_id).exists()
    )


@transaction.atomic
def pdca_proposal_add(*, actor: Actor, cycle: PdcaCycle, step: str, text: str) -> PdcaProposal:
    """A partner's proposal for the check or act step of its track's cycle."""
    if not pdca_may_propose(actor=actor, track=cycle.track):
        raise DomainError(
            _("Alleen partners van dit spoor doen voorstellen in deze PDCA-cyclus."), code="forbidden"
        )
    if step not in PdcaProposal.Step.values:
        raise DomainError(_("Kies check of act."), field="step")
    if not text.strip():
        raise DomainError(_("Schrijf uw voorstel."), field="text")
    organisation = actor.organisation
    if organisation is None:  # pdca_may_propose checked it; keeps the type checker informed
        raise DomainError(_("U hoort bij geen organisatie."), code="forbidden")
    if cycle.status == PdcaCycle.Status.CLOSED:
        raise DomainError(_("Deze PDCA-cyclus is afgerond."), field="text")
    with set_actor(actor):
        return PdcaProposal.objects.create(
            cycle=cycle, step=step, text=text.strip(), author=actor, organisation=organisation
        )


@transaction.atomic
def pdca_proposal_decide(
    *, actor: Actor, proposal: PdcaProposal, decision: str, note: str = ""
) -> PdcaProposal:
    """The projectleider adopts or declines a partner's proposal; a declined one says why."""
    if not has_role_permission(actor, "monitoring.change_pdcaproposal"):
        raise DomainError(_("Alleen de projectleider besluit over een voorstel."), code="forbidden")
    if decision not in (PdcaProposal.Decision.ADOPTED, PdcaProposal.Decision.DECLINED):
        raise DomainError(_("Kies overnemen of niet overnemen."), field="decision")
    if decision == PdcaProposal.Decision.DECLINED and not note.strip():
        raise DomainError(_("Geef aan waarom het voorstel niet wordt overgenomen."), field="decision_note")
    proposal = PdcaProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.decision != PdcaProposal.Decision.PROPOSED:
        raise DomainError(_("Over dit voorstel is al besloten."), code="already_decided")
    with set_actor(actor):
        proposal.decision = decision
        proposal.decision_note = note.strip()
        proposal.decided_by = actor
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["decision", "decision_note", "decided_by", "decided_at"])
    return proposal
