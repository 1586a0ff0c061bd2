"""Migration core/0003: an old organisation-wide read flag stays read only for the person who set it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("core", "0004_readlog_hash_chain")]
AFTER = [("core", "0005_notification_read_per_person_and_audience")]


@pytest.mark.django_db(transaction=True)
def test_old_read_flags_become_the_readers_own_and_case_kinds_get_their_audience(bas, chaima):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Notification = old.get_model("core", "Notification")
    read_match = Notification.objects.create(
        organisation_id=bas.organisation_id,
        kind="match",
        text="Match",
        read_at=timezone.now(),
        read_by_id=bas.pk,
    )
    unread = Notification.objects.create(
        organisation_id=bas.organisation_id, kind="report_ready", text="Rapport"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # The models as they were right after the migration (later migrations add columns).
    after = executor.loader.project_state(AFTER).apps
    Current = after.get_model("core", "Notification")
    NotificationRead = after.get_model("core", "NotificationRead")

    assert list(NotificationRead.objects.values_list("notification_id", "user_id")) == [
        (read_match.pk, bas.pk)
    ]
    assert Current.objects.get(pk=read_match.pk).audience == "case_work"
    assert Current.objects.get(pk=unread.pk).audience == "everyone"
    # Leave the database at the latest migration for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
