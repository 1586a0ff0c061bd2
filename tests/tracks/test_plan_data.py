"""The plan complete as data: its texts, the OOZA sub-results, the real CBS sources, the milestones of
2.2 and the anchoring after 2027, and each intervention's erkenningsniveau."""

import datetime as dt

import pytest

from core.errors import DomainError
from monitoring.models import ContextIndicator
from tests.conftest import api_client_for
from tracks.models import Intervention, Milestone, Programme
from tracks.services import intervention_evidence_set, milestone_update, plan_load

pytestmark = pytest.mark.django_db


def test_the_seed_holds_the_plans_texts(plan):
    programme = Programme.objects.get()
    assert programme.problem_analysis.startswith("In 2021 heeft Bureau Beke onderzoek gedaan")
    assert "online-offline wereld" in programme.problem_analysis
    assert programme.current_approach.startswith("De afgelopen twee jaar is er onder regie van de gemeente")
    assert programme.high_impact_crime_definition.startswith("Diefstal/inbraak woning, geweldsmisdrijven")
    assert programme.risks_introduction.startswith("We werken domein overstijgend")
    assert "We verkennen bovendien op welke manier data" in programme.tracks.get(code="B").description


def test_the_programme_page_shows_the_texts_sub_results_and_sources(plan, web, bas):
    web.force_login(bas)
    html = web.get("/").content.decode()
    assert "Probleemanalyse" in html and "Bureau Beke" in html
    assert "Wat doen we al?" in html and "Uitvoeringsagenda Jeugd en Veiligheid" in html
    assert "straatroof" in html  # the definition of high impact crimes
    assert "We verkennen bovendien" in html
    assert "We werken domein overstijgend" in html
    # The dangling "100% van de jongeren:" shows its three sub-results.
    after = html.split("100% van de jongeren:")[1]
    assert "stroomt uit met een duurzaam perspectief" in after
    assert "dat onderwijs verlaat heeft een diploma" in after
    assert "netwerk met minimaal 3 personen" in after
    assert "83648NED (geregistreerde misdrijven)" in html and "85655NED (verdachten)" in html
    assert "Nog niet beoordeeld" in html


def test_each_context_indicator_names_its_real_source(plan):
    sources = dict(ContextIndicator.objects.values_list("code", "source"))
    assert "85655NED" in sources["youth_suspects"]
    for code in ("registered_crimes", "high_impact_crimes", "drug_dealing"):
        assert "83648NED" in sources[code] and "85655NED" not in sources[code]


def test_the_deliverables_of_2_2_and_the_anchoring_are_seeded_as_open_milestones(plan):
    milestones = list(Milestone.objects.all())
    assert [m.code for m in milestones] == [
        "meeting-structure",
        "procesregie",
        "follow-up-list",
        "legal-frameworks",
        "anchoring-after-2027",
    ]
    assert {m.status for m in milestones} == {Milestone.Status.OPEN}
    assert "overlegstructuur" in milestones[0].title and "juridische kaders" in milestones[3].title
    assert milestones[4].due == dt.date(2027, 7, 31)


def test_loading_the_plan_again_keeps_the_status_the_projectleider_set(plan, petra):
    milestone = Milestone.objects.get(code="procesregie")
    milestone_update(actor=petra, milestone=milestone, status="done", evidence_note="Vastgesteld op 3 maart")
    assert plan_load(actor=None).created == 0
    milestone.refresh_from_db()
    assert milestone.status == "done"


def test_done_needs_evidence(plan, petra):
    milestone = Milestone.objects.get(code="legal-frameworks")
    with pytest.raises(DomainError):
        milestone_update(actor=petra, milestone=milestone, status="done")


def test_the_projectleider_updates_a_milestone_and_a_partner_may_only_read(plan, web, petra, bas):
    milestone = Milestone.objects.get(code="meeting-structure")
    web.force_login(bas)
    assert "overlegstructuur" in web.get("/mijlpalen/").content.decode()
    assert (
        web.post("/mijlpalen/", {"milestone": milestone.pk, f"m{milestone.pk}-status": "done"}).status_code
        == 403
    )
    web.force_login(petra)
    body = {"milestone": milestone.pk, f"m{milestone.pk}-status": "done"}
    response = web.post("/mijlpalen/", body)
    assert response.status_code == 400 and "link naar het bewijs" in response.content.decode()
    response = web.post(
        "/mijlpalen/", {**body, f"m{milestone.pk}-evidence_link": "https://zwolle.nl/overleg"}
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.status, milestone.evidence_link) == ("done", "https://zwolle.nl/overleg")
    assert "Gereed" in web.get("/mijlpalen/").content.decode()


def test_evidence_status_is_shown_on_the_pages_and_in_the_api(plan, web, petra):
    intervention = Intervention.objects.get(code="2.1.3")
    with pytest.raises(DomainError):
        intervention_evidence_set(
            actor=petra, intervention=intervention, level="well_founded", source="", date=None
        )
    intervention_evidence_set(
        actor=petra,
        intervention=intervention,
        level="well_founded",
        source="Databank Effectieve Jeugdinterventies",
        date=dt.date(2024, 5, 1),
    )
    web.force_login(petra)
    html = web.get("/interventies/2.1.3/").content.decode()
    assert "Erkend: goed onderbouwd" in html and "Databank Effectieve Jeugdinterventies" in html
    data = api_client_for(petra).get("/api/v1/interventions/2.1.3/").json()
    assert (data["evidence_level"], data["evidence_date"]) == ("well_founded", "2024-05-01")
    tracks = api_client_for(petra).get("/api/v1/tracks/2/").json()
    assert {i["code"]: i["evidence_level"] for i in tracks["interventions"]}["2.1.1"] == "not_assessed"


def test_the_projectleider_records_the_evidence_status_on_the_intervention_page(plan, web, petra, bas):
    url = "/interventies/3.1.2/erkenning/"
    web.force_login(bas)
    assert web.post(url, {"level": "promising", "source": "x", "date": "2024-06-01"}).status_code == 403
    web.force_login(petra)
    response = web.post(url, {"level": "promising"})
    assert response.status_code == 400 and "bron en de datum" in response.content.decode()
    response = web.post(url, {"level": "promising", "source": "Eigen beoordeling", "date": "2024-06-01"})
    assert response.status_code == 302
    assert Intervention.objects.get(code="3.1.2").evidence_level == "promising"


def test_the_milestones_page_needs_a_fixed_number_of_queries(plan, web, petra):
    from tests.querycount import assert_queries_flat

    web.force_login(petra)
    programme = Programme.objects.get()

    def grow():
        for n in range(5):
            Milestone.objects.create(programme=programme, code=f"extra-{n}", title=f"Extra {n}", order=50 + n)

    assert_queries_flat(lambda: web.get("/mijlpalen/"), grow=grow)


def test_the_data_migration_corrects_sources_already_loaded(plan):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("monitoring.migrations.0006_context_indicator_real_sources")
    ContextIndicator.objects.update(source=migration.OLD)
    migration.forwards(apps, None)
    sources = dict(ContextIndicator.objects.values_list("code", "source"))
    assert sources["youth_suspects"] == migration.SUSPECTS
    assert sources["registered_crimes"] == migration.CRIMES
