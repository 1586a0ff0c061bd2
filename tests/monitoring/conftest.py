import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from monitoring.models import Measurement
from monitoring.periods import Period
from tests.factories import DistrictFactory, YouthFactory, signal_logged
from tracks.models import Intervention
from youths.models import Flag, Match, Signal
from youths.services.flags import flags_evaluate
from youths.services.matches import match_follow_up
from youths.services.signals import signal_withdraw


@pytest.fixture
def indicators(plan):
    """The plan's seeded indicators (monitoring/data/indicators.json)."""
    from monitoring.services.seed import indicators_seed_load

    indicators_seed_load(actor=None)


def indicator(code: str):
    from monitoring.models import Indicator

    return Indicator.objects.select_related("intervention__track").get(code=code)


ZWOLLE = ZoneInfo("Europe/Amsterdam")


def at(day: str, time: str = "12:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=ZWOLLE)


def log(user, youth, moment, **kwargs):
    """A signal logged through the service at `moment` (observed that day); a match it made moves along."""
    signal = signal_logged(user, youth, observed_on=moment.date(), **kwargs)
    Signal.objects.filter(pk=signal.pk).update(created_at=moment)
    Match.objects.filter(trigger_signal=signal).update(created_at=moment)
    return signal


def _follow_up(user, match, moment):
    match_follow_up(actor=user, match=match, in_touch_on=moment.date(), lead_organisation=user.organisation)
    Match.objects.filter(pk=match.pk).update(followed_up_at=moment)


def raise_flags(youth, moment):
    """The combination rules evaluated as on `moment`'s day; the flags they raise dated `moment`."""
    flags = flags_evaluate(youth=youth, today=moment.date())
    Flag.objects.filter(pk__in=[f.pk for f in flags]).update(raised_at=moment)
    return flags


def value(code: str, period: Period) -> Measurement:
    return Measurement.objects.get(indicator__code=code, period__kind=period.kind, period__start=period.start)


@pytest.fixture
def story(indicators, reference_lists, bas, chaima, daan):
    """Six youths and eleven signals around 2025-Q1; the figures below are counted by hand from it.

    | youth | born       | gender | district    | age band on 31-03-2025 |
    | A     | 2012-04-01 | m      | Holtenbroek | 12-14 (12, 13 the next day) |
    | B     | 2013-03-31 | v      | Holtenbroek | 12-14 (12 that very day) |
    | C     | 2013-04-01 | m      | Diezerpoort | 0-11 (11, 12 the next day) |
    | D     | 2007-06-15 | –      | –           | 15-17 |
    | E     | 2009-01-20 | m      | Diezerpoort | 15-17 |
    | F     | 2010-08-08 | v      | Holtenbroek | (only in Q2) |
    """
    holtenbroek = DistrictFactory(code="holtenbroek")
    diezerpoort = DistrictFactory(code="diezerpoort")
    halt_intervention = Intervention.objects.get(code="2.1.3")

    def youth(name, born, gender, district):
        return YouthFactory(
            first_name=name,
            last_name="Test",
            date_of_birth=dt.date.fromisoformat(born),
            gender=gender,
            district=district,
        )

    a = youth("A", "2012-04-01", "m", holtenbroek)
    b = youth("B", "2013-03-31", "v", holtenbroek)
    c = youth("C", "2013-04-01", "m", diezerpoort)
    d = youth("D", "2007-06-15", "", None)
    e = youth("E", "2009-01-20", "m", diezerpoort)
    f = youth("F", "2010-08-08", "v", holtenbroek)

    log(bas, a, at("2025-01-10"))  # street, overlast-straat
    log(chaima, a, at("2025-02-03"), domain="school", category="schoolverzuim")  # match M1
    # M1 is followed up (on 10 February) before Halt becomes involved: one open match per youth (issue 11),
    # so Halt's signal in April makes a new match M2 instead of joining M1.
    _follow_up(bas, Match.objects.get(youth=a), at("2025-02-10"))
    log(
        daan,
        a,
        at("2025-04-02"),
        category="vernieling-diefstal",
        intervention=halt_intervention,
    )  # Q2; match M2
    log(bas, b, at("2025-03-31", "23:30"), domain="online", category="online-conflict")  # last minutes of Q1
    log(chaima, c, at("2024-12-31", "23:59"))  # Q4 2024
    log(chaima, c, at("2025-01-01", "00:00"))  # first minute of Q1
    withdrawn = log(daan, d, at("2025-02-20"), domain="school", category="grensoverschrijdend")
    log(
        daan,
        d,
        at("2025-03-01"),
        domain="home",
        category="grensoverschrijdend",
        intervention=halt_intervention,
    )
    signal_withdraw(actor=daan, signal=withdrawn, reason="Verkeerde jongere")
    log(bas, e, at("2025-03-05"), category="wapens")
    log(chaima, e, at("2025-03-10"), domain="school", category="schoolverzuim")  # match M3
    log(bas, f, at("2025-05-15"))  # Q2

    _follow_up(bas, Match.objects.get(youth=e), at("2025-04-01"))  # M1 after 7 days, M3 after 22 days
    assert [f.rule.name for f in raise_flags(e, at("2025-03-10", "12:05"))] == ["Wapen en nog een signaal"]
    assert [f.rule.name for f in raise_flags(a, at("2025-04-02", "12:05"))] == [
        "Signalen van meerdere organisaties"
    ]
    return {"A": a, "B": b, "C": c, "D": d, "E": e, "F": f}
