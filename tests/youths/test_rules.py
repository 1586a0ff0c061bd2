import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import signal_logged
from youths.models import CombinationRule, Flag, SignalCategory
from youths.rules import matching_signals, rule_in_words
from youths.services.flags import combination_rule_save, flag_close, flags_evaluate, flags_evaluate_all

TODAY = dt.date(2025, 6, 30)


class _Category:
    def __init__(self, pk, weight=1):
        self.pk, self.weight = pk, weight


class _Signal:
    def __init__(self, pk, observed_on, organisation_id=1, domain="street", category_id=1, weight=1):
        self.pk, self.observed_on, self.organisation_id, self.domain = (
            pk,
            observed_on,
            organisation_id,
            domain,
        )
        self.category_id, self.category, self.withdrawn_at = category_id, _Category(category_id, weight), None


def _rule(**values):
    defaults = {"pk": 1, "window_days": 30, "min_signals": 2, "min_organisations": 1, "min_domains": 1}
    return CombinationRule(**{**defaults, "min_total_weight": 0, **values})


def test_only_signals_inside_the_window_count():
    rule = _rule(window_days=30)
    inside = _Signal(1, TODAY - dt.timedelta(days=29))
    outside = _Signal(2, TODAY - dt.timedelta(days=30))
    today = _Signal(3, TODAY)
    assert matching_signals(rule, set(), [inside, outside], TODAY) is None
    assert [s.pk for s in matching_signals(rule, set(), [inside, outside, today], TODAY)] == [1, 3]


def test_organisations_domains_categories_and_weight_each_must_be_met():
    signals = [_Signal(1, TODAY, 1, "street", 5, 1), _Signal(2, TODAY, 1, "school", 6, 3)]
    assert matching_signals(_rule(min_organisations=2), set(), signals, TODAY) is None
    assert matching_signals(_rule(min_domains=2), set(), signals, TODAY)
    assert matching_signals(_rule(min_domains=3, min_signals=3), set(), signals, TODAY) is None
    assert matching_signals(_rule(), {7}, signals, TODAY) is None
    assert matching_signals(_rule(), {6}, signals, TODAY)
    assert matching_signals(_rule(min_total_weight=4), set(), signals, TODAY)
    assert matching_signals(_rule(min_total_weight=5), set(), signals, TODAY) is None


@pytest.mark.django_db
def test_every_rule_reads_as_a_plain_dutch_sentence(reference_lists):
    words = {
        rule.name: rule_in_words(rule, [c.name for c in rule.categories.all()])
        for rule in CombinationRule.objects.all()
    }
    assert words["Signalen van meerdere organisaties"] == (
        "Minstens 3 signalen van minstens 2 verschillende organisaties binnen 180 dagen."
    )
    assert (
        words["Wapen en nog een signaal"]
        == "Minstens 2 signalen binnen 90 dagen, waarvan minstens één over: Wapens."
    )


@pytest.mark.django_db
def test_a_weapons_signal_plus_any_other_within_90_days_raises_a_flag_with_the_reason(bas, reference_lists):
    weapons = signal_logged(bas, category="wapens", observed_on=timezone.localdate() - dt.timedelta(days=60))
    assert not Flag.objects.exists()
    other = signal_logged(bas, weapons.youth, category="schoolverzuim", domain="school")
    flag = Flag.objects.get()
    assert flag.rule.name == "Wapen en nog een signaal"
    assert set(flag.signals.all()) == {weapons, other}
    assert "Wapen en nog een signaal" in flag.explanation and "Wapens" in flag.explanation
    assert "Dit is geen oordeel" in flag.explanation


@pytest.mark.django_db
def test_a_weapons_signal_older_than_the_window_does_not_count(bas, reference_lists):
    weapons = signal_logged(bas, category="wapens", observed_on=timezone.localdate() - dt.timedelta(days=120))
    signal_logged(bas, weapons.youth, category="schoolverzuim", domain="school")
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_a_flag_never_acts_by_itself_and_a_closed_flag_is_raised_again_only_by_a_new_signal(
    bas, chaima, ruben, shared_youth
):
    signal_logged(bas, shared_youth, domain="online")
    flag = Flag.objects.get()
    # Nothing happens to the youth or the signals because of the flag: it only sits on the list.
    assert flag.status == Flag.Status.OPEN and shared_youth.signals.count() == 3

    flag_close(actor=ruben, flag=flag, note="Besproken: jongerenwerk pakt het op, geen verdere actie.")
    assert flags_evaluate(youth=shared_youth) == []  # same signals, same decision: no new flag
    assert flags_evaluate_all() == 0

    signal_logged(chaima, shared_youth, description="Nieuw voorval na het overleg.")
    assert Flag.objects.filter(status=Flag.Status.OPEN).count() == 1
    assert Flag.objects.count() == 2


@pytest.mark.django_db
def test_the_nightly_job_applies_new_rules_to_existing_signals_and_never_raises_twice(
    bas, petra, reference_lists, django_capture_on_commit_callbacks
):
    youth = signal_logged(bas, category="drugs").youth
    signal_logged(bas, youth, category="alcohol")
    assert not Flag.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):  # a saved rule enqueues a re-evaluation
        combination_rule_save(
            actor=petra,
            rule=None,
            name="Middelen",
            description="Twee signalen over middelen.",
            window_days=30,
            min_signals=2,
            min_organisations=1,
            min_domains=1,
            min_total_weight=3,
            categories=list(SignalCategory.objects.filter(code="drugs")),
            is_active=True,
        )
    assert Flag.objects.get().rule.name == "Middelen"
    assert flags_evaluate_all() == 0
    assert Flag.objects.count() == 1


@pytest.mark.django_db
def test_the_nightly_job_is_scheduled():
    from pgaanpak.schedule import CELERY_BEAT_SCHEDULE

    assert any(entry["task"] == "youths.tasks.flags_evaluate_all" for entry in CELERY_BEAT_SCHEDULE.values())


@pytest.mark.django_db
def test_withdrawn_signals_do_not_count(bas, reference_lists):
    from youths.services.signals import signal_withdraw

    weapons = signal_logged(bas, category="wapens")
    signal_withdraw(actor=bas, signal=weapons, reason="Bleek een speelgoedpistool.")
    signal_logged(bas, category="wapens", description="Nu wel een mes.")
    assert not Flag.objects.exists()


# --- The rules pages --------------------------------------------------------------------------------


def _rule_form(**overrides):
    data = {
        "name": "Online en straat",
        "description": "Zorgen online en op straat tegelijk.",
        "window_days": "60",
        "min_signals": "2",
        "min_organisations": "1",
        "min_domains": "2",
        "min_total_weight": "0",
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_projectleider_manages_the_rules(web, petra, reference_lists):
    web.force_login(petra)
    assert "Nieuwe regel" in web.get("/combinatieregels/").content.decode()
    response = web.post("/combinatieregels/nieuw/", _rule_form())
    assert response.status_code == 302
    rule = CombinationRule.objects.get(name="Online en straat")
    assert rule.min_domains == 2
    response = web.post(f"/combinatieregels/{rule.pk}/", _rule_form(window_days="90", is_active=""))
    rule.refresh_from_db()
    assert rule.window_days == 90 and not rule.is_active


@pytest.mark.django_db
def test_a_rule_that_cannot_hold_is_refused_with_a_message(web, petra, reference_lists):
    web.force_login(petra)
    response = web.post("/combinatieregels/nieuw/", _rule_form(min_signals="2", min_organisations="3"))
    assert response.status_code == 200
    assert (
        "Het aantal organisaties ligt tussen 1 en het minimale aantal signalen." in response.content.decode()
    )
    assert not CombinationRule.objects.filter(name="Online en straat").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["ruben", "bas"])
def test_others_read_the_rules_but_cannot_change_them(request, web, persona, reference_lists):
    user = request.getfixturevalue(persona)
    web.force_login(user)
    html = web.get("/combinatieregels/").content.decode()
    assert "Signalen van meerdere organisaties" in html and "Nieuwe regel" not in html
    assert web.get("/combinatieregels/nieuw/").status_code == 403
    rule = CombinationRule.objects.first()
    assert web.post(f"/combinatieregels/{rule.pk}/", _rule_form()).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["bert", "hanna"])
def test_beheerder_and_ministerie_do_not_see_the_rules_page(request, web, persona, reference_lists):
    web.force_login(request.getfixturevalue(persona))
    assert web.get("/combinatieregels/").status_code == 403


@pytest.mark.django_db
def test_the_procesregisseur_closes_a_flag_with_a_note_and_a_partner_cannot(web, ruben, bas, shared_youth):
    signal_logged(bas, shared_youth, domain="online")
    flag = Flag.objects.get()
    web.force_login(bas)
    assert web.post(f"/vroegsignalering/{flag.pk}/afhandelen/", {"note": "x"}).status_code == 403
    web.force_login(ruben)
    web.post(f"/vroegsignalering/{flag.pk}/afhandelen/", {"note": "Besproken; wijkteam gaat op huisbezoek."})
    flag.refresh_from_db()
    assert flag.status == Flag.Status.CLOSED and flag.closed_by == ruben
    assert "Besproken; wijkteam" in web.get("/vroegsignalering/?status=afgehandeld").content.decode()
