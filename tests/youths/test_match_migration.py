"""Migration youths/0004: a youth's open matches become one, and the seeded rules get their urgency."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("youths", "0003_sharing_basis_informing_special_categories")]
AFTER = [("youths", "0004_rule_priority_one_open_match")]


@pytest.mark.django_db(transaction=True)
def test_open_matches_of_one_youth_are_folded_into_the_oldest_and_the_weapon_rule_is_urgent(
    bas, chaima, daan
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Youth = old.get_model("youths", "Youth")
    Match = old.get_model("youths", "Match")
    MatchParticipant = old.get_model("youths", "MatchParticipant")
    CombinationRule = old.get_model("youths", "CombinationRule")
    youth = Youth.objects.create(
        first_name="Sanne",
        last_name="de Vries",
        date_of_birth=dt.date(2010, 5, 17),
        name_key="sanne de vries",
    )
    now = timezone.now()
    first = Match.objects.create(youth=youth, created_at=now - dt.timedelta(days=10))
    second = Match.objects.create(youth=youth, created_at=now - dt.timedelta(days=2))
    for match, orgs in ((first, [bas, chaima]), (second, [bas, chaima, daan])):
        for user in orgs:
            MatchParticipant.objects.create(match=match, organisation_id=user.organisation_id)
    CombinationRule.objects.create(name="Wapen en nog een signaal", window_days=90, min_signals=2)
    CombinationRule.objects.create(name="Signalen van meerdere organisaties", window_days=180, min_signals=3)
    CombinationRule.objects.create(name="Eigen regel", window_days=30, min_signals=2)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    after = executor.loader.project_state(AFTER).apps
    Match = after.get_model("youths", "Match")
    CombinationRule = after.get_model("youths", "CombinationRule")
    kept = Match.objects.get(youth_id=youth.pk)
    assert kept.pk == first.pk
    assert set(kept.participants.values_list("organisation_id", flat=True)) == {
        bas.organisation_id,
        chaima.organisation_id,
        daan.organisation_id,
    }
    assert dict(CombinationRule.objects.values_list("name", "priority")) == {
        "Wapen en nog een signaal": 1,
        "Signalen van meerdere organisaties": 2,
        "Eigen regel": 3,
    }
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
