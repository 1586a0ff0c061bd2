"""Every page view and API response that shows a youth's personal data writes who, which youth, what, when."""

from html import escape

import pytest

from core.models import ReadLogEntry
from tests.factories import signal_logged
from youths.models import Flag


def _reads(youth):
    return ReadLogEntry.objects.filter(subject_type="youths.youth", subject_id=youth.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "url", "channel"),
    [
        ("bas", "/jongeren/", "web"),
        ("bas", "/jongeren/{id}/", "web"),
        ("bas", "/signalen/", "web"),
        ("bas", "/signalen/melden/?jongere={id}", "web"),
        ("bas", "/matches/", "web"),
        ("ruben", "/vroegsignalering/", "web"),
        ("femke", "/jongeren/{id}/leeslog/", "web"),
        ("bas", "/api/v1/youths/", "api"),
        ("bas", "/api/v1/youths/{id}/", "api"),
        ("bas", "/api/v1/signals/", "api"),
        ("bas", "/api/v1/matches/", "api"),
        ("ruben", "/api/v1/flags/", "api"),
    ],
)
def test_every_page_and_endpoint_showing_a_youth_logs_the_read(
    request, web, api, persona, url, channel, shared_youth
):
    signal_logged(request.getfixturevalue("bas"), shared_youth, domain="online")  # raises a flag
    assert Flag.objects.exists()
    user = request.getfixturevalue(persona)
    before = _reads(shared_youth).count()
    path = url.format(id=shared_youth.pk)
    if channel == "web":
        web.force_login(user)
        assert web.get(path).status_code == 200
    else:
        assert api(user).get(path).status_code == 200
    entry = _reads(shared_youth).latest("read_at")
    assert _reads(shared_youth).count() == before + 1
    assert (entry.user, entry.channel, entry.organisation_name) == (user, channel, user.organisation.name)
    assert entry.what and entry.path == path.split("?")[0]


@pytest.mark.django_db
def test_a_page_that_shows_no_youth_logs_nothing(web, daan, shared_youth):
    web.force_login(daan)
    web.get("/jongeren/")
    web.get(f"/jongeren/{shared_youth.pk}/")  # 404: nothing shown
    assert not ReadLogEntry.objects.filter(user=daan).exists()


@pytest.mark.django_db
def test_the_privacyfunctionaris_sees_the_read_log_per_youth(web, femke, bas, chaima, shared_youth):
    web.force_login(bas)
    web.get(f"/jongeren/{shared_youth.pk}/")
    web.force_login(femke)
    html = web.get(f"/jongeren/{shared_youth.pk}/leeslog/").content.decode()
    assert "jongere bekeken" in html and escape(str(bas)) in html and bas.organisation.name in html
    assert web.get(f"/jongeren/{shared_youth.pk}/").status_code == 403  # no youth page by role


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["petra", "ruben", "bas", "bert"])
def test_others_cannot_see_the_read_log(request, web, persona, shared_youth):
    web.force_login(request.getfixturevalue(persona))
    assert web.get(f"/jongeren/{shared_youth.pk}/leeslog/").status_code == 403
