"""The API of meetings, cases, actions, groups and the catalogue: same gateway, allowed and refused."""

import pytest
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from cases.models import Action, Case, FollowUpType
from cases.services import actions as action_services
from cases.services import core as case_services
from cases.services import groups as group_services
from cases.services import meetings as meeting_services
from core.models import ReadLogEntry
from tests.cases.conftest import make_youth_with_case
from tests.querycount import assert_queries_flat


def _give(ruben, case, code, organisation):
    return action_services.action_assign(
        actor=ruben, case=case, follow_up_type=FollowUpType.objects.get(code=code), organisation=organisation
    )


@pytest.mark.django_db
def test_follow_up_types_show_who_is_authorised_and_when(api, bas, bert, hanna, case_lists):
    body = api(bas).get("/api/v1/follow-up-types/").json()
    halt = next(t for t in body["results"] if t["code"] == "halt-preventief")
    assert (
        halt["authorised_kinds"] == ["halt"]
        and halt["intervention"] == "2.1.3"
        and halt["usual_term_days"] == 28
    )
    assert halt["authority"].startswith("Bij grensoverschrijdend gedrag")
    assert api(bas).get("/api/v1/follow-up-types/halt-preventief/").status_code == 200
    assert api(bert).get("/api/v1/follow-up-types/").status_code == 200  # keeps the reference list
    assert api(hanna).get("/api/v1/follow-up-types/").status_code == 403


@pytest.mark.django_db
def test_cases_endpoint_follows_the_gateway(api, ruben, petra, bas, daan, bert, hanna, case):
    for persona in (ruben,):
        assert [c["id"] for c in api(persona).get("/api/v1/cases/").json()["results"]] == [case.pk]
        detail = api(persona).get(f"/api/v1/cases/{case.pk}/").json()
        assert detail["youth"]["first_name"] == "Sanne" and detail["transitions"][0]["target"] == "aangemeld"
        assert detail["organisations"][0]["is_procesregie"] is True
    for persona in (bas, daan):  # bas has signals but no role in the case; daan nothing at all
        assert api(persona).get("/api/v1/cases/").json()["results"] == []
        assert api(persona).get(f"/api/v1/cases/{case.pk}/").status_code == 404
    for persona in (petra, bert, hanna):  # the projectleider steers on aggregates (need-to-know)
        assert api(persona).get("/api/v1/cases/").status_code == 403
        assert api(persona).get(f"/api/v1/cases/{case.pk}/").status_code == 403
    case_services.case_organisation_add(
        actor=ruben, case=case, organisation=bas.organisation, role="Jeugdagent"
    )
    assert api(bas).get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert ReadLogEntry.objects.filter(user=bas, channel="api", subject_id=case.youth_id).exists()


@pytest.mark.django_db
def test_cases_are_opened_and_moved_by_the_procesregisseur_over_the_api(api, ruben, petra, bas, flag):
    data = {"youth_id": flag.youth_id, "procesregie_holder": ruben.pk, "reason": "Via de API"}
    assert api(bas).post("/api/v1/cases/", data, format="json").status_code == 403
    assert api(petra).post("/api/v1/cases/", data, format="json").status_code == 403
    response = api(ruben).post("/api/v1/cases/", data, format="json")
    assert response.status_code == 201, response.json()
    case_id = response.json()["id"]
    again = api(ruben).post("/api/v1/cases/", data, format="json")
    assert again.status_code == 400 and again.json()["invalid_params"][0]["name"] == "youth"
    url = f"/api/v1/cases/{case_id}/transition/"
    assert api(petra).post(url, {"to": "in_onderzoek", "reason": "x"}, format="json").status_code == 403
    bad = api(ruben).post(url, {"to": "gesloten", "reason": "Klaar"}, format="json")
    assert bad.status_code == 400 and bad.json()["invalid_params"][0]["name"] == "closing_reason"
    unknown = api(ruben).post(url, {"to": "afgerond", "reason": "x"}, format="json")
    assert unknown.status_code == 400 and "Onbekende status afgerond" in str(unknown.json())
    no_reason = api(ruben).post(url, {"to": "in_onderzoek"}, format="json")
    assert no_reason.status_code == 400 and no_reason.json()["invalid_params"][0]["name"] == "reason"
    ok = api(ruben).post(url, {"to": "in_onderzoek", "reason": "Gesprek gepland"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "in_onderzoek"
    closing = {
        "to": "gesloten",
        "reason": "Geen zorgen meer",
        "closing_reason": "geen_zorg",
        "outcome_perspective": "beroepsonderwijs",
        "outcome_qualification": "diploma",
        "outcome_network_size": 5,
    }
    closed = api(ruben).post(url, closing, format="json").json()
    assert (closed["status"], closed["outcome_network_size"]) == ("gesloten", 5)


@pytest.mark.django_db
def test_actions_endpoint_lets_the_receiver_answer_and_refuses_others(api, ruben, bas, gijs, daan, case):
    action = _give(ruben, case, "huisbezoek-wijkteam", gijs.organisation)
    mine = api(gijs).get("/api/v1/actions/?mine=true").json()["results"]
    assert [a["id"] for a in mine] == [action.pk] and mine[0]["overdue"] is False
    assert api(daan).get("/api/v1/actions/").json()["results"] == []
    assert api(daan).get(f"/api/v1/actions/{action.pk}/").status_code == 404
    case_services.case_organisation_add(
        actor=ruben, case=case, organisation=bas.organisation, role="Jeugdagent"
    )
    assert (
        api(bas).post(f"/api/v1/actions/{action.pk}/respond/", {"accept": True}, format="json").status_code
        == 403
    )
    refused = api(gijs).post(f"/api/v1/actions/{action.pk}/respond/", {"accept": False}, format="json")
    assert refused.status_code == 400 and refused.json()["invalid_params"][0]["name"] == "reason"
    accepted = api(gijs).post(f"/api/v1/actions/{action.pk}/respond/", {"accept": True}, format="json").json()
    assert accepted["response"] == "geaccepteerd" and accepted["owner"]["id"] == gijs.pk
    done = api(gijs).post(
        f"/api/v1/actions/{action.pk}/finish/", {"done": True, "note": "Bezocht"}, format="json"
    )
    assert done.json()["status"] == "afgerond"


@pytest.mark.django_db
def test_actions_are_given_over_the_api_to_authorised_organisations_only(api, ruben, petra, bas, daan, case):
    data = {"case": case.pk, "follow_up_type": "halt-preventief", "organisation": bas.organisation_id}
    refused = api(ruben).post("/api/v1/actions/", data, format="json")
    assert refused.status_code == 400 and refused.json()["invalid_params"][0]["name"] == "organisation"
    assert "niet bevoegd" in refused.json()["detail"]
    data["organisation"] = daan.organisation_id
    assert api(petra).post("/api/v1/actions/", data, format="json").status_code == 403
    created = api(ruben).post("/api/v1/actions/", data, format="json")
    assert created.status_code == 201 and created.json()["organisation"]["name"] == daan.organisation.name
    assert Action.objects.get().due_on > timezone.localdate()


@pytest.mark.django_db
def test_groups_endpoint_follows_the_gateway(api, ruben, petra, bas, daan, hanna, bert, case_lists):
    group = group_services.youth_group_create(
        actor=ruben, name="De Hoek", area="Diezerpoort", coordinator=ruben, organisations=[bas.organisation]
    )
    for persona in (ruben, bas):
        assert [g["id"] for g in api(persona).get("/api/v1/groups/").json()["results"]] == [group.pk]
        steps = api(persona).get(f"/api/v1/groups/{group.pk}/").json()["steps"]
        assert [s["title"] for s in steps][3] == "Probleemdefinitie en prioriteringsadvies"
    assert api(daan).get("/api/v1/groups/").json()["results"] == []
    assert api(daan).get(f"/api/v1/groups/{group.pk}/").status_code == 404
    for persona in (petra, hanna, bert):
        assert api(persona).get("/api/v1/groups/").status_code == 403
        assert api(persona).get("/api/v1/meetings/").status_code == 403
        assert api(persona).get("/api/v1/actions/").status_code == 403


@pytest.mark.django_db
def test_the_list_endpoints_need_a_fixed_number_of_queries(api, ruben, bas, gijs, case):
    meeting_services.meeting_create(
        actor=ruben, kind="casus", starts_at=timezone.now(), chair=ruben, organisations=[]
    )
    group_services.youth_group_create(actor=ruben, name="G", area="A", coordinator=ruben)
    _give(ruben, case, "huisbezoek-wijkteam", gijs.organisation)
    client = api(ruben)
    urls = [
        "/api/v1/cases/",
        "/api/v1/actions/",
        "/api/v1/meetings/",
        "/api/v1/groups/",
        "/api/v1/follow-up-types/",
    ]

    def grow() -> None:
        for n in range(3):
            other = make_youth_with_case(bas, ruben, first_name=f"Extra{n}")
            _give(ruben, other, "huisbezoek-wijkteam", gijs.organisation)
            meeting_services.meeting_create(
                actor=ruben,
                kind="casus",
                starts_at=timezone.now(),
                chair=ruben,
                organisations=[bas.organisation],
            )
            group_services.youth_group_create(
                actor=ruben, name=f"G{n}", area="A", coordinator=ruben, organisations=[bas.organisation]
            )
        assert Case.objects.count() == 4

    assert_queries_flat({url: (lambda url=url: client.get(url)) for url in urls}, grow=grow)


@pytest.mark.django_db
def test_the_schema_documents_the_new_endpoints_and_stays_valid(web):
    schema = web.get("/api/v1/schema/?format=json").json()
    validate_schema(schema)
    for path in (
        "/api/v1/meetings/",
        "/api/v1/cases/",
        "/api/v1/cases/{id}/transition/",
        "/api/v1/actions/",
        "/api/v1/actions/{id}/respond/",
        "/api/v1/groups/",
        "/api/v1/follow-up-types/",
    ):
        assert path in schema["paths"], path
