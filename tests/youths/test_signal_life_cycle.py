"""A signal's life cycle (issue 10 point 1): closing by the organisation, the closed signal in its own list,
counting in monitoring, auto-close after inactivity with a notice first, and open matches."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from core.models import Notification
from monitoring.computations import signals_new
from youths.models import Involvement, Match, Signal
from youths.services.lifecycle import involvements_inactive_process
from youths.services.signals import signal_withdraw

from ..factories import signal_logged

pytestmark = pytest.mark.django_db


def _own_signal(shared_youth, user) -> Signal:
    return Signal.objects.get(youth=shared_youth, organisation=user.organisation)


def test_it_closes_its_own_signal_over_the_api(api, bas, shared_youth):
    signal = _own_signal(shared_youth, bas)
    response = api(bas).post(
        f"/api/v1/signals/{signal.pk}/close/", {"reason": "Hulp afgerond"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "closed" and body["closure_reason"] == "Hulp afgerond"
    signal.refresh_from_db()
    assert signal.closed_at is not None and signal.closed_by == bas and signal.withdrawn_at is None
    # Closing twice answers the same and changes nothing.
    again = api(bas).post(f"/api/v1/signals/{signal.pk}/close/", {"reason": "Nog eens"}, format="json")
    assert again.status_code == 200 and again.json()["closure_reason"] == "Hulp afgerond"


def test_it_refuses_to_close_another_organisations_signal_as_if_it_did_not_exist(
    api, bas, chaima, shared_youth
):
    others = _own_signal(shared_youth, chaima)
    response = api(bas).post(f"/api/v1/signals/{others.pk}/close/", {"reason": "Weg ermee"}, format="json")
    missing = api(bas).post("/api/v1/signals/999999/close/", {"reason": "Weg ermee"}, format="json")
    assert response.status_code == missing.status_code == 404
    others.refresh_from_db()
    assert others.closed_at is None


def test_it_requires_a_reason_in_dutch(api, bas, shared_youth):
    signal = _own_signal(shared_youth, bas)
    response = api(bas).post(f"/api/v1/signals/{signal.pk}/close/", {}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()["invalid_params"][0]
    assert problem["name"] == "reason" and problem["reason"].startswith("Geef kort aan waarom")
    blank = api(bas).post(f"/api/v1/signals/{signal.pk}/close/", {"reason": "   "}, format="json")
    assert blank.status_code == 400
    signal.refresh_from_db()
    assert signal.closed_at is None


def test_a_closed_signal_stays_in_its_own_list_marked_closed_while_the_youth_is_out_of_reach(
    web, api, bas, chaima, shared_youth
):
    signal = _own_signal(shared_youth, bas)
    api(bas).post(f"/api/v1/signals/{signal.pk}/close/", {"reason": "Overgedragen"}, format="json")
    # Its last reason ended: the organisation's involvement and its access to the youth end with it.
    assert Involvement.objects.get(youth=shared_youth, organisation=bas.organisation).ended_at is not None
    assert api(bas).get(f"/api/v1/youths/{shared_youth.pk}/").status_code == 404
    listed = {s["id"]: s for s in api(bas).get("/api/v1/signals/").json()["results"]}
    assert listed[signal.pk]["status"] == "closed"
    web.force_login(bas)
    page = web.get("/signalen/").content.decode()
    assert "afgesloten" in page and "Sanne" in page
    # The other organisation still works with the youth and sees the closed signal as closed.
    other_view = api(chaima).get(f"/api/v1/youths/{shared_youth.pk}/").json()["signals"]
    assert {s["id"]: s["status"] for s in other_view}[signal.pk] == "closed"


def test_the_close_page_says_the_consequence_and_confirms(web, bas, shared_youth):
    signal = _own_signal(shared_youth, bas)
    web.force_login(bas)
    page = web.get(f"/signalen/{signal.pk}/afsluiten/").content.decode()
    assert "blijft meetellen in de monitoring" in page and "vervalt uw toegang" in page
    for body in ({"reason": ""}, {}):
        refused = web.post(f"/signalen/{signal.pk}/afsluiten/", body)
        assert refused.status_code == 400 and "Geef kort aan waarom" in refused.content.decode()
    done = web.post(f"/signalen/{signal.pk}/afsluiten/", {"reason": "Zorg weggenomen"}, follow=True)
    assert "Het signaal is afgesloten" in done.content.decode()
    signal.refresh_from_db()
    assert signal.status == Signal.Status.CLOSED


def test_it_ends_its_whole_involvement_with_a_youth(web, bas, chaima, shared_youth):
    signal_logged(bas, shared_youth, category="drugs", description="Tweede signaal van de politie.")
    web.force_login(bas)
    assert "Betrokkenheid beëindigen" in web.get(f"/jongeren/{shared_youth.pk}/").content.decode()
    response = web.post(
        f"/jongeren/{shared_youth.pk}/betrokkenheid-beeindigen/", {"reason": "Klaar"}, follow=True
    )
    assert "De betrokkenheid van uw organisatie is beëindigd; 2" in response.content.decode()
    own = Signal.objects.filter(youth=shared_youth, organisation=bas.organisation)
    assert all(s.status == Signal.Status.CLOSED for s in own)
    assert (
        Involvement.objects.get(youth=shared_youth, organisation=bas.organisation).closure_reason == "Klaar"
    )
    assert Signal.objects.get(youth=shared_youth, organisation=chaima.organisation).closed_at is None


def test_withdrawal_is_worded_for_a_signal_logged_in_error(web, bas, shared_youth):
    web.force_login(bas)
    page = web.get(f"/signalen/{_own_signal(shared_youth, bas).pk}/corrigeren/").content.decode()
    assert "alleen bij een vergissing" in page and "ten onrechte gemeld" in page


def test_a_closed_signal_still_counts_in_monitoring_and_a_withdrawn_one_does_not(
    api, bas, chaima, shared_youth
):
    today = timezone.localdate()
    assert signals_new(today, today).numerator == 2
    api(bas).post(
        f"/api/v1/signals/{_own_signal(shared_youth, bas).pk}/close/", {"reason": "Klaar"}, format="json"
    )
    assert signals_new(today, today).numerator == 2
    signal_withdraw(actor=chaima, signal=_own_signal(shared_youth, chaima), reason="Verkeerde jongere")
    assert signals_new(today, today).numerator == 1


def test_an_open_match_stays_for_the_others_when_one_organisation_closes(api, bas, chaima, shared_youth):
    match = Match.objects.get(youth=shared_youth)
    api(bas).post(
        f"/api/v1/signals/{_own_signal(shared_youth, bas).pk}/close/", {"reason": "Klaar"}, format="json"
    )
    assert match.pk not in [m["id"] for m in api(bas).get("/api/v1/matches/").json()["results"]]
    others = {m["id"]: m for m in api(chaima).get("/api/v1/matches/").json()["results"]}
    assert match.pk in others  # still open for follow-up by the organisations still involved
    assert Match.objects.get(pk=match.pk).followed_up_at is None


# --- Closing for lack of activity ---------------------------------------------------------------------


def _age_involvement(youth, organisation, days: int) -> Involvement:
    involvement = Involvement.objects.get(youth=youth, organisation=organisation)
    Involvement.objects.filter(pk=involvement.pk).update(
        last_activity_at=timezone.now() - dt.timedelta(days=days)
    )
    involvement.refresh_from_db()
    return involvement


@override_settings(INVOLVEMENT_INACTIVE_CLOSE_DAYS=365, INVOLVEMENT_INACTIVE_NOTICE_DAYS=30)
def test_it_warns_first_and_closes_only_after_the_notice_period(api, bas, chaima, shared_youth):
    _age_involvement(shared_youth, bas.organisation, days=334)
    assert involvements_inactive_process().notified == 0  # a day before the notice is due
    _age_involvement(shared_youth, bas.organisation, days=335)
    run = involvements_inactive_process()
    assert (run.notified, run.closed) == (1, 0)
    notice = Notification.objects.get(organisation=bas.organisation, kind="involvement-inactive")
    assert "automatisch" in notice.text and "Sanne" not in notice.text  # no personal data in an e-mail
    assert involvements_inactive_process() == type(run)(notified=0, closed=0)  # idempotent

    # Even overdue, it closes only when the full notice period has passed since the notice.
    _age_involvement(shared_youth, bas.organisation, days=400)
    assert involvements_inactive_process(now=timezone.now() + dt.timedelta(days=29)).closed == 0
    run = involvements_inactive_process(now=timezone.now() + dt.timedelta(days=30))
    assert run.closed == 1
    signal = _own_signal(shared_youth, bas)
    assert signal.status == Signal.Status.CLOSED and signal.closed_by is None
    assert "Automatisch afgesloten" in signal.closure_reason
    assert api(bas).get(f"/api/v1/youths/{shared_youth.pk}/").status_code == 404
    assert Notification.objects.filter(organisation=bas.organisation, kind="involvement-closed").exists()
    # The other organisation was active: untouched.
    assert _own_signal(shared_youth, chaima).closed_at is None


@override_settings(INVOLVEMENT_INACTIVE_CLOSE_DAYS=365, INVOLVEMENT_INACTIVE_NOTICE_DAYS=30)
def test_new_activity_after_the_notice_cancels_the_close(bas, shared_youth):
    _age_involvement(shared_youth, bas.organisation, days=340)
    assert involvements_inactive_process().notified == 1
    signal_logged(bas, shared_youth, category="drugs", description="Nieuw signaal: nog betrokken.")
    assert involvements_inactive_process(now=timezone.now() + dt.timedelta(days=31)).closed == 0
    assert Involvement.objects.get(youth=shared_youth, organisation=bas.organisation).ended_at is None
