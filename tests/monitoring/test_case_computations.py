"""Computations over meetings, cases, actions and enrolments, on factory data, against figures worked out
by hand. Everything is done through the cases services and then dated when it happened (see
tests/monitoring/conftest.py for the same with signals)."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import Action, AgendaItem, Case, CaseTransition, FollowUpType, LegalBasis
from cases.services.actions import action_assign, action_finish
from cases.services.core import (
    CaseClosing,
    Leaving,
    case_open,
    case_transition,
    enrolment_add,
    enrolment_end,
)
from cases.services.meetings import (
    agenda_item_add,
    agenda_item_decide,
    agenda_item_record_legal_basis,
    meeting_create,
)
from monitoring import computations
from monitoring.periods import Period
from monitoring.services.measurements import measurements_refresh
from tests.factories import DistrictFactory, YouthFactory
from tests.querycount import queries_of
from tracks.models import Intervention

from .conftest import at, value

pytestmark = pytest.mark.django_db

Q4_2024, Q1, Q2 = Period.parse("2024-Q4"), Period.parse("2025-Q1"), Period.parse("2025-Q2")


@pytest.fixture
def case_lists(indicators, reference_lists):
    from cases.services.lists import case_lists_load

    case_lists_load(actor=None)


def open_case(ruben, youth, moment):
    case = case_open(actor=ruben, youth=youth, procesregie_holder=ruben, reason="Uit het overleg")
    Case.objects.filter(pk=case.pk).update(opened_at=moment, status_changed_at=moment)
    CaseTransition.objects.filter(case=case).update(at=moment)
    return Case.objects.get(pk=case.pk)


def move(ruben, case, to, moment, closing=None):
    case = case_transition(actor=ruben, case=case, to=to, reason="Volgende stap", closing=closing)
    CaseTransition.objects.filter(pk=case.transitions.order_by("-id").first().pk).update(at=moment)
    dates = {"status_changed_at": moment} | ({"closed_at": moment} if closing else {})
    Case.objects.filter(pk=case.pk).update(**dates)
    return Case.objects.get(pk=case.pk)


def close(ruben, case, moment, perspective, qualification, network, reason="doelen_bereikt"):
    return move(ruben, case, "gesloten", moment, CaseClosing(reason, perspective, qualification, network))


OOZA_DONE = Leaving("afgerond", True, "werk", "diploma", 3)


def enrol(ruben, case, code, started, ended=None, leaving=None):
    enrolment = enrolment_add(
        actor=ruben,
        case=case,
        intervention=Intervention.objects.get(code=code),
        started_on=dt.date.fromisoformat(started),
    )
    if ended:
        enrolment_end(
            actor=ruben,
            enrolment=enrolment,
            ended_on=dt.date.fromisoformat(ended),
            result="voltooid",
            leaving=leaving or (OOZA_DONE if code == "3.1.1" else None),
        )
    return enrolment


@pytest.fixture
def cases(case_lists, ruben, chaima):
    """Five cases around 2025-Q1; the figures below are counted by hand from this.

    c1  P (2011-06-01, m, Holtenbroek): opened 2024-12-10; onderzoek 12-20, plan 01-15, uitvoering
        02-10; open. OOZA (3.1.1) from 2024-12-15.
    c2  Q (2009-02-01, v, Holtenbroek): opened 2025-01-05; onderzoek 01-20; closed 03-20 with werk,
        diploma, network 4. OOZA 01-10 – 03-20.
    c3  R (2008-09-09, m, Diezerpoort): opened 2025-02-01; closed 03-31 23:00 (moved away) with geen,
        praktijkverklaring, network 2. OOZA 02-05 – 03-31.
    c4  S (2012-01-01, v, no district): opened 2025-03-15; closed 04-10 (Q2) with beroepsonderwijs,
        geen, network 3. Halt (2.1.3) from 03-20.
    c5  T (2010-10-10, m, Diezerpoort): opened 2024-10-01; closed 2024-12-31 with dagbesteding, geen,
        network 5. OOZA 2024-10-05 – 12-20.
    """
    holtenbroek, diezerpoort = DistrictFactory(code="holtenbroek"), DistrictFactory(code="diezerpoort")

    def youth(name, born, gender, district):
        return YouthFactory(
            first_name=name,
            last_name="Test",
            date_of_birth=dt.date.fromisoformat(born),
            gender=gender,
            district=district,
        )

    p = youth("P", "2011-06-01", "m", holtenbroek)
    q = youth("Q", "2009-02-01", "v", holtenbroek)
    r = youth("R", "2008-09-09", "m", diezerpoort)
    s = youth("S", "2012-01-01", "v", None)
    t = youth("T", "2010-10-10", "m", diezerpoort)

    c1 = open_case(ruben, p, at("2024-12-10"))
    enrol(ruben, c1, "3.1.1", "2024-12-15")
    c1 = move(ruben, c1, "in_onderzoek", at("2024-12-20"))
    c1 = move(ruben, c1, "plan_van_aanpak", at("2025-01-15"))
    c1 = move(ruben, c1, "in_uitvoering", at("2025-02-10"))

    c2 = open_case(ruben, q, at("2025-01-05"))
    enrol(ruben, c2, "3.1.1", "2025-01-10", "2025-03-20", Leaving("afgerond", True, "werk", "diploma", 4))
    c2 = move(ruben, c2, "in_onderzoek", at("2025-01-20"))

    c3 = open_case(ruben, r, at("2025-02-01"))
    enrol(
        ruben,
        c3,
        "3.1.1",
        "2025-02-05",
        "2025-03-31",
        Leaving("verhuisd", True, "geen", "praktijkverklaring", 2),
    )

    c4 = open_case(ruben, s, at("2025-03-15"))
    enrol(ruben, c4, "2.1.3", "2025-03-20")

    c5 = open_case(ruben, t, at("2024-10-01"))
    enrol(
        ruben, c5, "3.1.1", "2024-10-05", "2024-12-20", Leaving("afgerond", False, "dagbesteding", "geen", 5)
    )

    # Meetings: in February P and Q are discussed; in late March P again (one youth, twice) and S is on
    # the agenda without a decision (postponed); in April S is discussed.
    basis = LegalBasis.objects.get(code="wettelijke-taak")
    for starts, subjects in (
        (at("2025-02-12", "14:00"), [(c1, True), (c2, True)]),
        (at("2025-03-25", "14:00"), [(c1, True), (c4, False)]),
        (at("2025-04-02", "14:00"), [(c4, True)]),
    ):
        meeting = meeting_create(
            actor=ruben, kind="casus", starts_at=starts, chair=ruben, organisations=[chaima.organisation]
        )
        for case, decided in subjects:
            item = agenda_item_add(actor=ruben, meeting=meeting, case=case)
            agenda_item_record_legal_basis(actor=ruben, item=item, legal_basis=basis)
            if decided:
                agenda_item_decide(actor=ruben, item=item, decision="geen_actie", reason="Loopt volgens plan")
    AgendaItem.objects.filter(decided_at__isnull=False).update(decided_at=at("2025-02-12", "15:00"))

    c2 = close(ruben, c2, at("2025-03-20"), "werk", "diploma", 4)
    c3 = close(ruben, c3, at("2025-03-31", "23:00"), "geen", "praktijkverklaring", 2, reason="verhuisd")
    c4 = close(ruben, c4, at("2025-04-10"), "beroepsonderwijs", "geen", 3)
    c5 = close(ruben, c5, at("2024-12-31"), "dagbesteding", "geen", 5)
    return {"c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5}


def test_cases_opened_active_and_closed_per_quarter(cases):
    opened, active, closed = (computations.get(k) for k in ("cases_opened", "cases_active", "cases_closed"))
    # Opened in Q1: c2 (5 Jan), c3 (1 Feb), c4 (15 Mar); c1 and c5 were opened in Q4.
    assert opened(Q1.start, Q1.end).numerator == 3
    assert opened(Q1.start, Q1.end).breakdowns["gender"] == {"m": 1, "v": 2}  # R | Q, S
    # Open on 31 March: c1 (in uitvoering since 10 Feb) and c4 (aangemeld); c3 closed at 23:00 that day.
    q1 = active(Q1.start, Q1.end)
    assert (q1.numerator, q1.breakdowns["status"]) == (2, {"aangemeld": 1, "in_uitvoering": 1})
    # Open on 31 December: c1 only, then still in onderzoek – its status today does not change the past.
    q4 = active(Q4_2024.start, Q4_2024.end)
    assert (q4.numerator, q4.breakdowns["status"]) == (1, {"in_onderzoek": 1})
    # Closed in Q1: c2 (goals reached) and c3 (moved away).
    q1_closed = closed(Q1.start, Q1.end)
    assert (q1_closed.numerator, q1_closed.breakdowns["closing_reason"]) == (
        2,
        {"doelen_bereikt": 1, "verhuisd": 1},
    )
    assert q1_closed.breakdowns["district"] == {"diezerpoort": 1, "holtenbroek": 1}


def test_youths_enrolled_per_intervention_count_enrolments_that_ran_in_the_period(cases):
    enrolled = computations.get("youths_enrolled_in_intervention")
    ooza, halt = Intervention.objects.get(code="3.1.1"), Intervention.objects.get(code="2.1.3")
    # OOZA in Q1: P (since December), Q (January – March), R (February – March); T ended in December.
    result = enrolled(Q1.start, Q1.end, ooza)
    assert result.numerator == 3
    assert result.breakdowns["age_band"] == {"12-14": 1, "15-17": 2}  # P 13 | Q 16, R 16
    assert enrolled(Q4_2024.start, Q4_2024.end, ooza).numerator == 2  # T and P
    assert enrolled(Q1.start, Q1.end, halt).numerator == 1  # S, from 20 March


def test_the_ooza_outcomes_are_shares_of_the_closed_cases_of_the_intervention(cases):
    ooza = Intervention.objects.get(code="3.1.1")
    shares = {
        key: computations.get(f"closed_cases_with_{key}_in_intervention")(Q1.start, Q1.end, ooza)
        for key in ("perspective", "qualification", "network")
    }
    # Closed in Q1 with an OOZA enrolment: c2 (werk, diploma, 4) and c3 (geen, praktijkverklaring, 2).
    assert {key: (r.numerator, r.denominator) for key, r in shares.items()} == {
        "perspective": (1, 2),
        "qualification": (2, 2),
        "network": (1, 2),
    }
    # c4 closed in Q2 but was in Halt, not OOZA: nothing to measure for OOZA in Q2.
    q2 = computations.get("closed_cases_with_network_in_intervention")(Q2.start, Q2.end, ooza)
    assert (q2.numerator, q2.denominator) == (0, 0)


def test_the_refresh_job_stores_the_case_facts_and_the_ooza_outcomes_add_up_over_the_year(cases):
    quarters = [Q4_2024, Q1, Q2]
    measurements_refresh(
        periods=[*quarters, Period.parse("2024"), Period.parse("2025")], today=dt.date(2025, 7, 1)
    )
    assert [value("1.1.1-casussen-geopend", q).numerator for q in quarters] == [2, 3, 0]
    assert [value("1.1.1-casussen-lopend", q).numerator for q in quarters] == [1, 2, 1]  # c1 | c1, c4 | c1
    assert [value("1.1.1-casussen-gesloten", q).numerator for q in quarters] == [1, 2, 1]
    assert [value("3.1.1-deelnemers", q).numerator for q in quarters] == [2, 3, 1]  # P stays enrolled
    assert value("2.1.3-ingeschreven", Q2).numerator == 1
    # The perspective share, taken when the youth left OOZA: Q4 1 of 1 (c5), Q1 1 of 1 (c2; R in c3
    # moved away from Zwolle and is not counted). The year 2025 is Q1 and Q2 as a ratio of sums.
    perspective = [value("3.1.1-perspectief", q) for q in (Q4_2024, Q1)]
    assert [(m.numerator, m.denominator) for m in perspective] == [(1, 1), (1, 1)]
    year = value("3.1.1-perspectief", Period.parse("2025"))
    assert (year.numerator, year.denominator, year.origin) == (1, 1, "computed")
    # Over the programme so far (cumulative): c5 and c2.
    so_far = value("3.1.1-perspectief-looptijd", Q1)
    assert (so_far.numerator, so_far.denominator) == (2, 2)


def _actions(ruben, chaima, case):
    """Actions on c1, each due and finished on a day of our choosing."""
    kind = FollowUpType.objects.get(code="gesprek-jongerenwerk")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)  # a valid due date to start with

    def action(due, finished=None, cancelled=False):
        item = action_assign(
            actor=ruben, follow_up_type=kind, organisation=chaima.organisation, case=case, due_on=tomorrow
        )
        Action.objects.filter(pk=item.pk).update(due_on=dt.date.fromisoformat(due))
        if finished or cancelled:
            action_finish(
                actor=chaima, action=item, done=not cancelled, note="Geannuleerd" if cancelled else ""
            )
            if finished:
                Action.objects.filter(pk=item.pk).update(finished_at=finished)

    action("2025-02-15", finished=at("2025-02-15", "23:30"))  # on its due date, late in the evening
    action("2025-03-01", finished=at("2025-03-02", "00:30"))  # half an hour late (still 1 March in UTC)
    action("2025-03-31")  # still open
    action("2025-03-10", cancelled=True)  # cancelled: does not count
    action("2025-04-15", finished=at("2025-04-01"))  # Q2, early
    item = action_assign(
        actor=ruben, follow_up_type=kind, organisation=chaima.organisation, case=case, due_on=tomorrow
    )  # due tomorrow and still open: not late yet
    return item


def test_actions_done_on_time_are_those_finished_by_their_due_date_in_the_platforms_time_zone(
    cases, ruben, chaima
):
    _actions(ruben, chaima, cases["c1"])
    on_time = computations.get("actions_done_on_time")
    # Due in Q1 and not cancelled: 15 Feb (done that evening), 1 Mar (done just after midnight), 31 Mar
    # (open). On time: 1 of 3.
    q1 = on_time(Q1.start, Q1.end)
    assert (q1.numerator, q1.denominator) == (1, 3)
    q2 = on_time(Q2.start, Q2.end)
    assert (q2.numerator, q2.denominator) == (1, 1)
    # The running quarter: the action due tomorrow does not count yet, on time or not.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    running = Period.containing("quarter", tomorrow)
    assert on_time(running.start, running.end).denominator == 0


def test_youths_discussed_count_each_youth_once_and_only_with_a_decision(cases):
    discussed = computations.get("youths_discussed")
    # February: P and Q; March: P again, S postponed. April: S.
    q1 = discussed(Q1.start, Q1.end)
    assert (q1.numerator, q1.breakdowns["gender"]) == (2, {"m": 1, "v": 1})
    assert discussed(Q2.start, Q2.end).numerator == 1


def test_the_case_computations_need_as_many_queries_for_few_cases_as_for_many(case_lists, ruben):
    small, large = Period.parse("2025-Q3"), Period.parse("2025-Q4")
    district = DistrictFactory(code="assendorp")
    for quarter, count in ((small, 1), (large, 6)):
        for n in range(count):
            youth = YouthFactory(date_of_birth=dt.date(2010, 1, 1) + dt.timedelta(days=n), district=district)
            day = (quarter.start + dt.timedelta(days=n)).isoformat()
            case = open_case(ruben, youth, at(day))
            closes = n % 2 == 0
            enrol(ruben, case, "3.1.1", day, ended=day if closes else None)
            case = move(ruben, case, "in_onderzoek", at(day, "13:00"))
            if closes:
                close(ruben, case, at(day, "15:00"), "werk", "diploma", 3)
    one = queries_of(lambda: measurements_refresh(periods=[small], today=dt.date(2026, 1, 5)))
    six = queries_of(lambda: measurements_refresh(periods=[large], today=dt.date(2026, 1, 5)))
    assert value("1.1.1-casussen-geopend", large).numerator == 6
    assert (value("3.1.1-netwerk", large).numerator, value("3.1.1-netwerk", large).denominator) == (3, 3)
    assert len(six) == len(one), "\n".join(sorted(set(six) - set(one)))


def test_the_ministry_sees_the_ooza_shares_suppressed_when_they_concern_fewer_than_5(cases, hanna, api):
    measurements_refresh(periods=[Q1], today=dt.date(2025, 7, 1))
    figures = {
        i["code"]: i
        for item in api(hanna).get("/api/v1/monitoring/interventions/?period=2025-Q1").json()["results"]
        for i in item["indicators"]
    }
    for code in (
        "3.1.1-perspectief",
        "3.1.1-diploma",
        "3.1.1-netwerk",
        "3.1.1-deelnemers",
        "1.1.1-casussen-geopend",
    ):
        assert figures[code]["value"] == "x" and figures[code]["suppressed"], code


def test_the_dashboard_charts_the_open_cases_at_each_months_end_by_status(cases, petra, bas, web):
    measurements_refresh(periods=Q1.parts("month"), today=dt.date(2025, 7, 1))
    web.force_login(petra)
    response = web.get("/monitoring/?periode=2025-Q1")
    assert response.context["statuses"] == [
        "Aangemeld",
        "In onderzoek",
        "Plan van aanpak",
        "In uitvoering",
        "Afgeschaald",
        "Nazorg",
    ]
    rows = {row["month"].code: row for row in response.context["case_rows"]}
    # End of January: c1 plan (since 15 Jan), c2 onderzoek. February: c1 uitvoering, c2 onderzoek, c3
    # aangemeld. March: c1 uitvoering, c4 aangemeld (c2 and c3 closed).
    assert [rows[m]["values"] for m in ("2025-01", "2025-02", "2025-03")] == [
        [0, 1, 1, 0, 0, 0],
        [1, 1, 0, 1, 0, 0],
        [1, 0, 0, 1, 0, 0],
    ]
    assert rows["2024-12"]["total"] is None  # no fact computed for December: "–"
    page = response.content.decode()
    assert "Lopende casussen per status" in page and 'data-source="data-cases"' in page
    web.force_login(bas)
    assert web.get("/monitoring/?periode=2025-Q1").status_code == 403


def test_the_ooza_indicator_page_shows_the_computed_shares_and_no_empty_target(cases, petra, web):
    measurements_refresh(periods=[Q4_2024, Q1], today=dt.date(2025, 7, 1))
    web.force_login(petra)
    page = web.get("/monitoring/indicatoren/3.1.1-perspectief/").content.decode()
    assert "1 / 1" in page and "100%" in page  # Q1: c2 with a lasting perspective; c3 moved away
    assert "(ooza_leavers_with_perspective)" in page
    assert 'numeric-data">%\n</td>' not in page  # a period without a target shows "–", not a bare "%"
