import pytest
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient


@pytest.mark.django_db
def test_tracks_endpoint_returns_tracks_with_their_interventions_nested(api, bas, plan):
    response = api(bas).get("/api/v1/tracks/")
    assert response.status_code == 200
    tracks = {t["code"]: t for t in response.json()}
    assert set(tracks) == {"1", "2", "3", "A", "B"}
    assert [i["code"] for i in tracks["2"]["interventions"]] == ["2.1.1", "2.1.2", "2.1.3", "2.1.4"]
    nested = [i["code"] for t in tracks.values() for i in t["interventions"]]
    assert len(nested) == 8
    assert tracks["3"]["name"] == "Veilig in en om school (VIOS)"


@pytest.mark.django_db
def test_interventions_and_organisations_endpoints(api, bas, plan):
    client = api(bas)
    interventions = client.get("/api/v1/interventions/").json()
    assert len(interventions) == 8
    one = client.get("/api/v1/interventions/2.1.3/").json()
    assert one["name"] == "Preventief Halt in de wijk" and one["track"] == "2"
    organisations = client.get("/api/v1/organisations/").json()
    assert organisations["count"] >= 1
    assert {"name", "kind", "contact_name", "contact_email"} <= set(organisations["results"][0])


@pytest.mark.django_db
def test_the_api_refuses_anonymous_requests(plan):
    assert APIClient().get("/api/v1/tracks/").status_code in (401, 403)
    assert APIClient().get("/api/v1/organisations/").status_code in (401, 403)


@pytest.mark.django_db
def test_the_schema_is_valid_openapi_3_and_the_docs_render(web, bas):
    response = web.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    assert "/api/v1/tracks/" in schema["paths"]
    web.force_login(bas)
    assert web.get("/api/v1/docs/").status_code == 200
