"""Retention (issue 10 point 2): each rule at its edge dates, in the nightly job and in the dry run, the
open-case hold, what goes along, the read log's chain, and the command's options."""

import datetime as dt
import io
import json
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.lifecycle import CaseStatus
from cases.models import Case, FamilyLink, YouthGroupMember
from cases.services.core import case_open
from cases.services.family import family_link_add
from cases.services.groups import youth_group_create, youth_group_member_add
from cases.services.retention import case_retention_hold_set
from core.models import IdempotencyKey, Notification, ReadLogEntry, RetentionRun
from core.readlog import GENESIS, log_read, retained_anchor, verify_read_log
from pgaanpak.retention import KINDS, retention_run
from pgaanpak.tasks import retention as retention_task
from youths.models import Flag, Involvement, Match, Signal, Youth, YouthGroupObjectPermission

from ..factories import signal_logged

pytestmark = pytest.mark.django_db


def _years_before(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year - years)


def _youth_born(user, born: dt.date, first_name: str) -> Youth:
    return signal_logged(user, first_name=first_name, last_name="Jansen", date_of_birth=born).youth


def _dry(as_of: dt.date | None = None) -> dict[str, int]:
    return retention_run(as_of=as_of, dry_run=True).counts


# --- 23rd birthday --------------------------------------------------------------------------------------


def test_a_youth_goes_on_the_23rd_birthday_and_not_the_day_before(bas, reference_lists):
    today = timezone.localdate()
    turns_23_today = _youth_born(bas, _years_before(today, 23), "Ayoub")
    turns_23_tomorrow = _youth_born(bas, _years_before(today, 23) + dt.timedelta(days=1), "Bram")

    assert _dry()["youths"] == 1  # the dry run sees the same ...
    assert Youth.objects.count() == 2  # ... and changes nothing
    counts = retention_task()  # the nightly job
    assert counts["youths"] == 1 and counts["signals"] == 1
    assert not Youth.objects.filter(pk=turns_23_today.pk).exists()
    assert Youth.objects.filter(pk=turns_23_tomorrow.pk).exists()


def test_the_dry_run_looks_ahead_to_the_birthday(bas, reference_lists):
    born = dt.date(2004, 6, 15)
    _youth_born(bas, born, "Ayoub")
    assert _dry(dt.date(2027, 6, 14))["youths"] == 0
    assert _dry(dt.date(2027, 6, 15))["youths"] == 1
    assert Youth.objects.count() == 1


def test_an_open_case_with_a_recorded_reason_holds_the_youth_and_one_without_does_not(
    bas, ruben, reference_lists
):
    born = _years_before(timezone.localdate(), 24)
    held = _youth_born(bas, born, "Ayoub")
    not_held = _youth_born(bas, born, "Bram")
    held_case = case_open(actor=ruben, youth=held, procesregie_holder=ruben)
    case_retention_hold_set(actor=ruben, case=held_case, reason="Lopende strafzaak; OM vraagt dossier")
    case_open(actor=ruben, youth=not_held, procesregie_holder=ruben)

    counts = retention_run().counts
    assert counts["youths"] == 1 and counts["cases"] == 1
    assert Youth.objects.filter(pk=held.pk).exists() and Case.objects.filter(pk=held_case.pk).exists()
    assert not Youth.objects.filter(pk=not_held.pk).exists()


def test_everything_about_the_youth_goes_with_them_and_the_monitoring_facts_stay(
    api, bas, chaima, ruben, reference_lists
):
    born = _years_before(timezone.localdate(), 23)
    youth = _youth_born(bas, born, "Ayoub")
    signal_logged(chaima, youth, domain="school", category="schoolverzuim", description="Vaak afwezig.")
    signal_logged(bas, youth, domain="online", category="online-conflict", description="Dreigende berichten.")
    assert Match.objects.filter(youth=youth).exists() and Flag.objects.filter(youth=youth).exists()
    sibling = _youth_born(chaima, dt.date(2012, 1, 1), "Cem")
    sibling_case = case_open(actor=ruben, youth=sibling, procesregie_holder=ruben)
    family_link_add(actor=ruben, case=sibling_case, relation="broer_zus", linked_youth=youth)
    group = youth_group_create(
        actor=ruben, name="Groep Stationsplein", area="Stationsplein", coordinator=ruben
    )
    youth_group_member_add(actor=ruben, youth_group=group, youth=youth, role="kern")
    created = api(bas).post(
        "/api/v1/signals/",
        {
            "youth_id": youth.pk,
            "category": "drugs",
            "domain": "street",
            "observed_on": "2025-01-10",
            "description": "Dealt bij het station.",
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="sleutel-1",
    )
    assert created.status_code == 201
    signal_ids = list(Signal.objects.filter(youth=youth).values_list("pk", flat=True))
    youth_link = f"/jongeren/{youth.pk}/"
    assert Notification.objects.filter(link=youth_link).exists()
    assert Notification.objects.filter(youth_id=youth.pk).exists()  # match notices name the youth
    assert IdempotencyKey.objects.filter(object_id__in=signal_ids).exists()
    assert LogEntry.objects.filter(content_type__model="signal", object_pk__in=map(str, signal_ids)).exists()

    dry = _dry()
    counts = retention_run().counts
    assert dry == counts  # one selection: the dry run reports exactly what the job removes
    assert (
        counts["youths"] == 1 and counts["signals"] == 4 and counts["matches"] >= 1 and counts["flags"] >= 1
    )
    assert counts["family_links"] == 1 and counts["group_memberships"] == 1 and counts["grants"] >= 2
    assert counts["notifications"] >= 1 and counts["idempotency_keys"] == 1 and counts["audit_entries"] > 0
    assert not Signal.objects.filter(pk__in=signal_ids).exists()
    assert not Match.objects.filter(youth_id=youth.pk).exists()
    assert not Flag.objects.filter(youth_id=youth.pk).exists()
    assert not FamilyLink.objects.filter(linked_youth_id=youth.pk).exists()
    assert not YouthGroupMember.objects.filter(youth_id=youth.pk).exists()
    assert not YouthGroupObjectPermission.objects.filter(content_object_id=youth.pk).exists()
    assert not Notification.objects.filter(link=youth_link).exists()
    assert not Notification.objects.filter(youth_id=youth.pk).exists()
    assert not IdempotencyKey.objects.filter(object_id__in=signal_ids).exists()
    assert not LogEntry.objects.filter(
        content_type__model="signal", object_pk__in=map(str, signal_ids)
    ).exists()
    assert not LogEntry.objects.filter(content_type__model="youth", object_pk=str(youth.pk)).exists()
    # The removal itself writes no change-log entry with the removed values.
    assert not LogEntry.objects.filter(action=LogEntry.Action.DELETE).exists()
    assert Youth.objects.filter(pk=sibling.pk).exists() and Case.objects.filter(pk=sibling_case.pk).exists()


def test_monitoring_facts_have_no_key_to_a_youth_signal_or_case_so_nothing_cascades_into_them():
    personal = {"youths", "cases"}
    for model in apps.get_app_config("monitoring").get_models():
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            if related is not None and field.is_relation and field.concrete:
                assert related._meta.app_label not in personal, f"{model.__name__}.{field.name}"


# --- Two years after the last activity ------------------------------------------------------------------


def _set_last_activity(youth, organisation, at: dt.datetime) -> None:
    Involvement.objects.filter(youth=youth, organisation=organisation).update(last_activity_at=at)


def test_a_signal_goes_two_years_after_the_last_activity_and_not_a_day_before(bas, chaima, reference_lists):
    youth = _youth_born(bas, dt.date(2011, 3, 3), "Daan")
    signal_logged(chaima, youth, domain="school", category="schoolverzuim", description="Vaak afwezig.")
    politie_signal = Signal.objects.get(youth=youth, organisation=bas.organisation)

    _set_last_activity(youth, bas.organisation, timezone.now() - dt.timedelta(days=729))
    assert _dry()["signals"] == 0
    assert retention_run().counts["signals"] == 0
    _set_last_activity(youth, bas.organisation, timezone.now() - dt.timedelta(days=730))
    assert _dry()["signals"] == 1
    counts = retention_run().counts
    assert counts["signals"] == 1 and counts["youths"] == 0
    assert not Signal.objects.filter(pk=politie_signal.pk).exists()
    # The politie's involvement ended with its last signal; jongerenwerk's signal stays.
    assert Involvement.objects.get(youth=youth, organisation=bas.organisation).ended_at is not None
    assert Signal.objects.filter(youth=youth, organisation=chaima.organisation).exists()


def test_the_dry_run_looks_ahead_to_two_years_after_the_last_activity(bas, reference_lists):
    youth = _youth_born(bas, dt.date(2011, 3, 3), "Daan")
    last = dt.datetime(2026, 1, 10, 11, 0, tzinfo=dt.UTC)  # 12:00 in Amsterdam
    _set_last_activity(youth, bas.organisation, last)
    assert _dry(dt.date(2026, 1, 10) + dt.timedelta(days=729))["signals"] == 0
    assert _dry(dt.date(2026, 1, 10) + dt.timedelta(days=730))["signals"] == 1
    assert Signal.objects.filter(youth=youth).count() == 1


def test_a_closed_signal_expires_and_then_nobody_sees_it(api, bas, reference_lists):
    youth = _youth_born(bas, dt.date(2011, 3, 3), "Daan")
    signal = Signal.objects.get(youth=youth)
    api(bas).post(f"/api/v1/signals/{signal.pk}/close/", {"reason": "Klaar"}, format="json")
    Signal.objects.filter(pk=signal.pk).update(closed_at=timezone.now() - dt.timedelta(days=179))
    assert retention_run().counts["signals_expired"] == 0
    Signal.objects.filter(pk=signal.pk).update(closed_at=timezone.now() - dt.timedelta(days=180))
    assert retention_run().counts["signals_expired"] == 1
    signal.refresh_from_db()
    assert signal.status == Signal.Status.EXPIRED
    assert signal.pk not in [s["id"] for s in api(bas).get("/api/v1/signals/").json()["results"]]


# --- Closed cases, the read log, the run's record ------------------------------------------------------


def test_a_closed_case_is_anonymised_after_the_period_and_keeps_its_facts(bas, ruben, reference_lists):
    youth = _youth_born(bas, dt.date(2011, 3, 3), "Daan")
    case = case_open(actor=ruben, youth=youth, procesregie_holder=ruben, reason="Zorgen over het gezin")
    family_link_add(actor=ruben, case=case, relation="ouder", member_name="Fatima")
    closed_at = timezone.now() - dt.timedelta(days=730)
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.GESLOTEN,
        closed_at=closed_at,
        closing_reason="doelen_bereikt",
        outcome_perspective="werk",
        outcome_qualification="diploma",
        outcome_network_size=4,
    )
    counts = retention_run().counts
    assert counts["cases_anonymised"] == 1 and counts["cases"] == 0
    case.refresh_from_db()
    assert case.reason == "" and case.anonymised_at is not None
    assert (case.closing_reason, case.outcome_network_size, case.closed_at) == (
        "doelen_bereikt",
        4,
        closed_at,
    )
    assert FamilyLink.objects.get(case=case).member_name == "[geanonimiseerd]"
    assert retention_run().counts["cases_anonymised"] == 0  # once


def test_old_read_log_rows_go_and_the_rest_still_verifies_from_the_recorded_anchor(bas, reference_lists):
    youth = _youth_born(bas, dt.date(2011, 3, 3), "Daan")
    long_ago = timezone.now() - dt.timedelta(days=1826)
    with mock.patch("core.readlog.timezone.now", return_value=long_ago):
        log_read(user=bas, subject=youth, what="jongere bekeken")
        log_read(user=bas, subject=youth, what="jongere bekeken")
    log_read(user=bas, subject=youth, what="jongere bekeken")
    kept = ReadLogEntry.objects.filter(read_at__gt=long_ago).count()

    counts = retention_run().counts
    assert counts["read_log"] == 2
    assert ReadLogEntry.objects.count() == kept
    assert set(ReadLogEntry.objects.values_list("subject_type", flat=True)) == {"youths.youth"}
    run = RetentionRun.objects.get()
    assert run.read_log_anchor == retained_anchor() != GENESIS
    assert verify_read_log(anchor=retained_anchor())[1] is None
    assert verify_read_log(anchor=GENESIS)[1] is not None  # without the anchor the cut shows
    call_command("verify_logs", stdout=io.StringIO())  # starts from the recorded anchor itself


def test_the_job_records_counts_never_content(bas, reference_lists, caplog):
    _youth_born(bas, _years_before(timezone.localdate(), 23), "Ayoub")
    with caplog.at_level("INFO", logger="pgaanpak.security"):
        retention_task()
    line = next(r for r in caplog.records if r.getMessage() == "retention")
    assert getattr(line, "youths", None) == 1 and "Ayoub" not in str(line.__dict__)
    run = RetentionRun.objects.get()
    assert run.counts["youths"] == 1 and run.triggered_by == "job" and run.finished_at is not None
    assert set(run.counts) == set(KINDS)
    assert "Ayoub" not in json.dumps(run.counts)


def test_a_dry_run_records_no_run_and_a_second_night_finds_nothing(bas, reference_lists):
    _youth_born(bas, _years_before(timezone.localdate(), 23), "Ayoub")
    _dry()
    assert not RetentionRun.objects.exists()
    retention_run()
    second_night = retention_run().counts
    assert not any(second_night.values())


# --- The command ------------------------------------------------------------------------------------------


def test_the_command_prints_the_counts_as_one_json_object(bas, reference_lists):
    _youth_born(bas, dt.date(2004, 6, 15), "Ayoub")
    out = io.StringIO()
    call_command("retention", "--dry-run", "--json", "--as-of", "2027-06-15", stdout=out)
    counts = json.loads(out.getvalue())
    assert {"youths", "signals", "cases"} <= set(counts) and counts["youths"] == 1
    assert Youth.objects.count() == 1


def test_the_command_refuses_a_date_without_dry_run_and_a_bad_date():
    with pytest.raises(CommandError, match="alleen samen met --dry-run"):
        call_command("retention", "--as-of", "2030-01-01")
    with pytest.raises(CommandError, match="geen geldige datum"):
        call_command("retention", "--dry-run", "--as-of", "morgen")
