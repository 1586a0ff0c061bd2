"""Issue 11, point 5: the group approach followed over time (CCV) — rounds of the seven steps, a second
groepsscan kept next to the first, the scan history for monitoring, and step 1 linking platform signals."""

from __future__ import annotations

import pytest

from cases.groupsteps import step_definition
from cases.models import YouthGroup, YouthGroupStep
from cases.selectors.groups import group_scan_history
from cases.services import groups as group_services
from core.errors import DomainError
from tests.factories import signal_logged


@pytest.fixture
def group(ruben, bas, case_lists):
    return group_services.youth_group_create(
        actor=ruben,
        name="Groep Stationsplein",
        area="Stationsplein",
        coordinator=ruben,
        organisations=[bas.organisation],
    )


def _details(number: int, **extra: str) -> dict[str, str]:
    values = {
        f.code: ("2025-01-10" if f.kind == "date" else f"{f.label} ingevuld")
        for f in step_definition(number).fields
        if f.required
    }
    return {**values, **extra}


def _complete_up_to(group: YouthGroup, ruben, last: int, scan: dict[str, str]) -> None:
    for number in range(1, last + 1):
        step = group.steps.filter(number=number).order_by("-round").first()
        details = _details(number, **(scan if number == 2 else {}))
        group_services.youth_group_step_update(actor=ruben, step=step, status="afgerond", details=details)


@pytest.mark.django_db
def test_a_second_groepsscan_is_stored_next_to_the_first_and_never_overwrites_it(web, group, ruben):
    _complete_up_to(
        group,
        ruben,
        6,
        {
            "groepsscan": "Acht jongeren, drie in de kern.",
            "groepsscan_datum": "2025-01-10",
            "groepsscan_omvang": "8",
        },
    )
    web.force_login(ruben)
    response = web.post(f"/groepen/{group.pk}/nieuwe-ronde/")
    assert response.status_code == 302
    assert group.steps.filter(round=2).count() == 7
    # Round 2's step 2 is a new row; editing it leaves round 1's scan as it was.
    step = group.steps.get(round=2, number=1)
    group_services.youth_group_step_update(actor=ruben, step=step, status="afgerond", details=_details(1))
    response = web.post(
        f"/groepen/{group.pk}/stappen/2/",
        {
            "status": "afgerond",
            "detail_kenmerken": "Minder overlast",
            "detail_ernst": "Lager",
            "detail_groepsscan": "Vijf jongeren, één in de kern.",
            "detail_groepsscan_datum": "2025-09-01",
            "detail_groepsscan_omvang": "5",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    first = group.steps.get(round=1, number=2)
    second = group.steps.get(round=2, number=2)
    assert first.details["groepsscan"] == "Acht jongeren, drie in de kern."
    assert second.details["groepsscan"] == "Vijf jongeren, één in de kern."
    # The group page shows both rounds side by side.
    page = web.get(f"/groepen/{group.pk}/").content.decode()
    assert "Ontwikkeling van de groep per ronde" in page
    assert "Acht jongeren, drie in de kern." in page and "Vijf jongeren, één in de kern." in page
    # The selector monitoring uses: two scans, and the change between the first and the latest.
    history = group_scan_history(group)
    assert history.scan_count == 2 and history.size_change == -3
    assert history.first is not None and history.first.round == 1
    assert history.days_between == (234)


@pytest.mark.django_db
def test_a_new_round_starts_only_after_the_evaluation_and_earlier_rounds_stay_as_they_are(group, ruben):
    with pytest.raises(DomainError) as error:
        group_services.youth_group_round_start(actor=ruben, youth_group=group)
    assert error.value.code == "round_too_early"
    _complete_up_to(group, ruben, 7, {})
    group.refresh_from_db()
    assert group.status == YouthGroup.Status.CLOSED
    assert group_services.youth_group_round_start(actor=ruben, youth_group=group) == 2
    group.refresh_from_db()
    assert group.status == YouthGroup.Status.ACTIVE  # the group is followed again
    old = group.steps.get(round=1, number=3)
    with pytest.raises(DomainError, match="eerdere ronde"):
        group_services.youth_group_step_update(actor=ruben, step=old, status="bezig")
    assert group.steps.get(round=2, number=1).status == YouthGroupStep.Status.IN_PROGRESS


@pytest.mark.django_db
def test_the_round_button_shows_why_it_is_too_early(web, group, ruben):
    web.force_login(ruben)
    response = web.post(f"/groepen/{group.pk}/nieuwe-ronde/")
    assert response.status_code == 400
    assert "rond eerst stap 6 van ronde 1 af" in response.content.decode()


@pytest.mark.django_db
def test_step_one_links_signals_of_members_the_user_may_read(web, group, ruben, bas, daan):
    member_signal = signal_logged(bas, first_name="Jesse", last_name="Visser")
    group_services.youth_group_member_add(
        actor=ruben, youth_group=group, youth=member_signal.youth, role="kern"
    )
    outsider = signal_logged(daan, first_name="Lotte", last_name="Smit")
    web.force_login(ruben)
    page = web.get(f"/groepen/{group.pk}/stappen/1/").content.decode()
    assert "Jesse Visser" in page and "Lotte Smit" not in page
    # Linked platform signals stand for the description of the shared signals when completing step 1.
    response = web.post(
        f"/groepen/{group.pk}/stappen/1/", {"status": "afgerond", "signals": [member_signal.pk]}
    )
    assert response.status_code == 302
    step = group.steps.get(round=1, number=1)
    assert list(step.signal_links.values_list("signal_id", flat=True)) == [member_signal.pk]
    assert "1 signaal van het platform gekoppeld" in web.get(f"/groepen/{group.pk}/").content.decode()
    # A signal about someone outside the group is refused (also when called directly).
    response = web.post(f"/groepen/{group.pk}/stappen/1/", {"status": "afgerond", "signals": [outsider.pk]})
    assert response.status_code == 400
    with pytest.raises(DomainError, match="leden van de groep"):
        group_services.youth_group_step_update(actor=ruben, step=step, status="afgerond", signals=[outsider])


@pytest.mark.django_db
def test_the_old_shortlist_label_is_gone_from_form_and_api(web, group, ruben):
    web.force_login(ruben)
    assert "shortlist" not in web.get("/groepen/nieuw/").content.decode().lower()
    assert "legacy_shortlist_label" not in web.get(f"/api/v1/groups/{group.pk}/").json()


@pytest.mark.django_db
def test_a_partner_reads_the_linked_signals_it_may_read_on_step_one(web, group, ruben, bas, daan):
    own = signal_logged(bas, first_name="Jesse", last_name="Visser")
    hidden = signal_logged(daan, first_name="Lotte", last_name="Smit")
    for signal in (own, hidden):
        group_services.youth_group_member_add(actor=ruben, youth_group=group, youth=signal.youth, role="kern")
    step = group.steps.get(round=1, number=1)
    group_services.youth_group_step_update(actor=ruben, step=step, status="bezig", signals=[own, hidden])
    web.force_login(bas)
    page = web.get(f"/groepen/{group.pk}/stappen/1/").content.decode()
    assert "Gekoppelde signalen die u mag lezen" in page
    assert "Jesse Visser" in page.split("Gekoppelde signalen")[1]
    assert "Lotte Smit" not in page.split("Gekoppelde signalen")[1]
