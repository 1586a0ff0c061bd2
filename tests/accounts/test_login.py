import pytest


@pytest.mark.django_db
def test_login_page_is_in_dutch(web):
    response = web.get("/account/inloggen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="nl"' in html
    assert "Inloggen" in html and "Wachtwoord" in html


@pytest.mark.django_db
def test_a_wrong_password_gets_a_clear_dutch_message(web, bas):
    response = web.post("/account/inloggen/", {"username": "bas", "password": "fout"})
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()


@pytest.mark.django_db
def test_logging_in_leads_to_the_programme_and_logging_out_back_to_login(web, bas, plan):
    response = web.post("/account/inloggen/", {"username": "bas", "password": "wachtwoord-test-123"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert web.get("/").status_code == 200
    response = web.post("/account/uitloggen/")
    assert response.status_code == 302
    assert web.get("/").status_code == 302


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login(web, plan):
    response = web.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")
    assert web.get("/interventies/2.1.3/").status_code == 302
