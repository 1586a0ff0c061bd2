"""Fictional casework for the local demo (`make run`): a handover of procesregie awaiting acceptance (and
one declined), a case in aftercare with an overdue check-in, an escalated case, a group followed over two
rounds with two groepsscans, and a #kansRIJK action with its outcome (and a Halt trajectory's data).

Runs after demo.cases (Noah's case, the meeting, the actions). Through the services; idempotent: skipped
when the demo group of this module exists.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.groupsteps import step_definition
from cases.lifecycle import CaseStatus
from cases.models import Action, Case, FollowUpType, YouthGroup
from cases.services import actions as action_services
from cases.services import casework as casework_services
from cases.services import core as case_services
from cases.services import groups as group_services
from youths.identity import name_key
from youths.models import Youth

from .accounts import organisation_of

DEMO_GROUP = "Groep Stationsplein"


def _youth(first: str, last: str) -> Youth | None:
    return Youth.objects.filter(name_key=name_key(first, last)).first()


def _closing() -> case_services.CaseClosing:
    return case_services.CaseClosing(
        reason="doelen_bereikt",
        perspective="beroepsonderwijs",
        qualification="deelcertificaat",
        network_size=4,
    )


@transaction.atomic
def demo_casework_load() -> dict[str, int]:
    if YouthGroup.objects.filter(name=DEMO_GROUP).exists():
        return {}
    users = {u.username: u for u in User.objects.filter(organisation__isnull=False)}
    ruben = users.get("procesregisseur")
    noah, sara, jesse, mila = (
        _youth("Noah", "de Graaf"),
        _youth("Sara", "El Amrani"),
        _youth("Jesse", "Visser"),
        _youth("Mila", "Jansen"),
    )
    if ruben is None or noah is None or sara is None or jesse is None or mila is None:
        return {}
    noah_case = Case.objects.exclude(status=CaseStatus.GESLOTEN).filter(youth=noah).first()
    if noah_case is None:
        return {}
    today = timezone.localdate()
    types = {t.code: t for t in FollowUpType.objects.all()}

    # Noah: a #kansRIJK risk assessment by youth protection, with its outcome; the Halt trajectory's data.
    kansrijk = action_services.action_assign(
        actor=ruben,
        case=noah_case,
        follow_up_type=types["kansrijk-risicotaxatie"],
        organisation=organisation_of(users["jbov"]),
        owner=users["jbov"],
    )
    action_services.action_respond(actor=users["jbov"], action=kansrijk, accept=True)
    casework_services.action_assessment_record(
        actor=users["jbov"],
        action=kansrijk,
        instrument="LIJ (Landelijk Instrumentarium Jeugdstrafrechtketen)",
        assessed_on=today - dt.timedelta(days=3),
        risk_level="gemiddeld",
        outcome_note="Criminogene factoren in vrienden en vrije tijd; inzetten op school en een bijbaan.",
        lvb_screening_done=True,
    )
    halt = Action.objects.filter(case=noah_case, follow_up_type__code="halt-preventief").first()
    if halt is not None:
        casework_services.action_assessment_record(
            actor=users["halt"], action=halt, parents_involved=True, victim_involvement="betrokken"
        )
    # Noah: procesregie to the social neighbourhood team, waiting for acceptance.
    casework_services.case_handover_propose(
        actor=ruben,
        case=noah_case,
        to_holder=users["wijkteam"],
        reason="De hulp thuis is nu het zwaartepunt; het wijkteam heeft het contact met moeder.",
    )

    # Sara: escalated to the Zorg- en Veiligheidshuis; a handover the police declined.
    sara_case = case_services.case_open(
        actor=ruben, youth=sara, procesregie_holder=ruben, reason="Zorgen thuis en op straat."
    )
    case_services.case_transition(
        actor=ruben, case=sara_case, to="in_onderzoek", reason="Gesprekken gepland."
    )
    casework_services.case_escalate(
        actor=ruben,
        case=sara_case,
        level="zvh",
        reason="Signalen van huiselijk geweld en uitbuiting; afstemming met het Zorg- en Veiligheidshuis "
        "nodig.",
        escalated_on=today - dt.timedelta(days=2),
    )
    declined = casework_services.case_handover_propose(
        actor=ruben, case=sara_case, to_holder=users["politie"], reason="De politie heeft het meeste contact."
    )
    casework_services.case_handover_answer(
        actor=users["politie"],
        handover=declined,
        accept=False,
        reason="Bij zorgen thuis hoort de regie niet bij de politie.",
    )

    # Jesse: the work is done; aftercare with a check-in that is now overdue.
    jesse_case = case_services.case_open(actor=ruben, youth=jesse, procesregie_holder=ruben)
    for target in ("in_onderzoek", "plan_van_aanpak", "in_uitvoering"):
        case_services.case_transition(actor=ruben, case=jesse_case, to=target, reason="Volgende stap.")
    goal = case_services.case_goal_add(
        actor=ruben, case=jesse_case, life_domain="werk", description="Jesse heeft een bijbaan."
    )
    case_services.case_goal_set_status(actor=ruben, goal=goal, status="bereikt")
    case_services.case_transition(
        actor=ruben,
        case=jesse_case,
        to=CaseStatus.NAZORG,
        reason="Doel bereikt; nog één keer contact over zes weken.",
        closing=_closing(),
        aftercare_check_in_on=today,
    )
    # Demo only: the check-in date passed (the service never accepts a date in the past).
    Case.objects.filter(pk=jesse_case.pk).update(aftercare_check_in_on=today - dt.timedelta(days=4))

    # A group followed over two rounds: the second groepsscan stands next to the first.
    group = group_services.youth_group_create(
        actor=ruben,
        name=DEMO_GROUP,
        area="Stationsplein en fietsenstalling",
        coordinator=ruben,
        organisations=[organisation_of(users[u]) for u in ("politie", "jongerenwerk")],
    )
    for youth, role, position in ((mila, "kern", 1), (jesse, "meeloper", 2)):
        group_services.youth_group_member_add(
            actor=ruben, youth_group=group, youth=youth, role=role, namenlijst_position=position
        )
    first_scan = {
        "groepsscan_datum": (today - dt.timedelta(days=200)).isoformat(),
        "groepsscan": "Negen jongeren, drie in de kern; overlast en intimidatie bij de fietsenstalling.",
        "groepsscan_omvang": "9",
    }
    for number in range(1, 7):
        step = group.steps.get(round=1, number=number)
        details = {
            f.code: f"{f.label}: vastgelegd in ronde 1." for f in step_definition(number).fields if f.required
        }
        details.update(
            {
                f.code: (today - dt.timedelta(days=190)).isoformat()
                for f in step_definition(number).fields
                if f.kind == "date"
            }
        )
        if number == 2:
            details.update(first_scan)
        group_services.youth_group_step_update(
            actor=ruben, step=step, status="afgerond", owner=ruben, details=details
        )
    group_services.youth_group_round_start(actor=ruben, youth_group=group)
    group_services.youth_group_step_update(
        actor=ruben,
        step=group.steps.get(round=2, number=1),
        status="afgerond",
        owner=ruben,
        details={"signalen": "Minder meldingen sinds het voorjaar; nog wel overlast op vrijdagavond."},
    )
    group_services.youth_group_step_update(
        actor=ruben,
        step=group.steps.get(round=2, number=2),
        status="afgerond",
        owner=users["politie"],
        details={
            "kenmerken": "Nog af en toe overlast; geen intimidatie meer gemeld.",
            "ernst": "Afgenomen: één incident in drie maanden.",
            "groepsscan_datum": (today - dt.timedelta(days=5)).isoformat(),
            "groepsscan": "Vijf jongeren, één in de kern; twee leden hebben werk.",
            "groepsscan_omvang": "5",
        },
    )
    return {"handovers": 2, "cases": 2, "groups": 1}
