"""Requests for access, rectification, erasure and objection (issue 10, point 6), and the access review
(point 8): recorded, routed to the organisations that hold the data, tracked to an answer within the
legal term, listed with overdue marking in the browser and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.models import Notification
from privacy.models import AccessReview, DataSubjectRequest, add_months


def test_it_reads_a_month_as_the_same_date_next_month_or_its_last_day():
    assert add_months(dt.date(2026, 1, 15), 1) == dt.date(2026, 2, 15)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def _record(web, youth_first="Sanne", received_on=None):
    return web.post(
        "/privacy/verzoeken/nieuw/",
        {
            "kind": "inzage",
            "received_on": (received_on or timezone.localdate()).isoformat(),
            "requester": "Moeder van Sanne, per brief",
            "youth_first_name": youth_first,
            "youth_last_name": "de Vries",
            "youth_date_of_birth": "2010-05-17",
            "description": "Wil weten wat er over haar dochter is vastgelegd.",
        },
    )


@pytest.mark.django_db
def test_a_request_is_recorded_routed_answered_and_closed(web, femke, bas, chaima, flag):
    web.force_login(femke)
    response = _record(web)
    assert response.status_code == 302
    dsr = DataSubjectRequest.objects.get()
    assert dsr.youth == flag.youth and dsr.deadline == add_months(timezone.localdate(), 1)
    page = web.get(response["Location"]).content.decode()
    assert "Politie Zwolle" in page and "Travers jongerenwerk" in page  # who holds data, pre-selected

    response = web.post(
        f"/privacy/verzoeken/{dsr.pk}/",
        {"stap": "doorsturen", "organisations": [bas.organisation_id, chaima.organisation_id]},
    )
    assert response.status_code == 302
    notices = Notification.objects.filter(kind="privacyverzoek")
    assert {n.organisation_id for n in notices} == {bas.organisation_id, chaima.organisation_id}
    assert all("Sanne" not in n.text for n in notices)  # the notice is e-mailed: no name in it

    routing = dsr.routings.get(organisation=bas.organisation)
    response = web.post(
        f"/privacy/verzoeken/{dsr.pk}/",
        {"stap": "antwoord", "routing": routing.pk, "answer": "Drie signalen."},
    )
    assert response.status_code == 302
    routing.refresh_from_db()
    assert routing.answer == "Drie signalen." and routing.answered_by == femke

    response = web.post(
        f"/privacy/verzoeken/{dsr.pk}/", {"stap": "afhandelen", "outcome": "toegewezen", "note": ""}
    )
    assert response.status_code == 400 and "Dit veld is vereist." in response.content.decode()
    response = web.post(
        f"/privacy/verzoeken/{dsr.pk}/",
        {"stap": "afhandelen", "outcome": "toegewezen", "note": "Inzage per brief verstuurd."},
    )
    assert response.status_code == 302
    dsr.refresh_from_db()
    assert dsr.status == "gesloten" and dsr.outcome == "toegewezen" and dsr.closed_by == femke


@pytest.mark.django_db
def test_a_request_about_a_youth_the_platform_does_not_know_is_still_recorded(web, femke, case_lists):
    web.force_login(femke)
    response = _record(web, youth_first="Onbekend")
    assert response.status_code == 302
    assert DataSubjectRequest.objects.get().youth is None
    assert "geen gegevens" in web.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_the_term_is_extended_once_by_two_months_with_a_reason(web, femke, flag):
    web.force_login(femke)
    _record(web)
    dsr = DataSubjectRequest.objects.get()
    response = web.post(f"/privacy/verzoeken/{dsr.pk}/", {"stap": "verlengen", "reason": ""})
    assert response.status_code == 400
    response = web.post(
        f"/privacy/verzoeken/{dsr.pk}/", {"stap": "verlengen", "reason": "Veel organisaties."}
    )
    assert response.status_code == 302
    dsr.refresh_from_db()
    assert dsr.deadline == add_months(dsr.received_on, 3)
    response = web.post(f"/privacy/verzoeken/{dsr.pk}/", {"stap": "verlengen", "reason": "Nog eens."})
    assert response.status_code == 400 and "maar één keer" in response.content.decode()


@pytest.mark.django_db
def test_overdue_requests_are_marked_in_the_list_and_the_api(web, api, femke, flag):
    web.force_login(femke)
    _record(web, received_on=timezone.localdate() - dt.timedelta(days=40))
    _record(web)
    html = web.get("/privacy/verzoeken/").content.decode()
    assert html.count("te laat") == 1
    rows = api(femke).get("/api/v1/privacy/requests/").json()["results"]
    assert [r["overdue"] for r in rows] == [True, False]  # the earliest deadline first


@pytest.mark.django_db
def test_a_request_is_recorded_through_the_api(api, femke, flag):
    response = api(femke).post(
        "/api/v1/privacy/requests/",
        {
            "kind": "wissing",
            "received_on": timezone.localdate().isoformat(),
            "requester": "Sanne zelf",
            "youth_first_name": "Sanne",
            "youth_last_name": "de Vries",
            "youth_date_of_birth": "2010-05-17",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["youth_id"] == flag.youth.pk and response.json()["kind"] == "wissing"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["petra", "ruben", "bas", "bert"])
def test_only_the_privacyfunctionaris_handles_requests_and_the_access_review(request, web, api, persona):
    user = request.getfixturevalue(persona)
    web.force_login(user)
    for url in ("/privacy/verzoeken/", "/privacy/verzoeken/nieuw/", "/privacy/toegangsreview/"):
        assert web.get(url).status_code == 403, url
    assert web.get("/privacy/toegangsreview/export.csv").status_code == 403
    assert api(user).get("/api/v1/privacy/requests/").status_code == 403


@pytest.mark.django_db
def test_the_access_review_lists_roles_last_login_and_last_read_and_is_recorded(web, femke, bas, bert, flag):
    from core.readlog import log_read

    log_read(user=bas, subject=flag.youth, what="jongere bekeken")
    bert.last_login = timezone.now()
    bert.save(update_fields=["last_login"])
    bert.first_name = "=HYPERLINK(1)"
    bert.save(update_fields=["first_name"])
    web.force_login(femke)
    html = web.get("/privacy/toegangsreview/").content.decode()
    assert "Politie Zwolle" in html and "Beheerder" in html and "Privacyfunctionaris" in html
    csv_text = web.get("/privacy/toegangsreview/export.csv").content.decode("utf-8-sig")
    bas_line = next(line for line in csv_text.splitlines() if line.startswith("Politie Zwolle;bas;"))
    assert bas_line.split(";")[-1] != ""  # the last read of personal data
    assert "'=HYPERLINK(1)" in csv_text  # a formula is neutralised

    response = web.post(
        "/privacy/toegangsreview/",
        {
            "year": timezone.localdate().year,
            "held_on": timezone.localdate().isoformat(),
            "findings": "",
            "actions": "",
        },
    )
    assert response.status_code == 400 and not AccessReview.objects.exists()
    response = web.post(
        "/privacy/toegangsreview/",
        {
            "year": timezone.localdate().year,
            "held_on": timezone.localdate().isoformat(),
            "findings": "Twee accounts zonder login in een jaar.",
            "actions": "Beheerder zet ze op niet actief.",
        },
    )
    assert response.status_code == 302
    review = AccessReview.objects.get()
    assert (
        review.reviewed_by == femke and "zonder login" in web.get("/privacy/toegangsreview/").content.decode()
    )
