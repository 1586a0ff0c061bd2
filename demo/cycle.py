"""Partners in the PDCA cycle, for the local demo (issue 12), through the services.

Runs before demo/monitoring.py, in the quarter the dashboard opens on (demo.monitoring.reference_quarter),
while that quarter is still open: the plan's partners are linked to the demo organisations; Halt delivers
2.1.3's two figures and submitted them on time; Politie delivers 2.1.2's participants and
"zonder strafrecht" and submitted them late (one approved by the projectleider, one awaiting approval);
Jeugdbescherming Overijssel delivers 2.1.2's voorlichtingen and has not submitted it (missing). Halt
proposes an adjustment for the act step of track 2's cycle. The moment of submitting is set back in time
(a queryset update, demo only) so that the story reads the same on every day of the next quarter.

Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from monitoring.models import Indicator, Measurement, PdcaCycle, PdcaProposal
from monitoring.periods import Period
from monitoring.selectors import REPORTING_DEADLINE_DAYS
from monitoring.services.measurements import measurement_approve, measurement_enter, measurement_submit
from monitoring.services.pdca import pdca_proposal_add, pdca_save
from tracks.models import Programme, Track
from tracks.services import track_partners_link

from .monitoring import PDCA_LAST, reference_quarter

# (indicator, organisation name, partner username, value in the reference quarter, submitted)
DELIVERED: list[tuple[str, str, str, Any, str]] = [
    ("2.1.3-deelnemers", "Halt Oost-Nederland", "halt", 10, "on_time"),
    ("2.1.3-positief-afgerond", "Halt Oost-Nederland", "halt", (7, 9), "on_time"),
    ("2.1.2-deelnemers", "Politie Oost-Nederland, basisteam Zwolle", "politie", 9, "late"),
    ("2.1.2-zonder-strafrecht", "Politie Oost-Nederland, basisteam Zwolle", "politie", (6, 7), "late"),
    ("2.1.2-voorlichtingen", "Jeugdbescherming Overijssel", "jbov", 3, "missing"),
]
PROPOSAL = (
    "Halt stelt voor de voorlichting op het mbo uit te breiden naar het Deltion en Landstede: daar komen "
    "de meeste aanmeldingen vandaan."
)


@transaction.atomic
def demo_cycle_load() -> dict[str, Any]:
    petra = User.objects.filter(username="projectleider").first()
    programme = Programme.objects.order_by("start").first()
    if petra is None or programme is None or not Indicator.objects.exists():
        return {"skipped": True}
    track_partners_link(actor=None)
    today = timezone.localdate()
    quarter = reference_quarter(today, programme)
    if quarter.start > today:
        return {"skipped": True}
    deadline = quarter.end + dt.timedelta(days=REPORTING_DEADLINE_DAYS)
    moments = {
        "on_time": timezone.make_aware(dt.datetime.combine(quarter.end + dt.timedelta(days=3), dt.time(10))),
        "late": timezone.make_aware(dt.datetime.combine(deadline + dt.timedelta(days=6), dt.time(15))),
    }
    for code, organisation_name, username, value, submitted in DELIVERED:
        indicator = Indicator.objects.filter(code=code, computation="").first()
        organisation = Organisation.objects.filter(name=organisation_name).first()
        partner = User.objects.filter(username=username).first()
        if indicator is None or organisation is None or partner is None:
            continue  # the indicator became computed, or the demo organisations differ
        if indicator.reporting_organisation_id != organisation.pk:
            indicator.reporting_organisation = organisation
            indicator.save(update_fields=["reporting_organisation"])
        if submitted == "missing" or _entered(indicator, quarter):
            continue
        numerator, denominator = value if isinstance(value, tuple) else (value, None)
        measurement = measurement_enter(
            actor=partner,
            indicator=indicator,
            period=quarter,
            numerator=numerator,
            denominator=denominator,
            source=f"Registratie {organisation.name}",
        )
        measurement = measurement_submit(actor=partner, measurement=measurement)
        moment = min(moments[submitted], timezone.now())
        Measurement.objects.filter(pk=measurement.pk).update(submitted_at=moment)
        if code == "2.1.2-deelnemers":
            measurement_approve(actor=petra, measurement=measurement)
    _proposal(petra, quarter)
    return {"skipped": False, "quarter": quarter.code}


def _entered(indicator: Indicator, quarter: Period) -> bool:
    return indicator.measurements.filter(period__kind=quarter.kind, period__start=quarter.start).exists()


def _proposal(petra: User, quarter: Period) -> None:
    halt = User.objects.filter(username="halt").first()
    if halt is None:
        return
    track = Track.objects.get(code="2")
    cycle = PdcaCycle.objects.filter(
        track=track, period__kind=quarter.kind, period__start=quarter.start
    ).first()
    if cycle is None:
        status, plan, do, check, adjustment, reason = PDCA_LAST["2"]
        cycle = pdca_save(
            actor=petra,
            track=track,
            period=quarter,
            owner=petra,
            status=status,
            plan=plan,
            do=do,
            check_notes=check,
            act_adjustment=adjustment,
            act_reason=reason,
        )
    if not PdcaProposal.objects.filter(cycle=cycle, author=halt).exists():
        pdca_proposal_add(actor=halt, cycle=cycle, step=PdcaProposal.Step.ACT, text=PROPOSAL)
