"""Writes for the group approach (groepsaanpak): groups, organisations, members and the seven steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from accounts.models import Organisation, User
from core.audit import acting_as
from core.errors import DomainError
from youths.models import District, Signal, Youth

from ..groupsteps import STEP_NUMBERS, StepDefinition, step_definition
from ..lifecycle import CaseStatus
from ..models import (
    Case,
    GroupStepSignal,
    YouthGroup,
    YouthGroupMember,
    YouthGroupOrganisation,
    YouthGroupStep,
)
from .core import case_open, local_today, text_optional, text_required

# The organisation kind whose name list (namenlijst) a group works with (accounts/reference_data.py).
POLICE_KIND_CODE = "politie"


@transaction.atomic
def youth_group_create(
    *,
    actor: Actor,
    name: str,
    area: str,
    coordinator: User,
    district: District | None = None,
    organisations: Iterable[Organisation] = (),
) -> YouthGroup:
    """A group with its seven steps (CCV 2023); step 1 starts today."""
    name = text_required(name, field="name", message=_("Geef de groep een naam."), max_length=200)
    area = text_required(area, field="area", message=_("Geef het gebied van de groep."), max_length=200)
    today = local_today()
    with acting_as(actor):
        group = YouthGroup.objects.create(
            name=name,
            area=area,
            district=district,
            coordinator=coordinator,
            created_by=actor,
        )
        _round_create(group, round_number=1, owner=coordinator, today=today)
        orgs = {o.pk: o for o in organisations}
        if coordinator.organisation is not None:
            orgs.setdefault(coordinator.organisation.pk, coordinator.organisation)
        for organisation in orgs.values():
            YouthGroupOrganisation.objects.create(youth_group=group, organisation=organisation)
    return group


def _round_create(group: YouthGroup, *, round_number: int, owner: User, today: dt.date) -> None:
    YouthGroupStep.objects.bulk_create(
        [
            YouthGroupStep(
                youth_group=group,
                round=round_number,
                number=number,
                status=YouthGroupStep.Status.IN_PROGRESS
                if number == 1
                else YouthGroupStep.Status.NOT_STARTED,
                started_on=today if number == 1 else None,
                owner=owner if number == 1 else None,
            )
            for number in STEP_NUMBERS
        ]
    )


def latest_round(group: YouthGroup) -> int:
    return group.steps.aggregate(n=Max("round"))["n"] or 1


# The step whose completion allows a new round: uitvoeren en monitoren, evaluated.
ROUND_AFTER_STEP = 6


@transaction.atomic
def youth_group_round_start(*, actor: Actor, youth_group: YouthGroup) -> int:
    """Start the next round of the cycle (CCV): seven new steps, step 1 running; the steps of earlier
    rounds stay as they are, so a second groepsscan and duiding stand next to the first. Allowed once
    step 6 of the current round is completed (monitored and evaluated). Returns the new round's number."""
    group = YouthGroup.objects.select_for_update().get(pk=youth_group.pk)
    current = latest_round(group)
    step = group.steps.get(round=current, number=ROUND_AFTER_STEP)
    if step.status != YouthGroupStep.Status.COMPLETED:
        raise DomainError(
            _("Een nieuwe ronde begint na de evaluatie: rond eerst stap %(n)s van ronde %(r)s af.")
            % {"n": ROUND_AFTER_STEP, "r": current},
            field="round",
            code="round_too_early",
        )
    with acting_as(actor):
        _round_create(group, round_number=current + 1, owner=group.coordinator, today=local_today())
        group.status = YouthGroup.Status.ACTIVE
        group.save(update_fields=["status"])
        _touch_group(group)
    return current + 1


def _touch_group(group: YouthGroup) -> None:
    group.updated_at = timezone.now()
    group.save(update_fields=["updated_at"])


@transaction.atomic
def youth_group_organisation_add(
    *, actor: Actor, youth_group: YouthGroup, organisation: Organisation, role: str = ""
) -> YouthGroupOrganisation:
    if youth_group.organisation_roles.filter(organisation=organisation).exists():
        raise DomainError(
            _("%(org)s werkt al mee aan deze groep.") % {"org": organisation.name}, field="organisation"
        )
    with acting_as(actor):
        row = YouthGroupOrganisation.objects.create(
            youth_group=youth_group,
            organisation=organisation,
            role=text_optional(role, field="role", max_length=200),
        )
        _touch_group(youth_group)
    return row


def _namenlijst_free_or_error(group: YouthGroup, position: int | None, member_id: int | None = None) -> None:
    if position is None:
        return
    if position < 1:
        raise DomainError(_("De plek op de namenlijst is 1 of hoger."), field="namenlijst_position")
    holders = group.members.filter(namenlijst_position=position)
    if member_id is not None:
        holders = holders.exclude(pk=member_id)
    if holders.exists():
        raise DomainError(
            _("Plek %(n)s op de namenlijst is al bezet.") % {"n": position}, field="namenlijst_position"
        )


def _record_namenlijst_basis(member: YouthGroupMember) -> None:
    """A place on the namenlijst is the police's data (Wpg art. 16/19): record the basis of the police
    organisation taking part in the group. Without one, the entry says no basis was recorded."""
    police = (
        YouthGroupOrganisation.objects.filter(
            youth_group_id=member.youth_group_id, organisation__kind__code=POLICE_KIND_CODE
        )
        .select_related("organisation__sharing_basis")
        .order_by("pk")
        .first()
    )
    if police is None:
        member.sharing_basis, member.sharing_basis_text = (
            None,
            str(_("geen grondslag vastgelegd (geen politie)")),
        )
    else:
        member.record_basis_of(police.organisation)


@transaction.atomic
def youth_group_member_add(
    *, actor: Actor, youth_group: YouthGroup, youth: Youth, role: str, namenlijst_position: int | None = None
) -> YouthGroupMember:
    if role not in YouthGroupMember.Role.values:
        raise DomainError(_("Kies de rol in de groep."), field="role")
    if youth_group.members.filter(youth=youth).exists():
        raise DomainError(_("Deze jongere is al lid van de groep."), field="youth")
    _namenlijst_free_or_error(youth_group, namenlijst_position)
    with acting_as(actor):
        member = YouthGroupMember(
            youth_group=youth_group, youth=youth, role=role, namenlijst_position=namenlijst_position
        )
        if namenlijst_position is not None:
            _record_namenlijst_basis(member)
        member.save()
        _touch_group(youth_group)
    return member


@transaction.atomic
def youth_group_member_update(
    *,
    actor: Actor,
    member: YouthGroupMember,
    role: str,
    namenlijst_position: int | None,
    left_on: dt.date | None = None,
) -> YouthGroupMember:
    if role not in YouthGroupMember.Role.values:
        raise DomainError(_("Kies de rol in de groep."), field="role")
    _namenlijst_free_or_error(member.youth_group, namenlijst_position, member.pk)
    with acting_as(actor):
        placed = namenlijst_position is not None and member.namenlijst_position is None
        member.role, member.namenlijst_position, member.left_on = role, namenlijst_position, left_on
        fields = ["role", "namenlijst_position", "left_on"]
        if placed:
            _record_namenlijst_basis(member)
            fields += ["sharing_basis", "sharing_basis_text"]
        member.save(update_fields=fields)
        _touch_group(member.youth_group)
    return member


@transaction.atomic
def youth_group_member_open_case(
    *, actor: Actor, member: YouthGroupMember, procesregie_holder: User, reason: str = ""
) -> Case:
    """Take a member into an individual case in one action; the membership keeps the link to the case.

    When the youth already has an open case, the member is linked to that one."""
    member = (
        YouthGroupMember.objects.select_for_update(of=("self",))
        .select_related("youth_group", "youth")
        .get(pk=member.pk)
    )
    if member.case is not None and not member.case.is_closed:
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
        text = str(value if value is not None else "").strip()
        if field.kind == "date" and text:
            try:
                text = dt.date.fromisoformat(text).isoformat()
            except ValueError:
                raise DomainError(_("Geef een datum als jjjj-mm-dd."), field=code) from None
        if field.kind == "number" and text:
            if not text.isdigit() or int(text) > 10000:
                raise DomainError(_("Geef een heel getal van 0 of meer."), field=code)
            text = str(int(text))
        if len(text) > 5000:
            raise DomainError(_("Maximaal 5000 tekens."), field=code)
        if text:
            cleaned[code] = text
    return cleaned


@transaction.atomic
def youth_group_step_update(
    *,
    actor: Actor,
    step: YouthGroupStep,
    status: str,
    owner: User | None = None,
    notes: str = "",
    details: dict[str, Any] | None = None,
    signals: Iterable[Signal] | None = None,
) -> YouthGroupStep:
    """Update one step of the current round. Completing it needs its required details and the step
    before it completed. Step 1 also links platform signals of the group's members (`signals`, chosen
    by the caller among those the user may read); steps of earlier rounds are history and stay."""
    step = (
        YouthGroupStep.objects.select_for_update(of=("self",)).select_related("youth_group").get(pk=step.pk)
    )
    if step.round < latest_round(step.youth_group):
        raise DomainError(
            _("Deze stap hoort bij een eerdere ronde en blijft zoals hij is."),
            field="status",
            code="old_round",
        )
    definition = step_definition(step.number)
    signal_list = list(signals) if signals is not None else None
    if signal_list is not None:
        if step.number != 1 and signal_list:
            raise DomainError(_("Signalen horen bij stap 1."), field="signals")
        member_youths = set(step.youth_group.members.values_list("youth_id", flat=True))
        if any(s.youth_id not in member_youths for s in signal_list):
            raise DomainError(_("Koppel alleen signalen over leden van de groep."), field="signals")
    if status not in YouthGroupStep.Status.values:
        raise DomainError(_("Kies de status van de stap."), field="status")
    cleaned = _step_details_validated(definition, details if details is not None else step.details)
    notes = text_optional(notes, field="notes", max_length=5000)
    today = local_today()
    if status == YouthGroupStep.Status.COMPLETED:
        linked = signal_list if signal_list is not None else list(step.signal_links.all())
        missing = [
            str(f.label)
            for f in definition.fields
            if f.required
            and f.code not in cleaned
            # In step 1, linked platform signals stand for the description of the shared signals.
            and not (f.code == "signalen" and linked)
        ]
        if missing:
            raise DomainError(
                _("Stap %(n)s kan pas worden afgerond met: %(missing)s.")
                % {"n": step.number, "missing": ", ".join(missing)},
                field=definition.required_codes[0],
                code="step_incomplete",
            )
        if step.number > 1:
            previous = step.youth_group.steps.get(round=step.round, number=step.number - 1)
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
        if signal_list is not None:
            keep = {s.pk for s in signal_list}
            step.signal_links.exclude(signal_id__in=keep).delete()
            present = set(step.signal_links.values_list("signal_id", flat=True))
            GroupStepSignal.objects.bulk_create(
                [
                    GroupStepSignal(step=step, signal=s, added_by=actor)
                    for s in signal_list
                    if s.pk not in present
                ]
            )
        _touch_group(step.youth_group)
    return step
