"""Flags with a priority (issue 11 point 2): urgency from the rule, the age of the flag, a list that the
procesregisseur works down in order (page and API `?ordering=`)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import signal_logged
from tests.querycount import assert_queries_flat
from youths.models import CombinationRule, Flag, RulePriority


def _three_signals(bas, chaima, first_name):
    """Three minor signals from two organisations: the rule "Signalen van meerdere organisaties"."""
    youth = signal_logged(
        bas, first_name=first_name, last_name="Drie", date_of_birth=dt.date(2010, 1, 1)
    ).youth
    signal_logged(chaima, youth, domain="school", category="schoolverzuim", description="Verzuim.")
    signal_logged(bas, youth, domain="online", category="online-conflict", description="Berichten.")
    return Flag.objects.get(youth=youth)


def _weapon(bas, first_name):
    """A weapon and one more signal: the rule "Wapen en nog een signaal"."""
    youth = signal_logged(
        bas, first_name=first_name, last_name="Wapen", date_of_birth=dt.date(2009, 1, 1)
    ).youth
    signal_logged(bas, youth, category="wapens", description="Mes getoond op het schoolplein.")
    return Flag.objects.get(youth=youth)


@pytest.mark.django_db
def test_the_seeded_weapon_rule_is_urgent_and_comes_before_three_minor_signals(reference_lists):
    weapon = CombinationRule.objects.get(name="Wapen en nog een signaal")
    several = CombinationRule.objects.get(name="Signalen van meerdere organisaties")
    assert weapon.priority == RulePriority.URGENT
    assert several.priority == RulePriority.HIGH
    assert weapon.priority < several.priority


@pytest.mark.django_db
def test_the_flag_list_is_worked_down_by_priority_then_oldest_first(
    web, api, ruben, bas, chaima, reference_lists
):
    old_minor = _three_signals(bas, chaima, "Anna")
    new_minor = _three_signals(bas, chaima, "Bram")
    weapon = _weapon(bas, "Chris")
    Flag.objects.filter(pk=old_minor.pk).update(raised_at=timezone.now() - dt.timedelta(days=20))
    Flag.objects.filter(pk=weapon.pk).update(raised_at=timezone.now() - dt.timedelta(days=2))

    rows = api(ruben).get("/api/v1/flags/").json()["results"]
    assert [r["id"] for r in rows] == [weapon.pk, old_minor.pk, new_minor.pk]
    assert rows[0]["priority"] == 1 and rows[0]["priority_label"] == "Urgent"
    assert rows[0]["age_days"] == 2 and rows[1]["age_days"] == 20

    oldest = api(ruben).get("/api/v1/flags/?ordering=raised_at").json()["results"]
    assert [r["id"] for r in oldest] == [old_minor.pk, weapon.pk, new_minor.pk]
    newest = api(ruben).get("/api/v1/flags/?ordering=-raised_at").json()["results"]
    assert [r["id"] for r in newest] == [new_minor.pk, weapon.pk, old_minor.pk]
    # An unknown ordering falls back to the default order.
    assert [r["id"] for r in api(ruben).get("/api/v1/flags/?ordering=bogus").json()["results"]][
        0
    ] == weapon.pk

    web.force_login(ruben)
    html = web.get("/vroegsignalering/").content.decode()
    assert html.index("Chris") < html.index("Anna") < html.index("Bram")
    assert "Urgent" in html and "20 dagen geleden" in html
    html = web.get("/vroegsignalering/?ordering=raised_at").content.decode()
    assert html.index("Anna") < html.index("Chris") < html.index("Bram")


@pytest.mark.django_db
def test_the_agenda_built_from_flags_follows_the_same_order(ruben, bas, chaima, reference_lists):
    from cases.services.lists import case_lists_load
    from cases.services.meetings import agenda_add_open_flags, meeting_create

    case_lists_load(actor=None)
    minor = _three_signals(bas, chaima, "Anna")
    weapon = _weapon(bas, "Chris")
    Flag.objects.filter(pk=minor.pk).update(raised_at=timezone.now() - dt.timedelta(days=20))
    meeting = meeting_create(
        actor=ruben, kind="vroegsignalering", starts_at=timezone.now(), chair=ruben, organisations=[]
    )
    items = agenda_add_open_flags(actor=ruben, meeting=meeting)
    assert [item.flag_id for item in items] == [weapon.pk, minor.pk]


@pytest.mark.django_db
def test_the_projectleider_sets_a_rules_priority(web, petra, reference_lists):
    rule = CombinationRule.objects.get(name="Signalen van meerdere organisaties")
    web.force_login(petra)
    response = web.post(
        f"/combinatieregels/{rule.pk}/",
        {
            "name": rule.name,
            "description": rule.description,
            "window_days": rule.window_days,
            "min_signals": rule.min_signals,
            "min_organisations": rule.min_organisations,
            "min_domains": rule.min_domains,
            "min_total_weight": 0,
            "priority": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.priority == 1
    assert "urgentie: Urgent" in web.get("/combinatieregels/").content.decode()


@pytest.mark.django_db
def test_the_flag_list_costs_the_same_queries_for_more_rows(web, api, ruben, bas, chaima, reference_lists):
    _weapon(bas, "Chris")
    web.force_login(ruben)
    client = api(ruben)
    names = iter(["Dana", "Eva", "Fien", "Gijs"])

    def grow():
        for _ in range(2):
            _three_signals(bas, chaima, next(names))
            _weapon(bas, next(names))

    assert_queries_flat(
        {"page": lambda: web.get("/vroegsignalering/"), "api": lambda: client.get("/api/v1/flags/")},
        grow=grow,
    )
