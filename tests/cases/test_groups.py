"""The group approach: seven steps in order, the namenlijst, members taken into a case."""

import pytest

from cases.models import Case, YouthGroup, YouthGroupStep
from cases.services import groups as group_services
from core.errors import DomainError
from tests.factories import signal_logged
from tests.querycount import assert_queries_flat


@pytest.fixture
def group(ruben, bas, case_lists):
    return group_services.youth_group_create(
        actor=ruben,
        name="Groep Winkelcentrum Holtenbroek",
        area="Holtenbroek, winkelcentrum",
        coordinator=ruben,
        organisations=[bas.organisation],
    )


def _step(group, number):
    return group.steps.get(number=number)


@pytest.mark.django_db
def test_a_new_group_has_seven_steps_and_step_one_is_running(group, ruben):
    steps = list(group.steps.order_by("number"))
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6, 7]
    assert steps[0].status == YouthGroupStep.Status.IN_PROGRESS and steps[0].owner == ruben
    assert all(s.status == YouthGroupStep.Status.NOT_STARTED for s in steps[1:])


@pytest.mark.django_db
def test_a_step_completes_only_with_its_details_and_after_the_step_before(group, ruben):
    with pytest.raises(DomainError, match="Rond eerst stap 1 af"):
        group_services.youth_group_step_update(
            actor=ruben,
            step=_step(group, 2),
            status="afgerond",
            details={
                "kenmerken": "Intimidatie",
                "ernst": "Hoog",
                "groepsscan_datum": "2025-01-10",
                "groepsscan": "x",
            },
        )
    with pytest.raises(DomainError, match="kan pas worden afgerond met: Gedeelde signalen") as error:
        group_services.youth_group_step_update(actor=ruben, step=_step(group, 1), status="afgerond")
    assert error.value.code == "step_incomplete"
    group_services.youth_group_step_update(
        actor=ruben,
        step=_step(group, 1),
        status="afgerond",
        details={"signalen": "Politie en boa's: overlast."},
    )
    with pytest.raises(DomainError, match="kent het gegeven 'label'"):
        group_services.youth_group_step_update(
            actor=ruben, step=_step(group, 2), status="bezig", details={"label": "x"}
        )
    with pytest.raises(DomainError, match="jjjj-mm-dd"):
        group_services.youth_group_step_update(
            actor=ruben, step=_step(group, 2), status="bezig", details={"groepsscan_datum": "10-01-2025"}
        )
    step = group_services.youth_group_step_update(
        actor=ruben,
        step=_step(group, 2),
        status="afgerond",
        details={
            "kenmerken": "Intimidatie",
            "ernst": "Hoog",
            "groepsscan_datum": "2025-01-10",
            "groepsscan": "6 leden",
        },
    )
    assert step.completed_on is not None and step.started_on is not None
    # Step 4 needs the decision of the lokale driehoek.
    group_services.youth_group_step_update(
        actor=ruben, step=_step(group, 3), status="afgerond", details={"dynamiek": "x", "conceptplan": "y"}
    )
    with pytest.raises(DomainError, match="Besluit van de lokale driehoek"):
        group_services.youth_group_step_update(
            actor=ruben,
            step=_step(group, 4),
            status="afgerond",
            details={"probleemdefinitie": "x", "prioriteringsadvies": "hoog"},
        )


@pytest.mark.django_db
def test_the_namenlijst_has_one_youth_per_place(group, ruben, bas):
    sanne = signal_logged(bas, first_name="Sanne", last_name="de Vries").youth
    tim = signal_logged(bas, first_name="Tim", last_name="Jansen").youth
    group_services.youth_group_member_add(
        actor=ruben, youth_group=group, youth=sanne, role="kern", namenlijst_position=1
    )
    with pytest.raises(DomainError, match="Plek 1 op de namenlijst is al bezet"):
        group_services.youth_group_member_add(
            actor=ruben, youth_group=group, youth=tim, role="meeloper", namenlijst_position=1
        )
    with pytest.raises(DomainError, match="al lid"):
        group_services.youth_group_member_add(actor=ruben, youth_group=group, youth=sanne, role="kern")


@pytest.mark.django_db
def test_a_refused_member_change_shows_its_reason_on_the_group_page(web, group, ruben, bas):
    sanne = signal_logged(bas, first_name="Sanne", last_name="de Vries").youth
    tim = signal_logged(bas, first_name="Tim", last_name="Jansen").youth
    group_services.youth_group_member_add(
        actor=ruben, youth_group=group, youth=sanne, role="kern", namenlijst_position=1
    )
    member = group_services.youth_group_member_add(actor=ruben, youth_group=group, youth=tim, role="kern")
    web.force_login(ruben)
    url = f"/groepen/{group.pk}/leden/{member.pk}/"
    response = web.post(url, {"role": "leider", "namenlijst_position": 1})
    assert response.status_code == 400
    assert "Plek 1 op de namenlijst is al bezet" in response.content.decode()
    assert web.post(url, {"role": "leider", "namenlijst_position": 2}).status_code == 302
    member.refresh_from_db()
    assert (member.role, member.namenlijst_position) == ("leider", 2)


@pytest.mark.django_db
def test_a_member_is_taken_into_a_case_in_one_action_and_keeps_the_link(web, group, ruben, bas):
    sanne = signal_logged(bas, first_name="Sanne", last_name="de Vries").youth
    member = group_services.youth_group_member_add(actor=ruben, youth_group=group, youth=sanne, role="leider")
    web.force_login(ruben)
    response = web.post(f"/groepen/{group.pk}/leden/{member.pk}/casus/", {"procesregie_holder": ruben.pk})
    case = Case.objects.get(youth=sanne)
    assert response["Location"] == f"/casussen/{case.pk}/"
    member.refresh_from_db()
    assert member.case == case and member.youth_group == group
    assert "Groep Winkelcentrum Holtenbroek" in web.get(f"/casussen/{case.pk}/").content.decode()
    assert "Groep Winkelcentrum Holtenbroek" in case.reason


@pytest.mark.django_db
def test_partners_see_only_the_groups_their_organisation_takes_part_in(
    web, group, ruben, petra, bas, daan, bert, hanna
):
    web.force_login(petra)
    assert web.get("/groepen/").status_code == 403  # the projectleider: aggregates only
    for persona in (ruben, bas):
        web.force_login(persona)
        assert "Groep Winkelcentrum Holtenbroek" in web.get("/groepen/").content.decode()
        assert web.get(f"/groepen/{group.pk}/").status_code == 200
        assert web.get(f"/groepen/{group.pk}/stappen/3/").status_code == 200
    web.force_login(daan)
    assert "Holtenbroek" not in web.get("/groepen/").content.decode()
    assert web.get(f"/groepen/{group.pk}/").status_code == 404
    assert web.get(f"/groepen/{group.pk}/stappen/3/").status_code == 404
    for persona in (bert, hanna):
        web.force_login(persona)
        assert web.get("/groepen/").status_code == 403


@pytest.mark.django_db
def test_only_the_procesregisseur_creates_groups_and_a_step_owner_updates_their_step(
    web, group, ruben, petra, bas
):
    for persona in (petra, bas):
        web.force_login(persona)
        assert web.get("/groepen/nieuw/").status_code == 403
        assert web.post(f"/groepen/{group.pk}/stappen/2/", {"status": "bezig"}).status_code == 403
    web.force_login(ruben)
    response = web.post(
        "/groepen/nieuw/",
        {"name": "De Hoek", "area": "Diezerpoort", "coordinator": ruben.pk},
    )
    assert response.status_code == 302
    assert YouthGroup.objects.filter(name="De Hoek").exists()
    # The police officer who owns step 2 records the groepsscan.
    group_services.youth_group_step_update(actor=ruben, step=_step(group, 2), status="bezig", owner=bas)
    web.force_login(bas)
    response = web.post(
        f"/groepen/{group.pk}/stappen/2/",
        {
            "status": "bezig",
            "owner": bas.pk,
            "detail_groepsscan": "Zes jongeren, twee in de kern.",
            "detail_groepsscan_datum": "2025-02-01",
        },
    )
    assert response.status_code == 302
    step = _step(group, 2)
    assert step.details == {"groepsscan": "Zes jongeren, twee in de kern.", "groepsscan_datum": "2025-02-01"}
    html = web.get(f"/groepen/{group.pk}/").content.decode()
    assert "Zes jongeren, twee in de kern." in html
    assert "shortlist" not in html.lower()  # the pre-2023 label is gone (issue 11)


@pytest.mark.django_db
def test_the_group_pages_need_a_fixed_number_of_queries(web, group, ruben, bas):
    first = signal_logged(bas, first_name="Eerste", last_name="Lid").youth
    member = group_services.youth_group_member_add(actor=ruben, youth_group=group, youth=first, role="kern")
    group_services.youth_group_member_open_case(actor=ruben, member=member, procesregie_holder=ruben)
    web.force_login(ruben)

    def grow() -> None:
        for n in range(4):
            youth = signal_logged(bas, first_name=f"Lid{n}", last_name="Groep").youth
            group_services.youth_group_member_add(
                actor=ruben, youth_group=group, youth=youth, role="meeloper", namenlijst_position=n + 1
            )
            group_services.youth_group_create(
                actor=ruben, name=f"Groep {n}", area="Stadshagen", coordinator=ruben
            )
        member = group.members.filter(case__isnull=True).first()
        group_services.youth_group_member_open_case(actor=ruben, member=member, procesregie_holder=ruben)

    assert_queries_flat(
        {"list": lambda: web.get("/groepen/"), "detail": lambda: web.get(f"/groepen/{group.pk}/")}, grow=grow
    )


@pytest.mark.django_db
def test_completing_step_seven_closes_the_group(group, ruben):
    details = {
        1: {"signalen": "x"},
        2: {"kenmerken": "x", "ernst": "x", "groepsscan_datum": "2025-01-10", "groepsscan": "x"},
        3: {"dynamiek": "x", "conceptplan": "x"},
        4: {
            "probleemdefinitie": "x",
            "prioriteringsadvies": "x",
            "besluit_driehoek": "x",
            "besluit_datum": "2025-02-01",
        },
        5: {"groepsniveau": "x", "doelen": "x"},
        6: {"voortgang": "x"},
        7: {"evaluatie": "x", "overdracht": "Aan het jongerenwerk"},
    }
    for number, values in details.items():
        group_services.youth_group_step_update(
            actor=ruben, step=_step(group, number), status="afgerond", details=values
        )
    group.refresh_from_db()
    assert group.status == YouthGroup.Status.CLOSED
