import datetime as dt

import pytest

from tests.factories import signal_logged


@pytest.fixture
def shared_youth(bas, chaima, reference_lists):
    """A youth politie (bas) and jongerenwerk (chaima) both logged about: one match, no flag yet."""
    signal_logged(
        bas,
        first_name="Sanne",
        last_name="de Vries",
        date_of_birth=dt.date(2010, 5, 17),
        description="Politie: met een groep bij het winkelcentrum, bewoners aangesproken.",
    )
    signal = signal_logged(
        chaima,
        first_name="Sanne",
        last_name="de Vries",
        date_of_birth=dt.date(2010, 5, 17),
        domain="school",
        category="schoolverzuim",
        description="Jongerenwerk: vertelt al weken niet naar school te gaan.",
    )
    return signal.youth


@pytest.fixture
def halt_youth(daan, reference_lists):
    """A youth only Halt (daan) is involved with."""
    return signal_logged(
        daan,
        first_name="Milan",
        last_name="Bakker",
        date_of_birth=dt.date(2011, 2, 3),
        category="vernieling-diefstal",
        description="Halt: winkeldiefstal bij de supermarkt, eerste keer.",
    ).youth
