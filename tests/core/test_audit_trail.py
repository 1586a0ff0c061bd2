import pytest
from auditlog.models import LogEntry

from tracks.models import Intervention


@pytest.mark.django_db
def test_a_change_in_the_admin_is_recorded_with_who_and_what(web, petra, plan):
    halt = Intervention.objects.get(code="2.1.3")
    web.force_login(petra)
    response = web.post(
        f"/beheer/tracks/intervention/{halt.pk}/change/",
        {
            "track": halt.track_id,
            "code": halt.code,
            "name": "Preventief Halt in de wijk (aangepast)",
            "target_group": halt.target_group,
            "description": halt.description,
            "order": halt.order,
        },
    )
    assert response.status_code == 302, response.content[:3000]
    entry = LogEntry.objects.get_for_object(halt).latest("timestamp")
    assert entry.actor == petra
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.changes_dict["name"] == [
        "Preventief Halt in de wijk",
        "Preventief Halt in de wijk (aangepast)",
    ]


@pytest.mark.django_db
def test_creating_a_user_is_recorded_without_the_password(bert, politie):
    from accounts.services import user_create

    user = user_create(
        actor=bert, username="nieuw", role="partner", organisation=politie, password="geheim-12345"
    )
    entry = LogEntry.objects.get_for_object(user).earliest("timestamp")
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == bert
    assert "password" not in entry.changes_dict


@pytest.mark.django_db
def test_every_change_of_a_nested_service_call_keeps_its_actor(bert, politie):
    """user_create calls user_set_role; the role change after it must still name the actor."""
    from accounts.services import user_create

    user = user_create(
        actor=bert, username="genest", role="partner", organisation=politie, password="geheim-12345"
    )
    entries = LogEntry.objects.get_for_object(user)
    assert entries.count() >= 2
    assert all(entry.actor == bert for entry in entries)
