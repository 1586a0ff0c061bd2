"""The case status machine: which status may follow which, as a table. Pure: no database.

    aangemeld → in onderzoek → plan van aanpak → in uitvoering → afgeschaald → (nazorg →) gesloten

Besides the main line: a plan can go back to research (more is needed to know what to do), a case in
execution back to its plan (the plan is adjusted), a scaled-down case back to execution (it goes
wrong again), and every open case can be closed (goals reached, moved away, no cooperation) with a
reason and the outcome. A case with a plan can also end in aftercare (nazorg): the outcome is
recorded, and the procesregie holder checks in on a set date before closing it (or scales it up again
when it goes wrong). A closed case is final; a new concern opens a new case.
docs/cases.md draws this table; tests/cases/test_lifecycle.py checks every pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class CaseStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    IN_ONDERZOEK = "in_onderzoek", _("In onderzoek")
    PLAN_VAN_AANPAK = "plan_van_aanpak", _("Plan van aanpak")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    AFGESCHAALD = "afgeschaald", _("Afgeschaald")
    NAZORG = "nazorg", _("Nazorg")
    GESLOTEN = "gesloten", _("Gesloten")


@dataclass(frozen=True)
class Transition:
    source: CaseStatus
    target: CaseStatus
    label: StrOrPromise  # the button's text (a gettext_lazy proxy)


S = CaseStatus
TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.AANGEMELD, S.IN_ONDERZOEK, _("Onderzoek starten")),
    Transition(S.IN_ONDERZOEK, S.PLAN_VAN_AANPAK, _("Plan van aanpak opstellen")),
    Transition(S.PLAN_VAN_AANPAK, S.IN_ONDERZOEK, _("Terug naar onderzoek")),
    Transition(S.PLAN_VAN_AANPAK, S.IN_UITVOERING, _("Plan uitvoeren")),
    Transition(S.IN_UITVOERING, S.PLAN_VAN_AANPAK, _("Plan bijstellen")),
    Transition(S.IN_UITVOERING, S.AFGESCHAALD, _("Afschalen")),
    Transition(S.AFGESCHAALD, S.IN_UITVOERING, _("Weer opschalen")),
    *(
        Transition(source, S.GESLOTEN, _("Casus sluiten"))
        for source in (S.AANGEMELD, S.IN_ONDERZOEK, S.PLAN_VAN_AANPAK, S.IN_UITVOERING, S.AFGESCHAALD)
    ),
    # Aftercare: the outcome is recorded and the work has ended, but the procesregie holder checks in
    # once more (on the check-in date) before the case is truly done.
    *(
        Transition(source, S.NAZORG, _("Afsluiten met nazorg"))
        for source in (S.PLAN_VAN_AANPAK, S.IN_UITVOERING, S.AFGESCHAALD)
    ),
    Transition(S.NAZORG, S.IN_UITVOERING, _("Weer opschalen")),
    Transition(S.NAZORG, S.GESLOTEN, _("Nazorg afronden en sluiten")),
)

# Statuses in which the case's work is over and the outcome is recorded (closing or aftercare).
ENDING_STATUSES: tuple[CaseStatus, ...] = (CaseStatus.NAZORG, CaseStatus.GESLOTEN)

OPEN_STATUSES: tuple[CaseStatus, ...] = tuple(s for s in CaseStatus if s != CaseStatus.GESLOTEN)


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == status]


def allowed_targets(status: str) -> list[CaseStatus]:
    return [t.target for t in transitions_from(status)]


def transition_check(*, source: str, target: str) -> Transition:
    """The transition from `source` to `target`, or a DomainError that says what is possible instead."""
    if target not in CaseStatus.values:
        raise DomainError(
            gettext("Onbekende status %(status)s. Kies uit: %(choices)s.")
            % {"status": target, "choices": ", ".join(CaseStatus.values)},
            field="to",
            code="unknown_status",
        )
    for transition in transitions_from(source):
        if transition.target == target:
            return transition
    source_label, target_label = CaseStatus(source).label, CaseStatus(target).label
    allowed = [str(CaseStatus(t).label).lower() for t in allowed_targets(source)]
    if not allowed:
        message = gettext(
            "Een casus met status '%(source)s' kan niet meer van status veranderen "
            "(dus ook niet naar '%(target)s')."
        ) % {"source": str(source_label).lower(), "target": str(target_label).lower()}
    else:
        message = gettext(
            "Een casus met status '%(source)s' kan niet naar '%(target)s'. Mogelijk is: %(allowed)s."
        ) % {
            "source": str(source_label).lower(),
            "target": str(target_label).lower(),
            "allowed": ", ".join(f"'{a}'" for a in allowed),
        }
    raise DomainError(message, field="to", code="invalid_transition")
