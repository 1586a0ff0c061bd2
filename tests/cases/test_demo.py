from io import StringIO

import pytest
from django.core.management import call_command

from cases.demo import DEMO_LOCATION
from cases.models import Action, AgendaItem, Case, Enrolment, FamilyLink, Meeting, YouthGroup
from core.models import Notification


@pytest.fixture
def plan_and_indicators(db):
    """What `make run` loads before the demo: the plan with its indicators (monitoring's demo needs them)."""
    call_command("load_plan", stdout=StringIO())


@pytest.mark.django_db
def test_the_demo_shows_meetings_cases_actions_and_a_group_and_loads_twice_without_change(
    settings, plan_and_indicators
):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    # The monitoring demo adds a year of meetings and cases of its own (monitoring/demo_history.py).
    meeting = Meeting.objects.get(location=DEMO_LOCATION)
    assert meeting.agenda_items.count() >= 2
    assert AgendaItem.objects.filter(decision="casus").exists()
    assert AgendaItem.objects.filter(decision="", legal_basis__isnull=False).exists()  # to decide in the demo
    case = Case.objects.get(status="in_uitvoering", opened_from__meeting=meeting)
    assert case.procesregie_holder.username == "procesregisseur"
    actions = Action.objects.filter(case=case)
    assert any(a.is_overdue for a in actions)
    assert actions.filter(response="geweigerd").exists() and actions.filter(response="onbeantwoord").exists()
    assert Enrolment.objects.filter(case=case, intervention__code="2.1.3").exists()
    assert FamilyLink.objects.filter(case=case, linked_youth__isnull=False).exists()
    assert Notification.objects.filter(kind="gezinsmatch").exists()
    group = YouthGroup.objects.get()
    assert group.members.count() >= 2 and group.members.filter(case=case).exists()
    assert group.steps.filter(status="afgerond").count() == 2
    counts = (
        Meeting.objects.count(),
        Case.objects.count(),
        Action.objects.count(),
        YouthGroup.objects.count(),
    )
    call_command("load_demo", stdout=StringIO())
    assert (
        Meeting.objects.count(),
        Case.objects.count(),
        Action.objects.count(),
        YouthGroup.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_the_demo_pages_render_for_every_role(settings, plan_and_indicators, web):
    from accounts.models import User

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    # The monitoring demo adds a year of meetings and cases of its own (monitoring/demo_history.py).
    meeting = Meeting.objects.get(location=DEMO_LOCATION)
    case = Case.objects.get(opened_from__meeting=meeting)
    group = YouthGroup.objects.get()
    for username in ("procesregisseur", "projectleider", "halt", "wijkteam", "jongerenwerk"):
        web.force_login(User.objects.get(username=username))
        for url in ("/casussen/", "/acties/", "/overleggen/", "/groepen/", f"/casussen/{case.pk}/"):
            assert web.get(url).status_code in (200, 404), (username, url)
        assert web.get(f"/groepen/{group.pk}/").status_code in (200, 404)
        assert web.get(f"/overleggen/{meeting.pk}/").status_code in (200, 404)
    web.force_login(User.objects.get(username="procesregisseur"))
    for url in (f"/groepen/{group.pk}/stappen/3/", f"/overleggen/{meeting.pk}/", f"/casussen/{case.pk}/"):
        assert web.get(url).status_code == 200
