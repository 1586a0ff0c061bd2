"""Demo states of issue 12's monitoring (docs/monitoring.md): youths who left the OOZA arrangement
(3.1.1) with each reason – completed with a diploma, completed while staying in education, stopped
without a diploma, moved away from Zwolle, and one not from Zwolle – one still in it; and two closed
cases of the contextgerichte aanpak, one whose youth was signalled again within 12 months and one
without.

Through the services, then dated when it happened (demo only), as demo/monitoring_history.py does.
Runs before the monitoring demo, whose refresh turns it into figures. Idempotent: skipped when its
first youth exists. Also registers activities and information sessions (2.1.1, 2.1.4, 3.1.2) in the
last months.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.models import Case, CaseTransition, Enrolment
from cases.services import core as case_services
from monitoring.services.activities import activity_register
from tracks.models import Intervention
from youths.identity import name_key
from youths.models import District, Signal, SignalCategory, Youth
from youths.services.signals import signal_log
from youths.services.youths import YouthIdentity

FIRST = ("Noah", "Brouwer")

# (first, last, from Zwolle, leaving or None while still in OOZA)
LEAVERS: list[tuple[str, str, bool, case_services.Leaving | None]] = [
    ("Noah", "Brouwer", True, case_services.Leaving("afgerond", True, "werk", "diploma", 4)),
    ("Liam", "Kok", True, case_services.Leaving("afgerond", False, "beroepsonderwijs", "geen", 3)),
    ("Ilias", "Dijkstra", True, case_services.Leaving("gestopt", True, "geen", "geen", 1)),
    ("Sem", "Wouters", True, case_services.Leaving("verhuisd", True, "werk", "geen", 2)),
    (
        "Daan",
        "Hoekstra",
        False,
        case_services.Leaving("afgerond", True, "dagbesteding", "praktijkverklaring", 5),
    ),
    ("Finn", "Vos", True, None),
]

# (days ago, intervention, place or school, audience, attendance)
ACTIVITIES = [
    (200, "2.1.4", "Wijkcentrum Holtenbroek", "Ouders en verzorgers", 34),
    (150, "2.1.4", "Thomas a Kempis College", "Ouders (#Schoolalert)", 58),
    (95, "2.1.4", "Wijkcentrum Diezerpoort", "Ouders en verzorgers", 21),
    (40, "2.1.4", "Greijdanus", "Ouders (#Schoolalert)", 47),
    (180, "3.1.2", "Landstede", "Leerlingen leerjaar 3 (#Leerlingenalert)", 120),
    (120, "3.1.2", "Deltion College", "Docenten en mentoren (#Schoolalert)", 36),
    (60, "3.1.2", "Landstede", "Leerlingen leerjaar 4 (#Leerlingenalert)", 95),
    (30, "2.1.1", "Speeltuin Westenholte", "Jongeren 12–16 jaar", 14),
    (12, "2.1.1", "Sporthal Holtenbroek", "Jongeren 14–18 jaar", 22),
]


def _youth(user: User, first: str, last: str, born: dt.date, days_ago: int) -> Youth:
    signal = signal_log(
        actor=user,
        youth=None,
        identity_data=YouthIdentity(first_name=first, last_name=last, date_of_birth=born),
        category=SignalCategory.objects.get(code="schoolverzuim"),
        domain="school",
        observed_on=timezone.localdate() - dt.timedelta(days=days_ago),
        description="Veel verzuim, weinig perspectief op school (demo).",
    )
    Signal.objects.filter(pk=signal.pk).update(created_at=timezone.now() - dt.timedelta(days=days_ago))
    return signal.youth


def _dated(case: Case, moment: dt.datetime, *, closing: bool = False) -> None:
    CaseTransition.objects.filter(case=case).update(at=moment)
    Case.objects.filter(pk=case.pk).update(
        opened_at=moment if not closing else Case.objects.get(pk=case.pk).opened_at,
        status_changed_at=moment,
        **({"closed_at": moment} if closing else {}),
    )


@transaction.atomic
def demo_ooza_load() -> dict[str, int]:
    school = User.objects.filter(username="school").first()
    politie = User.objects.filter(username="politie").first()
    ruben = User.objects.filter(username="procesregisseur").first()
    ooza = Intervention.objects.filter(code="3.1.1").first()
    district = District.objects.order_by("pk").first()
    if school is None or politie is None or ruben is None or ooza is None or district is None:
        return {"skipped": 1}
    if Youth.objects.filter(name_key=name_key(*FIRST)).exists():
        return {"skipped": 1}
    now, today = timezone.now(), timezone.localdate()

    left = 0
    for n, (first, last, zwolle, leaving) in enumerate(LEAVERS):
        youth = _youth(school, first, last, dt.date(2007, 3, 1) + dt.timedelta(days=40 * n), 300)
        Youth.objects.filter(pk=youth.pk).update(district=district if zwolle else None)
        case = case_services.case_open(
            actor=ruben, youth=youth, procesregie_holder=ruben, reason="Aanmelding OOZA (demo)."
        )
        _dated(case, now - dt.timedelta(days=280))
        enrolment = case_services.enrolment_add(
            actor=ruben, case=case, intervention=ooza, started_on=today - dt.timedelta(days=270)
        )
        if leaving is None:
            continue
        case_services.enrolment_end(
            actor=ruben,
            enrolment=enrolment,
            ended_on=today - dt.timedelta(days=60 + 20 * n),
            result=(Enrolment.Result.COMPLETED if leaving.reason == "afgerond" else Enrolment.Result.STOPPED),
            note="Uitstroom uit het OOZA-arrangement (demo).",
            leaving=leaving,
        )
        left += 1

    # Two closed cases of the contextgerichte aanpak, closed 14 months ago: Mila was signalled again five
    # months later, Jayden not (plan 1.1.1's outcome, 12 months after closing).
    for first, last, resignal in (("Mila", "Postma", True), ("Jayden", "Kuipers", False)):
        youth = _youth(politie, first, last, dt.date(2011, 5, 5), 520)
        Youth.objects.filter(pk=youth.pk).update(district=district)
        case = case_services.case_open(
            actor=ruben, youth=youth, procesregie_holder=ruben, reason="Uit het overleg (demo)."
        )
        _dated(case, now - dt.timedelta(days=500))
        case = case_services.case_transition(
            actor=ruben,
            case=case,
            to="gesloten",
            reason="Doelen bereikt (demo).",
            closing=case_services.CaseClosing("doelen_bereikt", "beroepsonderwijs", "geen", 4),
        )
        _dated(case, now - dt.timedelta(days=425), closing=True)
        if resignal:
            _youth_signal = signal_log(
                actor=politie,
                youth=youth,
                identity_data=None,
                category=SignalCategory.objects.get(code="schoolverzuim"),
                domain="school",
                observed_on=today - dt.timedelta(days=275),
                description="Opnieuw veel verzuim (demo).",
            )
            Signal.objects.filter(pk=_youth_signal.pk).update(created_at=now - dt.timedelta(days=275))

    # Activities and information sessions, registered one by one (issue 12).
    petra = User.objects.filter(username="projectleider").first()
    interventions = {i.code: i for i in Intervention.objects.filter(code__in=["2.1.1", "2.1.4", "3.1.2"])}
    if petra is not None and len(interventions) == 3:
        for days_ago, code, place, audience, attendance in ACTIVITIES:
            activity_register(
                actor=petra,
                intervention=interventions[code],
                held_on=today - dt.timedelta(days=days_ago),
                place=place,
                audience=audience,
                attendance=attendance,
            )
    return {"skipped": 0, "left_ooza": left}
