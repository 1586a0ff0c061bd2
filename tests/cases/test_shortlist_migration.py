"""Migration cases/0002 (issue 11): the old shortlist label leaves the group; its history stays readable
in the notes of step 1."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0004_referrals")]
AFTER = [("cases", "0005_casework_handover_escalation_aftercare_rounds")]


@pytest.mark.django_db(transaction=True)
def test_an_old_shortlist_label_is_kept_in_the_notes_of_step_one(ruben):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    YouthGroup, YouthGroupStep = (
        old.get_model("cases", "YouthGroup"),
        old.get_model("cases", "YouthGroupStep"),
    )
    labelled = YouthGroup.objects.create(
        name="De Hoek",
        area="Diezerpoort",
        legacy_shortlist_label="overlastgevend",
        coordinator_id=ruben.pk,
        created_by_id=ruben.pk,
    )
    YouthGroupStep.objects.create(youth_group=labelled, number=1, notes="Eerste gesprek gehad.")
    plain = YouthGroup.objects.create(
        name="Het Plein", area="Holtenbroek", coordinator_id=ruben.pk, created_by_id=ruben.pk
    )
    YouthGroupStep.objects.create(youth_group=plain, number=1)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    from cases.models import YouthGroupStep as Current

    notes = Current.objects.get(youth_group_id=labelled.pk, number=1).notes
    assert notes.startswith("Oud shortlist-label (vóór 2023, alleen historie): Overlastgevend.")
    assert notes.endswith("Eerste gesprek gehad.")
    assert Current.objects.get(youth_group_id=plain.pk, number=1).notes == ""
    assert Current.objects.get(youth_group_id=plain.pk, number=1).round == 1
