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
def test_logging_in_leads_to_the_second_step_and_logging_out_back_to_login(web, bas, plan):
    # Issue 9: the password is step one of two (the whole flow: tests/accounts/test_two_factor.py).
    response = web.post("/account/inloggen/", {"username": "bas", "password": "wachtwoord-test-123"})
    assert response.status_code == 302 and response["Location"] == "/account/tweede-stap/?next=%2F"
    web.force_login(bas)
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


@pytest.mark.django_db
def test_the_page_stays_dutch_for_a_browser_that_prefers_english(web):
    html = web.get("/account/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Gebruikersnaam" in html and "Wachtwoord" in html
    assert "Username" not in html


@pytest.mark.django_db
def test_form_controls_carry_the_design_system_classes_and_error_links(web, bas):
    html = web.post("/account/inloggen/", {"username": "", "password": ""}).content.decode()
    assert "utrecht-textbox" in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_username_error"' in html
