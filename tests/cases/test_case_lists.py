"""The managed lists of the cases app: seeded, idempotent, kept by the projectleider only."""

import pytest
from django.core.management import call_command

from accounts.models import OrganisationKind
from cases.catalogue import FOLLOW_UP_TYPES, LEGAL_BASES
from cases.models import FollowUpType, LegalBasis
from cases.services.lists import case_lists_load


@pytest.mark.django_db
def test_the_seed_creates_legal_bases_follow_up_types_and_the_kinds_they_need(plan):
    assert not OrganisationKind.objects.filter(code="halt").exists()
    case_lists_load(actor=None)
    assert LegalBasis.objects.count() == len(LEGAL_BASES)
    assert FollowUpType.objects.count() == len(FOLLOW_UP_TYPES)
    halt = FollowUpType.objects.get(code="halt-preventief")
    assert [k.code for k in halt.authorised_kinds.all()] == ["halt"]
    assert halt.intervention.code == "2.1.3"
    assert FollowUpType.objects.get(code="kansrijk-risicotaxatie").intervention.code == "2.1.2"
    veilig_thuis = FollowUpType.objects.get(code="melding-veilig-thuis")
    assert {"school", "jongerenwerk", "sociaal-wijkteam"} <= {
        k.code for k in veilig_thuis.authorised_kinds.all()
    }
    assert OrganisationKind.objects.get(code="leerplicht").name == "Leerplicht / RMC"


@pytest.mark.django_db
def test_a_second_run_adds_nothing_and_keeps_edits():
    case_lists_load(actor=None)
    FollowUpType.objects.filter(code="gesprek-jongerenwerk").update(usual_term_days=7)
    LegalBasis.objects.filter(code="vitaal-belang").update(name="Acuut gevaar")
    assert case_lists_load(actor=None).created == []
    assert FollowUpType.objects.get(code="gesprek-jongerenwerk").usual_term_days == 7
    assert LegalBasis.objects.get(code="vitaal-belang").name == "Acuut gevaar"


@pytest.mark.django_db
def test_the_catalogue_links_interventions_once_the_plan_is_loaded_later(plan):
    FollowUpType.objects.all().delete()
    from tracks.models import Intervention

    Intervention.objects.filter(code="2.1.3").update(code="x")  # plan not there yet
    case_lists_load(actor=None)
    assert FollowUpType.objects.get(code="halt-preventief").intervention is None
    Intervention.objects.filter(code="x").update(code="2.1.3")
    case_lists_load(actor=None)
    assert FollowUpType.objects.get(code="halt-preventief").intervention.code == "2.1.3"


@pytest.mark.django_db
def test_the_command_reports_what_it_added(capsys):
    call_command("load_case_lists")
    assert "Lijsten voor casussen: " in capsys.readouterr().out


@pytest.mark.django_db
def test_projectleider_and_beheerder_keep_the_lists_in_the_admin_and_a_partner_cannot(web, petra, bert, bas):
    case_lists_load(actor=None)
    follow_up = FollowUpType.objects.get(code="halt-preventief")
    for persona in (petra, bert):
        web.force_login(persona)
        assert web.get("/beheer/cases/followuptype/").status_code == 200
        assert web.get(f"/beheer/cases/followuptype/{follow_up.pk}/change/").status_code == 200
        assert web.get("/beheer/cases/legalbasis/").status_code == 200
    web.force_login(bas)
    assert web.get("/beheer/cases/followuptype/").status_code == 302  # not staff: sent to the admin login
    assert not bas.has_perm("cases.change_followuptype")
