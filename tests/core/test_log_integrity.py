"""The logs hold up (BIO2 8.15.01): the read log is a hash chain that `verify_logs` checks, nothing in the
application changes a log row, and the change log keeps no free text."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.core.management import CommandError, call_command
from django.db import models

from core.models import ReadLogEntry
from core.readlog import log_read, log_reads, verify_read_log
from tests.factories import signal_logged
from youths.services.signals import signal_withdraw


@pytest.mark.django_db
def test_it_verifies_an_untouched_read_log(bas, chaima, capsys):
    log_read(user=bas, subject=chaima, what="profiel bekeken")
    log_reads(user=chaima, subjects=[bas, chaima], what="lijst", channel="api")
    call_command("verify_logs")
    assert "3 regels gecontroleerd" in capsys.readouterr().out


@pytest.mark.django_db
def test_it_finds_a_changed_read_log_row(bas, chaima):
    log_read(user=bas, subject=chaima, what="profiel bekeken")
    log_read(user=bas, subject=bas, what="profiel bekeken")
    log_read(user=chaima, subject=bas, what="profiel bekeken")
    first, second, _third = ReadLogEntry.objects.order_by("pk")
    # Someone with database access hides who read the second person's data.
    ReadLogEntry.objects.filter(pk=second.pk).update(user=chaima)
    assert verify_read_log()[:2] == (1, second.pk)
    with pytest.raises(CommandError, match=f"regel {second.pk}"):
        call_command("verify_logs")
    assert first.row_hash


@pytest.mark.django_db
def test_it_finds_a_deleted_read_log_row(bas, chaima):
    for subject in (chaima, bas, chaima):
        log_read(user=bas, subject=subject, what="profiel bekeken")
    _first, second, third = ReadLogEntry.objects.order_by("pk")
    ReadLogEntry.objects.filter(pk=second.pk).delete()
    assert verify_read_log()[:2] == (1, third.pk)


@pytest.mark.django_db
def test_it_verifies_from_an_anchor_after_old_rows_were_removed(bas, chaima):
    for subject in (chaima, bas, chaima):
        log_read(user=bas, subject=subject, what="profiel bekeken")
    oldest, second, _third = ReadLogEntry.objects.order_by("pk")
    oldest.delete()  # the retention period of the oldest row ended
    assert verify_read_log()[:2] == (0, second.pk)
    assert verify_read_log(anchor=oldest.row_hash)[:2] == (2, None)


@pytest.mark.django_db
def test_it_logs_a_page_of_reads_in_one_insert(bas, chaima, django_assert_max_num_queries):
    log_read(user=bas, subject=chaima, what="eerste")
    # The chain needs the previous hash (one SELECT), a savepoint and, on PostgreSQL, the advisory lock;
    # the rows are still one INSERT.
    with django_assert_max_num_queries(5) as queries:
        log_reads(user=bas, subjects=[bas, chaima], what="lijst")
    assert sum("INSERT" in q["sql"] for q in queries.captured_queries) == 1
    assert verify_read_log()[:2] == (3, None)


@pytest.mark.django_db
def test_the_admin_changes_and_deletes_no_log_row(web, bert, chaima, plan):
    bert.is_superuser = bert.is_staff = True
    bert.save(update_fields=["is_superuser", "is_staff"])
    log_read(user=bert, subject=chaima, what="profiel bekeken")
    read = ReadLogEntry.objects.get()
    change = LogEntry.objects.first()
    assert change is not None
    web.force_login(bert)
    assert web.get("/beheer/core/readlogentry/").status_code == 200
    for url in (
        f"/beheer/core/readlogentry/{read.pk}/delete/",
        f"/beheer/auditlog/logentry/{change.pk}/delete/",
        "/beheer/core/readlogentry/add/",
    ):
        assert web.post(url, {"post": "yes"}).status_code == 403, url
    web.post(f"/beheer/core/readlogentry/{read.pk}/change/", {"what": "niets"})
    read.refresh_from_db()
    assert read.what == "profiel bekeken"
    assert ReadLogEntry.objects.count() == 1
    assert LogEntry.objects.filter(pk=change.pk).exists()


@pytest.mark.django_db
def test_the_change_log_records_that_a_signal_text_changed_not_what_it_says(bas, reference_lists):
    signal = signal_logged(bas, description="Vertelde dat zijn vader hem slaat.")
    signal_withdraw(actor=bas, signal=signal, reason="Verkeerde jongere, moeder belde.")
    entries = LogEntry.objects.get_for_object(signal)
    everything = " ".join(str(e.changes) + e.object_repr for e in entries)
    assert "vader" not in everything
    assert "moeder" not in everything
    created = entries.get(action=LogEntry.Action.CREATE)
    assert created.changes_dict["description"] == ["None", "[tekst]"]
    withdrawn = entries.get(action=LogEntry.Action.UPDATE)
    assert withdrawn.changes_dict["withdrawal_reason"] == ["", "[tekst]"]


# Texts the programme writes about itself (the plan, its reference lists, definitions): no person's
# data, and their history is the point of the change log.
POLICY_TEXT = {
    "tracks.*",
    "youths.SignalCategory.description",
    "youths.CombinationRule.description",
    "cases.LegalBasis.description",
    "cases.FollowUpType.description",
    "cases.FollowUpType.authority",
    "monitoring.ContextIndicator.description",
    "monitoring.Indicator.definition",
    "monitoring.Target.specific",
    "monitoring.Target.rationale",
}


def test_every_free_text_field_in_the_change_log_is_masked():
    unmasked = []
    for model in auditlog.get_models():
        settings = auditlog.get_model_fields(model)
        for field in model._meta.get_fields():
            if not isinstance(field, models.TextField):
                continue
            name = f"{model._meta.label}.{field.name}"
            if f"{model._meta.app_label}.*" in POLICY_TEXT or name in POLICY_TEXT:
                continue
            logged = not settings["include_fields"] or field.name in settings["include_fields"]
            if logged and field.name not in settings["exclude_fields"] + settings["mask_fields"]:
                unmasked.append(name)
    assert not unmasked, f"Free text copied into the change log: {unmasked}"
