"""Issue 10.3: the managed lists show what the partners agreed and what is still a draft, by whom and when."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.models import SharingBasis
from cases.forms.fields import FollowUpTypeChoiceField, LegalBasisChoiceField
from cases.models import FollowUpType, LegalBasis
from cases.services.lists import case_lists_load
from monitoring.models import Indicator


@pytest.mark.django_db
def test_an_item_marked_agreed_must_say_who_agreed_and_when():
    basis = SharingBasis(covenant="Convenant PmG", articles="art. 5", agreement_status="akkoord")
    with pytest.raises(ValidationError, match="wie akkoord gaf"):
        basis.full_clean()
    basis.agreed_by, basis.agreed_on = "Stuurgroep", dt.date(2025, 1, 15)
    basis.full_clean()


@pytest.mark.django_db
def test_seeded_lists_start_as_drafts_and_the_choice_labels_say_so(plan, reference_lists):
    case_lists_load(actor=None)
    legal = LegalBasis.objects.first()
    follow_up = FollowUpType.objects.first()
    assert not legal.is_agreed and not follow_up.is_agreed
    legal_field = LegalBasisChoiceField(queryset=LegalBasis.objects.all())
    assert legal_field.label_from_instance(legal).endswith("concept, nog niet afgesproken")
    assert (
        FollowUpTypeChoiceField(queryset=FollowUpType.objects.all())
        .label_from_instance(follow_up)
        .endswith("concept")
    )
    LegalBasis.objects.filter(pk=legal.pk).update(
        agreement_status="akkoord", agreed_by="Stuurgroep", agreed_on=dt.date(2025, 2, 1)
    )
    legal.refresh_from_db()
    assert legal_field.label_from_instance(legal) == legal.name


@pytest.mark.django_db
def test_the_indicator_list_shows_which_indicators_are_agreed_by_whom_and_when(web, petra, plan):
    from monitoring.services.seed import indicators_seed_load

    indicators_seed_load(actor=None)
    agreed = Indicator.objects.order_by("intervention__code", "order").first()
    Indicator.objects.filter(pk=agreed.pk).update(
        agreement_status="akkoord", agreed_by="Stuurgroep PmG", agreed_on=dt.date(2025, 3, 4)
    )
    web.force_login(petra)
    html = web.get("/monitoring/indicatoren/").content.decode()
    assert "Afgesproken" in html and "Stuurgroep PmG, 04-03-2025" in html and "Concept" in html


@pytest.mark.django_db
def test_the_beheerder_keeps_the_sharing_bases_in_the_admin_and_a_partner_cannot(web, bert, bas):
    web.force_login(bert)
    listing = web.get("/beheer/accounts/sharingbasis/")
    assert listing.status_code == 200
    response = web.post(
        "/beheer/accounts/sharingbasis/add/",
        {
            "covenant": "Convenant Jeugdboa's",
            "articles": "art. 3",
            "agreement_status": "concept",
            "agreed_by": "",
            "agreed_on": "",
            "description": "",
            "agreement_date": "",
        },
    )
    assert response.status_code == 302
    assert SharingBasis.objects.get(covenant="Convenant Jeugdboa's").agreement_status == "concept"
    assert "Concept" in web.get("/beheer/accounts/sharingbasis/").content.decode()
    web.force_login(bas)
    assert web.get("/beheer/accounts/sharingbasis/").status_code == 302


@pytest.mark.django_db
def test_the_organisations_api_shows_each_sharing_basis_and_whether_it_is_agreed(api, bas, politie, halt):
    halt.sharing_basis = SharingBasis.objects.create(covenant="Convenant Halt", articles="art. 2")
    halt.save(update_fields=["sharing_basis"])
    rows = {r["name"]: r for r in api(bas).get("/api/v1/organisations/").json()["results"]}
    assert rows[politie.name]["sharing_basis"]["agreement_status"] == "akkoord"
    assert rows[halt.name]["sharing_basis"] == {
        "covenant": "Convenant Halt",
        "articles": "art. 2",
        "agreement_date": None,
        "agreement_status": "concept",
        "agreed_by": "",
        "agreed_on": None,
    }
