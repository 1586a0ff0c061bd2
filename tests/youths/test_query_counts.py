"""Every list page and list endpoint needs the same number of queries for 1 row as for many."""

import datetime as dt

import pytest

from tests.factories import signal_logged
from tests.querycount import assert_queries_flat
from youths.models import Youth


def _grow(bas, chaima, start, count):
    """`count` more youths, each with signals of two organisations (a match), a flag, and a near-duplicate."""
    for n in range(start, start + count):
        born = dt.date(2009, 1, 1) + dt.timedelta(days=n)
        first = signal_logged(bas, first_name=f"Jongere{n}", last_name="Test", date_of_birth=born)
        signal_logged(chaima, first.youth, domain="school", category="schoolverzuim")
        signal_logged(bas, first.youth, domain="online", category="online-conflict")
        signal_logged(chaima, first_name=f"Jongere{n}x", last_name="Test", date_of_birth=born)


def _grow_more(bas, chaima, first):
    """Four more youths, and more signals on the youth of the detail page, too."""
    _grow(bas, chaima, 1, 4)
    for _ in range(3):
        signal_logged(bas, first, description="Nog een signaal.")


PAGES = [
    ("bas", "/jongeren/"),
    ("ruben", "/jongeren/"),
    ("bas", "/jongeren/?zoek=jongere"),
    ("bas", "/signalen/"),
    ("ruben", "/signalen/"),
    ("bas", "/matches/"),
    ("ruben", "/matches/?opvolging=te-laat"),
    ("ruben", "/vroegsignalering/"),
    ("ruben", "/dubbele-registraties/"),
    ("bas", "/combinatieregels/"),
    ("ruben", "/jongeren/{first}/"),
    ("bas", "/jongeren/{first}/"),
    ("femke", "/jongeren/{first}/leeslog/"),
]

ENDPOINTS = [
    ("bas", "/api/v1/youths/"),
    ("ruben", "/api/v1/youths/"),
    ("bas", "/api/v1/youths/{first}/"),
    ("bas", "/api/v1/signals/"),
    ("ruben", "/api/v1/signals/"),
    ("bas", "/api/v1/matches/"),
    ("ruben", "/api/v1/matches/"),
    ("ruben", "/api/v1/flags/"),
    ("bas", "/api/v1/signal-categories/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "url"), PAGES)
def test_list_pages_need_a_fixed_number_of_queries(
    request, web, bas, chaima, ruben, petra, reference_lists, persona, url
):
    _grow(bas, chaima, 0, 1)
    first = Youth.objects.order_by("pk").first()
    path = url.format(first=first.pk)
    web.force_login(request.getfixturevalue(persona))
    assert_queries_flat({path: lambda: web.get(path)}, grow=lambda: _grow_more(bas, chaima, first))


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "url"), ENDPOINTS)
def test_list_endpoints_need_a_fixed_number_of_queries(
    request, api, bas, chaima, ruben, reference_lists, persona, url
):
    _grow(bas, chaima, 0, 1)
    first = Youth.objects.order_by("pk").first()
    path = url.format(first=first.pk)
    client = api(request.getfixturevalue(persona))
    assert_queries_flat({path: lambda: client.get(path)}, grow=lambda: _grow_more(bas, chaima, first))
