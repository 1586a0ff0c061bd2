"""Fictional meetings, cases, actions and a group for the local demo (`make run`), through the services.

Runs after the demo youths (demo.youths): their flags go on a meeting's agenda, one becomes a case with
procesregie, actions (one overdue, one declined, one unanswered), an enrolment and a family link, and a
youth group works through the first steps. Idempotent: skipped when the demo meeting exists.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.models import Action, FollowUpType, LegalBasis, Meeting
from cases.services import actions as action_services
from cases.services import core as case_services
from cases.services import family as family_services
from cases.services import groups as group_services
from cases.services import lists as list_services
from cases.services import meetings as meeting_services
from tracks.models import Intervention
from youths.identity import name_key
from youths.models import SignalCategory, Youth
from youths.services.signals import signal_log
from youths.services.youths import YouthIdentity

from .accounts import organisation_of

DEMO_LOCATION = "Stadhuis Zwolle, kamer 2.14"


def _youth(first: str, last: str) -> Youth | None:
    return Youth.objects.filter(name_key=name_key(first, last)).first()


@transaction.atomic
def demo_cases_load() -> dict[str, int]:
    if Meeting.objects.filter(location=DEMO_LOCATION).exists():
        return {}
    list_services.case_lists_load(actor=None)
    users = {u.username: u for u in User.objects.filter(organisation__isnull=False)}
    ruben = users.get("procesregisseur")
    noah, liam = _youth("Noah", "de Graaf"), _youth("Liam", "Bakker")
    if ruben is None or noah is None or liam is None:
        return {}
    types = {t.code: t for t in FollowUpType.objects.all()}
    bases = {b.code: b for b in LegalBasis.objects.all()}
    today = timezone.localdate()
    now = timezone.now()

    # The early-signal meeting of last week, its agenda built from the open flags.
    meeting = meeting_services.meeting_create(
        actor=ruben,
        kind=Meeting.Kind.VROEGSIGNALERING,
        starts_at=now.replace(hour=14, minute=0, second=0, microsecond=0) - dt.timedelta(days=7),
        chair=ruben,
        organisations=[
            organisation_of(users[u]) for u in ("politie", "jongerenwerk", "halt", "school", "wijkteam")
        ],
        attendees=[users[u] for u in ("politie", "jongerenwerk", "halt", "school", "wijkteam")],
        location=DEMO_LOCATION,
    )
    meeting_services.agenda_add_open_flags(actor=ruben, meeting=meeting)
    items = {item.youth_id: item for item in meeting.agenda_items.select_related("flag")}

    # Noah: legal basis, minutes, decision to open a case with procesregie.
    item = items[noah.pk]
    meeting_services.agenda_item_record_legal_basis(
        actor=ruben, item=item, legal_basis=bases["convenant-zvh"], note="Besproken binnen het convenant."
    )
    meeting_services.agenda_item_record_minutes(
        actor=ruben,
        item=item,
        minutes="Signalen van politie, jongerenwerk en Halt binnen drie maanden. Gezinssituatie onduidelijk; "
        "jongere is meeloper in een groep bij het winkelcentrum. Afgesproken: persoonsgerichte aanpak.",
        absent_organisations=[organisation_of(users["school"])],
    )
    meeting_services.agenda_item_decide(
        actor=ruben,
        item=item,
        decision="casus",
        reason="Persoonsgerichte aanpak nodig.",
        procesregie_holder=ruben,
    )
    case = noah.cases.get()

    # Liam: legal basis and one follow-up action; the decision is still to be taken.
    liam_item = items.get(liam.pk)
    if liam_item is not None:
        meeting_services.agenda_item_record_legal_basis(
            actor=ruben, item=liam_item, legal_basis=bases["wettelijke-taak"]
        )
        meeting_services.agenda_item_add_action(
            actor=ruben,
            item=liam_item,
            follow_up_type=types["normstellend-gesprek-politie"],
            organisation=organisation_of(users["politie"]),
            owner=users["politie"],
            description="Gesprek met Liam en zijn ouders over het wapenbezit.",
        )

    # Noah's case: through research into a plan in execution.
    for target, reason in (
        ("in_onderzoek", "Gesprekken met Noah, moeder en school gepland."),
        ("plan_van_aanpak", "Beeld is compleet; plan opgesteld met het gezin."),
        ("in_uitvoering", "Plan besproken en akkoord van Noah en moeder."),
    ):
        case_services.case_transition(actor=ruben, case=case, to=target, reason=reason)
    case_services.case_organisation_add(
        actor=ruben, case=case, organisation=organisation_of(users["halt"]), role="Preventief Halt-traject"
    )
    school_goal = case_services.case_goal_add(
        actor=ruben, case=case, life_domain="school", description="Noah gaat weer elke dag naar school."
    )
    case_services.case_goal_add(
        actor=ruben, case=case, life_domain="vrienden", description="Een vrijetijdsbesteding buiten de groep."
    )
    case_services.case_goal_add(
        actor=ruben, case=case, life_domain="gezin", description="Moeder krijgt steun bij de opvoeding."
    )
    visit = action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=types["huisbezoek-wijkteam"],
        organisation=organisation_of(users["wijkteam"]),
        description="Huisbezoek bij moeder; gezinssituatie in beeld brengen.",
    )
    action_services.action_respond(actor=users["wijkteam"], action=visit, accept=True)
    # Demo only: given three weeks ago with a two-week term, so it is overdue now (the services never
    # accept a due date in the past; real actions get overdue by time passing).
    Action.objects.filter(pk=visit.pk).update(
        created_at=now - dt.timedelta(days=21), due_on=today - dt.timedelta(days=7)
    )
    trajectory = action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=types["halt-preventief"],
        organisation=organisation_of(users["halt"]),
        owner=users["halt"],
        goal=school_goal,
    )
    action_services.action_respond(actor=users["halt"], action=trajectory, accept=True)
    talk = action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=types["gesprek-jongerenwerk"],
        organisation=organisation_of(users["jongerenwerk"]),
    )
    action_services.action_respond(
        actor=users["jongerenwerk"],
        action=talk,
        accept=False,
        reason="Noah kent onze jongerenwerker niet; het wijkteam heeft al contact.",
    )
    action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=types["zorggesprek-school"],
        organisation=organisation_of(users["school"]),
        goal=school_goal,
    )
    halt_in_de_wijk = Intervention.objects.filter(code="2.1.3").first()  # the plan (load_plan)
    if halt_in_de_wijk is not None:
        case_services.enrolment_add(
            actor=ruben, case=case, intervention=halt_in_de_wijk, started_on=today - dt.timedelta(days=5)
        )

    # Family: a younger brother the social neighbourhood team knows; a family match follows.
    sem = _youth("Sem", "de Graaf")
    if sem is None:
        sem = signal_log(
            actor=users["wijkteam"],
            identity_data=YouthIdentity(
                first_name="Sem", last_name="de Graaf", date_of_birth=dt.date(2013, 2, 8)
            ),
            category=SignalCategory.objects.get(code="zorgen-thuis"),
            domain="home",
            observed_on=today - dt.timedelta(days=12),
            description="Zit vaak alleen thuis; moeder werkt 's avonds.",
        ).youth
    family_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=sem)
    family_services.family_link_add(actor=ruben, case=case, relation="ouder", member_name="Linda")

    # A group at the shopping centre, working through the first steps.
    group = group_services.youth_group_create(
        actor=ruben,
        name="Groep winkelcentrum Holtenbroek",
        area="Holtenbroek, winkelcentrum en snackbar",
        coordinator=ruben,
        organisations=[organisation_of(users[u]) for u in ("politie", "jongerenwerk", "halt")],
    )
    members = [(noah, "meeloper", 3)]
    for first, last, role, position in (("Jesse", "Visser", "kern", 1), ("Liam", "Bakker", "leider", 2)):
        youth = _youth(first, last)
        if youth is not None:
            members.append((youth, role, position))
    for youth, role, position in members:
        member = group_services.youth_group_member_add(
            actor=ruben, youth_group=group, youth=youth, role=role, namenlijst_position=position
        )
        if youth == noah:
            group_services.youth_group_member_open_case(actor=ruben, member=member, procesregie_holder=ruben)
    steps = {s.number: s for s in group.steps.all()}
    group_services.youth_group_step_update(
        actor=ruben,
        step=steps[1],
        status="afgerond",
        owner=ruben,
        details={
            "signalen": "Politie, jongerenwerk en boa's zien sinds de zomer een vaste groep van 6 tot 8 "
            "jongeren bij de snackbar; bewoners klagen over intimidatie.",
            "bronnen": "Politie, jongerenwerk, jeugdboa's, winkeliersvereniging.",
        },
    )
    group_services.youth_group_step_update(
        actor=ruben,
        step=steps[2],
        status="afgerond",
        owner=users["politie"],
        details={
            "kenmerken": "Intimidatie van winkelend publiek, vernielingen, vermoeden van drugshandel.",
            "ernst": "Dagelijks aanwezig, toenemend; twee incidenten met geweld.",
            "groepsscan_datum": (today - dt.timedelta(days=10)).isoformat(),
            "groepsscan": "Acht jongeren, twee in de kern; de namenlijst staat bij de leden.",
        },
    )
    group_services.youth_group_step_update(
        actor=ruben,
        step=steps[3],
        status="bezig",
        owner=ruben,
        details={
            "dynamiek": "Twee oudere jongens bepalen; jongere leden zoeken erbij te horen.",
            "kansen": "Meerdere leden willen een bijbaan; jongerenwerk heeft contact.",
        },
    )
    return {"meetings": 1, "cases": 1, "groups": 1}
