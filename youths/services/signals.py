"""Signals: a partner logs, corrects or withdraws what it saw about a youth."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from accounts.models import Organisation
from core.audit import acting_as
from core.errors import DomainError
from tracks.models import Intervention

from ..models import (
    SIGNAL_DESCRIPTION_MAX_LENGTH,
    Domain,
    InvolvementReason,
    Match,
    Signal,
    SignalCategory,
    Youth,
)
from .flags import flags_evaluate
from .involvement import involvement_add, involvement_end
from .matches import match_record
from .youths import YouthIdentity, youth_find_or_create, youth_lock


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


def _sharing_basis_agreed_or_error(organisation: Organisation) -> None:
    """Like the Verwijsindex, no signal without a legal ground: the organisation's sharing basis must be
    agreed by the partners (a draft is not a ground). The beheerder sets it (docs/privacy-basis.md)."""
    basis = organisation.sharing_basis
    if basis is None:
        raise DomainError(
            _(
                "Uw organisatie heeft nog geen grondslag om gegevens te delen. Zonder grondslag kunt u geen "
                "signaal melden; vraag de beheerder de grondslag (convenant en artikel) vast te leggen."
            ),
            field="organisation",
            code="no_sharing_basis",
        )
    if not basis.is_agreed:
        raise DomainError(
            _(
                "De grondslag van uw organisatie (%(basis)s) is nog een concept: de partners hebben er nog "
                "niet mee ingestemd. Tot dan kunt u geen signaal melden."
            )
            % {"basis": basis},
            field="organisation",
            code="sharing_basis_draft",
        )


@transaction.atomic
def signal_log(
    *,
    actor: Actor,
    category: SignalCategory,
    domain: str,
    observed_on: dt.date,
    description: str,
    youth: Youth | None = None,
    identity_data: YouthIdentity | None = None,
    intervention: Intervention | None = None,
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
    # Read afresh: the basis in force now is what the signal records (not a copy cached on the actor).
    organisation = Organisation.objects.select_related("sharing_basis").get(pk=actor.organisation_id)
    _sharing_basis_agreed_or_error(organisation)
    text = _signal_fields_validated(
        category=category, domain=domain, observed_on=observed_on, description=description
    )
    with acting_as(actor):
        if youth is None:
            assert identity_data is not None  # noqa: S101 - narrowed above
            youth = youth_find_or_create(actor=actor, data=identity_data)
        youth = youth_lock(youth)
        _observed_after_birth(youth, observed_on)
        now = timezone.now()
        signal = Signal.objects.create(
            youth=youth,
            category=category,
            domain=domain,
            observed_on=observed_on,
            description=text,
            organisation=organisation,
            reported_by=actor,
            intervention=intervention,
            created_at=now,
            sharing_basis=organisation.sharing_basis,
            # A frozen copy: a later edit of the covenant does not rewrite what this signal was shared on.
            sharing_basis_text=organisation.sharing_basis_record()[1],
        )
        change = involvement_add(
            actor=actor,
            organisation=organisation,
            youth=youth,
            reason=InvolvementReason.Kind.SIGNAL,
            reference_id=signal.pk,
            at=now,
        )
        youth.last_activity_at = now
        youth.save(update_fields=["last_activity_at"])
        if change.newly_involved:
            match_record(
                youth=youth,
                newcomers={organisation.pk},
                cause=Match.Cause.SIGNAL,
                trigger_signal=signal,
            )
        flags_evaluate(youth=youth)
    return signal


@transaction.atomic
def signal_correct(
    *,
    actor: Actor,
    signal: Signal,
    category: SignalCategory,
    domain: str,
    observed_on: dt.date,
    description: str,
    intervention: Intervention | None = None,
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
        flags_evaluate(youth=youth_lock(signal.youth))
    return signal


@transaction.atomic
def signal_withdraw(*, actor: Actor, signal: Signal, reason: str) -> Signal:
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
