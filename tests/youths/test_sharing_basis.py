"""Issue 10.3: the legal basis of every share is on record (signals and match notices)."""

import pytest
from django.utils import timezone

from core.errors import DomainError
from tests.factories import SharingBasisFactory, signal_logged
from youths.models import Match, Signal


@pytest.fixture
def wpg(politie):
    """The police share on the Wpg, not on the covenant the others signed."""
    basis = SharingBasisFactory(covenant="Wet politiegegevens", articles="art. 16 en 19", agreement_date=None)
    politie.sharing_basis = basis
    politie.save(update_fields=["sharing_basis"])
    return basis


@pytest.mark.django_db
def test_a_signal_carries_its_organisations_basis(bas, wpg, reference_lists):
    signal = signal_logged(bas)
    assert signal.sharing_basis == wpg
    assert signal.sharing_basis_text == "Wet politiegegevens, art. 16 en 19"


@pytest.mark.django_db
def test_changing_the_covenant_later_does_not_rewrite_the_signals_recorded_basis(bas, wpg, reference_lists):
    signal = signal_logged(bas)
    wpg.articles = "art. 16, 19 en 20"
    wpg.save()
    signal.refresh_from_db()
    assert signal.sharing_basis_text == "Wet politiegegevens, art. 16 en 19"
    later = signal_logged(bas, signal.youth, description="Later gezien bij het station.")
    assert later.sharing_basis_text == "Wet politiegegevens, art. 16, 19 en 20"


@pytest.mark.django_db
def test_an_organisation_without_a_basis_cannot_log_a_signal(bas, politie, reference_lists):
    politie.sharing_basis = None
    politie.save(update_fields=["sharing_basis"])
    with pytest.raises(DomainError, match="nog geen grondslag") as refused:
        signal_logged(bas)
    assert refused.value.code == "no_sharing_basis"
    assert not Signal.objects.exists()


@pytest.mark.django_db
def test_an_organisation_whose_basis_is_a_draft_cannot_log_a_signal(bas, politie, reference_lists):
    politie.sharing_basis = SharingBasisFactory(
        covenant="Convenant Jeugdboa's",
        articles="art. 3",
        agreement_status="concept",
        agreed_by="",
        agreed_on=None,
    )
    politie.save(update_fields=["sharing_basis"])
    with pytest.raises(DomainError, match="nog een concept"):
        signal_logged(bas)
    assert not Signal.objects.exists()


@pytest.mark.django_db
def test_the_signal_page_shows_the_refusal_in_dutch_and_saves_nothing(web, bas, politie, reference_lists):
    from youths.models import SignalCategory

    politie.sharing_basis = None
    politie.save(update_fields=["sharing_basis"])
    web.force_login(bas)
    response = web.post(
        "/signalen/melden/",
        {
            "first_name": "Sanne",
            "last_name": "de Vries",
            "date_of_birth": "2010-05-17",
            "category": SignalCategory.objects.get(code="overlast-straat").pk,
            "domain": "street",
            "observed_on": timezone.localdate().isoformat(),
            "description": "Met een groep bij het winkelcentrum.",
        },
    )
    assert response.status_code == 200  # the form again, with the reason above it
    assert "nog geen grondslag" in response.content.decode()
    assert not Signal.objects.exists()


@pytest.mark.django_db
def test_the_api_refuses_a_signal_without_a_basis_with_a_problem(api, bas, politie, reference_lists):
    politie.sharing_basis = None
    politie.save(update_fields=["sharing_basis"])
    response = api(bas).post(
        "/api/v1/signals/",
        {
            "youth": {"first_name": "Sanne", "last_name": "de Vries", "date_of_birth": "2010-05-17"},
            "category": "overlast-straat",
            "domain": "street",
            "observed_on": timezone.localdate().isoformat(),
            "description": "Met een groep bij het winkelcentrum.",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "grondslag" in response.json()["detail"]


@pytest.mark.django_db
def test_the_api_shows_the_reporting_organisation_the_basis_of_its_signal(api, bas, wpg, reference_lists):
    signal_logged(bas)
    rows = api(bas).get("/api/v1/signals/").json()["results"]
    assert rows[0]["sharing_basis"] == "Wet politiegegevens, art. 16 en 19"


@pytest.mark.django_db
def test_each_match_participant_carries_the_basis_it_shares_on(bas, chaima, wpg, shared_youth):
    match = Match.objects.get()
    recorded = {p.organisation_id: p.sharing_basis_text for p in match.participants.all()}
    assert recorded[bas.organisation_id] == "Wet politiegegevens, art. 16 en 19"
    assert recorded[chaima.organisation_id].startswith("Convenant Preventie met Gezag Zwolle")


@pytest.mark.django_db
def test_the_youth_page_shows_the_basis_the_signal_was_shared_on(web, bas, wpg, reference_lists):
    youth = signal_logged(bas).youth
    web.force_login(bas)
    html = web.get(f"/jongeren/{youth.pk}/").content.decode()
    assert "Gedeeld op grond van: Wet politiegegevens, art. 16 en 19" in html
