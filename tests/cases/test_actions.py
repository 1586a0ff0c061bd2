"""Actions: authorised organisations only, accept or decline, the procesregisseur's attention list."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import Action, FollowUpType
from cases.services import actions as action_services
from cases.services import core as case_services
from core.errors import DomainError
from core.models import Notification
from tests.clients import VerifiedClient
from tests.querycount import assert_queries_flat


def _give(ruben, case, code, organisation, **kwargs):
    return action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=FollowUpType.objects.get(code=code),
        organisation=organisation,
        **kwargs,
    )


@pytest.mark.django_db
def test_an_action_goes_only_to_an_organisation_of_an_authorised_kind(ruben, bas, daan, gijs, case):
    with pytest.raises(DomainError) as error:
        _give(ruben, case, "halt-preventief", gijs.organisation)
    assert error.value.field == "organisation" and error.value.code == "not_authorised"
    assert "Sociaal Wijkteam Zwolle" in error.value.message and "Bevoegd: Halt" in error.value.message
    action = _give(ruben, case, "halt-preventief", daan.organisation, owner=daan)
    assert action.owner == daan
    with pytest.raises(DomainError, match="medewerker van"):
        _give(ruben, case, "halt-preventief", daan.organisation, owner=bas)
    with pytest.raises(DomainError, match="in het verleden"):
        _give(
            ruben,
            case,
            "halt-preventief",
            daan.organisation,
            due_on=timezone.localdate() - dt.timedelta(days=1),
        )


@pytest.mark.django_db
def test_the_receiving_organisation_accepts_or_declines_with_a_reason(web, ruben, daan, gijs, chaima, case):
    action = _give(ruben, case, "huisbezoek-wijkteam", gijs.organisation)
    web.force_login(chaima)  # another partner, not involved in the case
    assert web.get(f"/acties/{action.pk}/").status_code == 404
    assert web.post(f"/acties/{action.pk}/reactie/", {"accept": "ja"}).status_code == 404
    web.force_login(gijs)
    response = web.post(f"/acties/{action.pk}/reactie/", {"accept": "nee"})
    assert response.status_code == 400
    assert "Geef de reden van weigeren." in response.content.decode()
    assert (
        web.post(
            f"/acties/{action.pk}/reactie/", {"accept": "nee", "reason": "Andere aanpak nodig"}
        ).status_code
        == 302
    )
    action.refresh_from_db()
    assert action.response == Action.Response.DECLINED and action.response_reason == "Andere aanpak nodig"
    # The procesregie is told.
    told = Notification.objects.get(kind="actie-geweigerd")
    assert told.user == ruben and "Sociaal Wijkteam Zwolle" in told.text
    with pytest.raises(DomainError, match="al gereageerd"):
        action_services.action_respond(actor=gijs, action=action, accept=True)


@pytest.mark.django_db
def test_an_involved_partner_of_another_organisation_cannot_answer_for_it(web, ruben, bas, gijs, case):
    case_services.case_organisation_add(
        actor=ruben, case=case, organisation=bas.organisation, role="Jeugdagent"
    )
    action = _give(ruben, case, "huisbezoek-wijkteam", gijs.organisation)
    web.force_login(bas)
    assert web.get(f"/acties/{action.pk}/").status_code == 200  # he sees the case's actions
    assert web.post(f"/acties/{action.pk}/reactie/", {"accept": "ja"}).status_code == 403
    assert web.post(f"/acties/{action.pk}/afronden/", {"done": "ja"}).status_code == 403


@pytest.mark.django_db
def test_the_procesregisseur_sees_declined_and_unanswered_actions_and_reassigns(
    web, ruben, petra, gijs, daan, chaima, case
):
    declined = _give(ruben, case, "melding-veilig-thuis", gijs.organisation)
    action_services.action_respond(actor=gijs, action=declined, accept=False, reason="Is al gemeld")
    unanswered = _give(ruben, case, "halt-preventief", daan.organisation)
    accepted = _give(ruben, case, "gesprek-jongerenwerk", chaima.organisation)
    action_services.action_respond(actor=chaima, action=accepted, accept=True)
    web.force_login(ruben)
    html = web.get("/acties/").content.decode()
    attention = html.split("Vraagt aandacht van de procesregie")[1].split("Acties van mijn organisatie")[0]
    declined_part, unanswered_part = attention.split(">Nog niet beantwoord</h3>")
    assert "Melding bij Veilig Thuis" in declined_part and "Is al gemeld" in declined_part
    assert "Preventief Halt-traject" in unanswered_part
    assert "Gesprek door het jongerenwerk" not in attention
    # A partner does not get that list.
    web.force_login(daan)
    assert "Vraagt aandacht" not in web.get("/acties/").content.decode()
    # Reassign the declined one to another authorised organisation; it must answer anew.
    web.force_login(ruben)
    response = web.post(f"/acties/{declined.pk}/opnieuw-toewijzen/", {"organisation": chaima.organisation_id})
    assert response.status_code == 302
    declined.refresh_from_db()
    assert declined.organisation == chaima.organisation and declined.response == Action.Response.PENDING
    web.force_login(petra)  # the projectleider reads but does not reassign
    assert (
        web.post(
            f"/acties/{unanswered.pk}/opnieuw-toewijzen/", {"organisation": daan.organisation_id}
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_my_actions_lists_only_my_organisations_actions(web, ruben, gijs, daan, case):
    _give(ruben, case, "huisbezoek-wijkteam", gijs.organisation)
    _give(ruben, case, "halt-preventief", daan.organisation)
    web.force_login(gijs)
    html = web.get("/acties/").content.decode()
    mine = html.split("Acties van mijn organisatie")[1]
    assert "Huisbezoek door het sociaal wijkteam" in mine and "Preventief Halt-traject" not in mine
    web.force_login(daan)
    assert "Huisbezoek" not in web.get("/acties/").content.decode()


@pytest.mark.django_db
def test_finishing_ends_the_involvement_through_the_action(web, ruben, daan, case):
    action = _give(ruben, case, "halt-preventief", daan.organisation)
    action_services.action_respond(actor=daan, action=action, accept=True)
    web.force_login(daan)
    assert web.get(f"/casussen/{case.pk}/").status_code == 200
    assert (
        web.post(f"/acties/{action.pk}/afronden/", {"done": "ja", "note": "Traject gestart"}).status_code
        == 302
    )
    assert web.get(f"/casussen/{case.pk}/").status_code == 404
    assert web.get(f"/jongeren/{case.youth_id}/").status_code == 404
    assert web.get(f"/acties/{action.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_actions_list_needs_a_fixed_number_of_queries(web, ruben, gijs, daan, case):
    _give(ruben, case, "huisbezoek-wijkteam", gijs.organisation)
    regie, partner = VerifiedClient(), VerifiedClient()
    regie.force_login(ruben)
    partner.force_login(gijs)

    def grow() -> None:
        for _n in range(4):
            _give(ruben, case, "huisbezoek-wijkteam", gijs.organisation)
            _give(ruben, case, "halt-preventief", daan.organisation)

    assert_queries_flat(
        {"procesregisseur": lambda: regie.get("/acties/"), "partner": lambda: partner.get("/acties/")},
        grow=grow,
    )
