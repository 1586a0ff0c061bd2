"""Fixtures for the cases app: the managed lists, a flagged youth, more partner organisations.

Personas added here (see tests/conftest.py for the others):
- gijs: partner at the Sociaal Wijkteam (authorised for home visits)
- fleur: partner at Jeugdbescherming (authorised for #kansRijk)
"""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.models import User
from tests.conftest import _org
from tests.factories import UserFactory, signal_logged
from youths.models import Flag


@pytest.fixture
def wijkteam(db):
    return _org("Sociaal Wijkteam Zwolle", "sociaal-wijkteam")


@pytest.fixture
def jbov(db):
    return _org("Jeugdbescherming Overijssel", "jeugdbescherming")


@pytest.fixture
def gijs(wijkteam) -> User:
    return UserFactory(username="gijs", role="partner", organisation=wijkteam)


@pytest.fixture
def fleur(jbov) -> User:
    return UserFactory(username="fleur", role="partner", organisation=jbov)


@pytest.fixture
def case_lists(db, plan, reference_lists):
    from cases.services.lists import case_lists_load

    case_lists_load(actor=None)


@pytest.fixture
def flag(bas, chaima, case_lists) -> Flag:
    """Sanne: three signals from politie and jongerenwerk → the default rule puts her on the list."""
    first = signal_logged(bas, first_name="Sanne", last_name="de Vries", date_of_birth=dt.date(2010, 5, 17))
    youth = first.youth
    signal_logged(chaima, youth, domain="school", category="schoolverzuim", description="Vaak afwezig.")
    signal_logged(bas, youth, domain="online", category="online-conflict", description="Dreigende berichten.")
    return Flag.objects.get(youth=youth)


@pytest.fixture
def case(flag, ruben):
    """An open case (aangemeld) for the flagged youth, procesregie with ruben (Gemeente)."""
    from cases.services.core import case_open

    return case_open(actor=ruben, youth=flag.youth, procesregie_holder=ruben, reason="Uit het overleg")


def make_youth_with_case(actor, holder, first_name="Ali"):
    """Another youth with a case, logged by `actor` (a partner), for list tests."""
    from cases.services.core import case_open

    youth = signal_logged(
        actor, first_name=first_name, last_name="Test", date_of_birth=dt.date(2011, 1, 1)
    ).youth
    return case_open(actor=holder, youth=youth, procesregie_holder=holder)
