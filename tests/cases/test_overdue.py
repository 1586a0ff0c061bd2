"""The daily overdue job: the owner of every overdue action is told at most once per day."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cases import tasks
from cases.models import Action, FollowUpType
from cases.services import actions as action_services
from core.models import Notification
from pgaanpak.schedule import CELERY_BEAT_SCHEDULE


def _overdue(ruben, case, code, organisation, days=3, **kwargs):
    action = action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=FollowUpType.objects.get(code=code),
        organisation=organisation,
        **kwargs,
    )
    Action.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - dt.timedelta(days=days))
    return action


def _overdue_notifications():
    return Notification.objects.filter(kind="actie-te-laat")


@pytest.mark.django_db
def test_run_twice_on_one_day_it_notifies_once(ruben, gijs, daan, case, django_capture_on_commit_callbacks):
    overdue = _overdue(ruben, case, "huisbezoek-wijkteam", gijs.organisation, owner=gijs)
    _overdue(ruben, case, "halt-preventief", daan.organisation, days=-2)  # not yet due
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.actions_overdue_notify.delay().get() == 1
        assert tasks.actions_overdue_notify.delay().get() == 0
    notification = _overdue_notifications().get()
    assert notification.organisation == gijs.organisation and notification.user == gijs
    assert notification.link == f"/acties/{overdue.pk}/"
    assert (
        "Huisbezoek door het sociaal wijkteam" in notification.text and "3 dagen geleden" in notification.text
    )
    assert "Sanne" not in notification.text  # e-mailed: no personal data
    assert [m.to for m in mail.outbox] == [[gijs.email]]


@pytest.mark.django_db
def test_the_next_day_it_notifies_again_until_the_action_is_done(ruben, gijs, case):
    action = _overdue(ruben, case, "huisbezoek-wijkteam", gijs.organisation)
    today = timezone.localdate()
    assert action_services.actions_overdue_notify(today=today) == 1
    assert action_services.actions_overdue_notify(today=today) == 0
    assert action_services.actions_overdue_notify(today=today + dt.timedelta(days=1)) == 1
    action_services.action_finish(actor=gijs, action=action, done=True)
    assert action_services.actions_overdue_notify(today=today + dt.timedelta(days=2)) == 0
    assert _overdue_notifications().count() == 2
    # Without an owner the organisation as a whole is told (its contact is e-mailed).
    assert _overdue_notifications().first().user is None


@pytest.mark.django_db
def test_declined_and_cancelled_actions_are_not_chased(ruben, gijs, daan, case):
    declined = _overdue(ruben, case, "huisbezoek-wijkteam", gijs.organisation)
    action_services.action_respond(actor=gijs, action=declined, accept=False, reason="Niet van ons")
    cancelled = _overdue(ruben, case, "halt-preventief", daan.organisation)
    action_services.action_finish(actor=ruben, action=cancelled, done=False, note="Niet meer nodig")
    assert action_services.actions_overdue_notify() == 0


def test_the_job_is_scheduled_daily():
    entry = CELERY_BEAT_SCHEDULE["actions-overdue-notify"]
    assert entry["task"] == "cases.tasks.actions_overdue_notify"
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_job_runs_on_a_real_worker_and_is_idempotent_there(celery_worker_process, ruben, gijs, flag):
    from cases.services.core import case_open

    case = case_open(actor=ruben, youth=flag.youth, procesregie_holder=ruben)
    _overdue(ruben, case, "huisbezoek-wijkteam", gijs.organisation)
    assert tasks.actions_overdue_notify.delay().get(timeout=30) == 1
    assert tasks.actions_overdue_notify.delay().get(timeout=30) == 0
    assert _overdue_notifications().count() == 1
