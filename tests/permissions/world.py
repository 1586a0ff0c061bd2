"""The objects the permission matrix requests, built once per module through the factories and services.

Every object exists in the relations the matrix names (see docs/permissions.md, "The permission matrix"),
seen from the personas of tests/conftest.py:

- Sanne (youth "involved"): politie (bas) and jongerenwerk (chaima) logged signals, a flag was raised and
  a case opened with procesregie at the Gemeente (ruben); politie takes part in the case, so the Gemeente
  and politie are both involved.
- Milan (youth "none"): only Halt (daan) and the Sociaal Wijkteam (gijs) logged; his case has procesregie
  at Halt. Neither the Gemeente nor politie is involved.
- Noor (youth "noground"): one signal of politie and nothing else, so no need-to-know ground holds for
  the procesregisseur (404), while politie (bas) is involved (200).
- A data-subject request about Sanne (object "request"), recorded by the privacyfunctionaris (femke): her
  export is reachable for femke, Milan's is not (no request about him).

`objects[type][relation]` holds the URL arguments of the object in that relation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from accounts.models import Organisation, User
from tests.factories import OrganisationFactory, OrganisationKindFactory, UserFactory, signal_logged

Objects = dict[str, dict[str, dict[str, Any]]]


def _org(name: str, kind: str) -> Organisation:
    return OrganisationFactory(name=name, kind=OrganisationKindFactory(code=kind))


def personas() -> dict[str, User]:
    """The personas of tests/conftest.py (same names, roles and organisations), plus gijs (cases conftest)."""
    gemeente = _org("Gemeente Zwolle", "gemeente")
    return {
        "petra": UserFactory(username="petra", role="projectleider", organisation=gemeente),
        "ruben": UserFactory(username="ruben", role="procesregisseur", organisation=gemeente),
        "bas": UserFactory(username="bas", role="partner", organisation=_org("Politie Zwolle", "politie")),
        "chaima": UserFactory(
            username="chaima", role="partner", organisation=_org("Travers jongerenwerk", "jongerenwerk")
        ),
        "daan": UserFactory(
            username="daan", role="partner", organisation=_org("Halt Oost-Nederland", "halt")
        ),
        "gijs": UserFactory(
            username="gijs", role="partner", organisation=_org("Sociaal Wijkteam Zwolle", "sociaal-wijkteam")
        ),
        "hanna": UserFactory(
            username="hanna", role="ministerie", organisation=_org("Ministerie van JenV", "ministerie")
        ),
        "bert": UserFactory(username="bert", role="beheerder", organisation=gemeente),
        "femke": UserFactory(username="femke", role="privacyfunctionaris", organisation=gemeente),
    }


def _lists() -> None:
    from cases.services.lists import case_lists_load
    from monitoring.context_seed import context_indicators_load
    from monitoring.services.seed import indicators_seed_load
    from tracks.services import plan_load
    from youths.services.lists import reference_lists_load

    plan_load(actor=None)
    context_indicators_load(actor=None)
    reference_lists_load(actor=None)
    case_lists_load(actor=None)
    indicators_seed_load(actor=None)


def _youth_with_flag(first: User, second: User, first_name: str, last_name: str, born: dt.date) -> Any:
    from youths.models import Flag

    one = signal_logged(first, first_name=first_name, last_name=last_name, date_of_birth=born)
    other = signal_logged(
        second, one.youth, domain="school", category="schoolverzuim", description="Vaak afwezig op school."
    )
    signal_logged(
        first, one.youth, domain="online", category="online-conflict", description="Dreigende berichten."
    )
    return one, other, Flag.objects.get(youth=one.youth)


def _case(
    *, ruben: User, holder: User, youth: Any, partner: Organisation, action_orgs: list[tuple[str, User]]
):
    from cases.models import FollowUpType
    from cases.services import actions, core, family
    from tracks.models import Intervention

    case = core.case_open(actor=ruben, youth=youth, procesregie_holder=holder, reason="Uit het overleg")
    row = core.case_organisation_add(actor=ruben, case=case, organisation=partner, role="Betrokken partner")
    goal = core.case_goal_add(actor=ruben, case=case, life_domain="school", description="Weer naar school.")
    enrolment = core.enrolment_add(
        actor=ruben,
        case=case,
        intervention=Intervention.objects.get(code="2.1.1"),
        started_on=core.local_today(),
    )
    family.family_link_add(actor=ruben, case=case, relation="ouder", member_name="Fatima")
    made = [
        actions.action_assign(
            actor=ruben,
            case=case,
            follow_up_type=FollowUpType.objects.get(code=code),
            organisation=owner.organisation,
            owner=owner,
        )
        for code, owner in action_orgs
    ]
    return case, row, goal, enrolment, made


def build() -> tuple[dict[str, User], Objects]:
    from cases.services import groups, meetings, referrals
    from core.models import Notification
    from monitoring.models import Indicator
    from monitoring.periods import Period
    from monitoring.services.reports import report_make
    from tracks.models import Intervention
    from youths.models import CombinationRule, DuplicateCandidate, Match

    _lists()
    p = personas()
    # The plan's partners linked to the personas' organisations (issue 12), as load_demo does.
    from tracks.services import track_partners_link

    track_partners_link(actor=None)
    ruben, bas, chaima, daan, gijs = p["ruben"], p["bas"], p["chaima"], p["daan"], p["gijs"]
    politie, halt = bas.organisation, daan.organisation

    own_signal, other_signal, flag_in = _youth_with_flag(
        bas, chaima, "Sanne", "de Vries", dt.date(2010, 5, 17)
    )
    none_signal, _, flag_out = _youth_with_flag(daan, gijs, "Milan", "Bakker", dt.date(2011, 2, 3))
    sanne, milan = own_signal.youth, none_signal.youth

    case_in, row_in, goal_in, enrolment_in, (own_action, other_action) = _case(
        ruben=ruben,
        holder=ruben,
        youth=sanne,
        partner=politie,
        action_orgs=[("normstellend-gesprek-politie", bas), ("gesprek-jongerenwerk", chaima)],
    )
    case_out, row_out, goal_out, enrolment_out, (none_action,) = _case(
        ruben=ruben,
        holder=daan,
        youth=milan,
        partner=gijs.organisation,
        action_orgs=[("halt-preventief", daan)],
    )

    # A handover of procesregie waiting for acceptance in each case: the partner is asked for case_in.
    from cases.services import casework

    handover_in = casework.case_handover_propose(
        actor=ruben, case=case_in, to_holder=bas, reason="Politie kent het gezin het best."
    )
    handover_out = casework.case_handover_propose(
        actor=daan, case=case_out, to_holder=gijs, reason="Minder capaciteit bij Halt."
    )

    starts = timezone.now() + dt.timedelta(days=7)
    meeting_in = meetings.meeting_create(
        actor=ruben,
        kind="vroegsignalering",
        starts_at=starts,
        chair=ruben,
        organisations=[politie, chaima.organisation],
    )
    item_in = meetings.agenda_item_add(actor=ruben, meeting=meeting_in, flag=flag_in)
    meeting_out = meetings.meeting_create(
        actor=ruben,
        kind="vroegsignalering",
        starts_at=starts,
        chair=ruben,
        organisations=[halt, gijs.organisation],
    )
    item_out = meetings.agenda_item_add(actor=ruben, meeting=meeting_out, flag=flag_out)

    group_in = groups.youth_group_create(
        actor=ruben, name="De Hoek", area="Diezerpoort", coordinator=ruben, organisations=[politie]
    )
    member_in = groups.youth_group_member_add(actor=ruben, youth_group=group_in, youth=sanne, role="leider")
    group_out = groups.youth_group_create(
        actor=ruben, name="Het Plein", area="Holtenbroek", coordinator=ruben, organisations=[halt]
    )
    member_out = groups.youth_group_member_add(
        actor=ruben, youth_group=group_out, youth=milan, role="meeloper"
    )

    referral_in = referrals.referral_submit(
        actor=bas, youth=sanne, question="Graag bespreken: zorgen over thuis."
    )
    referral_out = referrals.referral_submit(actor=daan, youth=milan, question="Graag bespreken.")

    born = dt.date(2008, 7, 1)
    signal_logged(bas, first_name="Mohamed", last_name="Yilmaz", date_of_birth=born)
    signal_logged(chaima, first_name="Mohammed", last_name="Yilmaz", date_of_birth=born)
    signal_logged(daan, first_name="Mohamed", last_name="Demir", date_of_birth=born)
    signal_logged(gijs, first_name="Mohammed", last_name="Demir", date_of_birth=born)
    duplicate_in = DuplicateCandidate.objects.get(youth_a__last_name="Yilmaz")
    duplicate_out = DuplicateCandidate.objects.get(youth_a__last_name="Demir")

    from privacy.services import request_record

    data_subject_request = request_record(
        actor=p["femke"], kind="inzage", youth=sanne, received_on=timezone.localdate(), requester="Sanne zelf"
    )

    # Noor (youth "noground"): one signal of politie, nothing else: no need-to-know ground for ruben.
    noor = signal_logged(bas, first_name="Noor", last_name="Jansen", date_of_birth=dt.date(2010, 3, 4)).youth

    # Family matches (issue 11): Sanne's case linked to Lotte (known to Halt): politie is told (involved);
    # Milan's case linked to Yara (known to jongerenwerk): politie is not (none).
    from cases.services.family import family_link_add

    lotte = signal_logged(
        daan, first_name="Lotte", last_name="de Vries", date_of_birth=dt.date(2012, 9, 9)
    ).youth
    family_in = family_link_add(actor=ruben, case=case_in, relation="broer_zus", linked_youth=lotte)
    yara = signal_logged(
        chaima, first_name="Yara", last_name="Bakker", date_of_birth=dt.date(2013, 1, 2)
    ).youth
    family_out = family_link_add(actor=ruben, case=case_out, relation="broer_zus", linked_youth=yara)
    assert family_in.match_participants.filter(organisation=politie).exists()
    assert not family_out.match_participants.filter(organisation=politie).exists()

    report = report_make(actor=p["petra"], period=Period.parse("2025-Q1"))
    indicator = Indicator.objects.order_by("code").first()
    assert indicator is not None

    def notification(org: Organisation) -> dict[str, Any]:
        found = Notification.objects.filter(organisation=org).order_by("pk").first()
        assert found is not None, f"no notification for {org}"
        return {"notification_id": found.pk}

    fixed: dict[str, Any] = {
        "code": indicator.code,
        "period": "2025-Q1",
        "track": "3",
        "pk": report.pk,
        "intervention": Intervention.objects.get(code="2.1.3").code,
        "organisation": politie.pk,
        "rule_id": CombinationRule.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "follow_up_type": "halt-preventief",
        "case_id": case_in.pk,  # for a new action through the API (its body)
        "jongerenwerk": chaima.organisation.pk,
    }
    objects: Objects = {
        "-": {"-": fixed},
        "youth": {
            "involved": {"youth_id": sanne.pk},
            "none": {"youth_id": milan.pk},
            "noground": {"youth_id": noor.pk},
        },
        "signal": {
            "own": {"signal_id": own_signal.pk},
            "other": {"signal_id": other_signal.pk},
            "none": {"signal_id": none_signal.pk},
        },
        "match": {
            "involved": {"match_id": Match.objects.get(youth=sanne).pk},
            "none": {"match_id": Match.objects.get(youth=milan).pk},
        },
        "flag": {"involved": {"flag_id": flag_in.pk}, "none": {"flag_id": flag_out.pk}},
        # A referral of the persona's organisation (politie, about Sanne), and one of Halt about Milan.
        "referral": {"involved": {"referral_id": referral_in.pk}, "none": {"referral_id": referral_out.pk}},
        "duplicate": {
            "involved": {"candidate_id": duplicate_in.pk},
            "none": {"candidate_id": duplicate_out.pk},
        },
        "meeting": {
            "attended": {"meeting_id": meeting_in.pk, "item_id": item_in.pk},
            "none": {"meeting_id": meeting_out.pk, "item_id": item_out.pk},
        },
        "case": {
            "involved": {
                "case_id": case_in.pk,
                "row_id": row_in.pk,
                "goal_id": goal_in.pk,
                "enrolment_id": enrolment_in.pk,
                "handover_id": handover_in.pk,
            },
            "none": {
                "case_id": case_out.pk,
                "row_id": row_out.pk,
                "goal_id": goal_out.pk,
                "enrolment_id": enrolment_out.pk,
                "handover_id": handover_out.pk,
            },
        },
        "action": {
            "own": {"action_id": own_action.pk},
            "other": {"action_id": other_action.pk},
            "none": {"action_id": none_action.pk},
        },
        "group": {
            "involved": {"group_id": group_in.pk, "member_id": member_in.pk, "number": 1},
            "none": {"group_id": group_out.pk, "member_id": member_out.pk, "number": 1},
        },
        "notification": {"own": notification(politie), "other": notification(halt)},
        "request": {"-": {"request_id": data_subject_request.pk}},
        "family": {"involved": {"link_id": family_in.pk}, "none": {"link_id": family_out.pk}},
    }
    return p, objects
