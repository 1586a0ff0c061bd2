import pytest

from tests.querycount import assert_queries_flat
from tracks.models import Intervention


@pytest.mark.django_db
def test_a_logged_in_user_sees_the_three_tracks_and_eight_interventions(web, bas, plan):
    web.force_login(bas)
    html = web.get("/").content.decode()
    assert "Contextgerichte aanpak van 2% jongeren" in html
    assert "Preventie &amp; interventie" in html
    assert "Veilig in en om school (VIOS)" in html
    for intervention in Intervention.objects.all():
        assert f"/interventies/{intervention.code}/" in html
    assert "Gewenste resultaten" in html and "Samenwerkingspartners" in html
    assert "520,2" in html  # context indicator, Dutch number format


@pytest.mark.django_db
def test_the_intervention_page_shows_target_group_and_measurable_results(web, bas, plan):
    web.force_login(bas)
    html = web.get("/interventies/3.1.1/").content.decode()
    assert "De beste toekomst voor jongeren" in html
    assert "netwerk met minimaal 3 personen" in html
    assert web.get("/interventies/9.9.9/").status_code == 404


@pytest.mark.django_db
def test_the_programme_page_needs_a_fixed_number_of_queries(web, petra, plan):
    web.force_login(petra)
    track = Intervention.objects.first().track

    def grow():
        for n in range(5):
            Intervention.objects.create(track=track, code=f"9.9.{n}", name=f"Extra {n}", order=100 + n)

    assert_queries_flat(lambda: web.get("/"), grow=grow)
