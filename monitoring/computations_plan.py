"""Computations of the plan's own outcome measures, registered into monitoring.computations: OOZA as plan
3.2 defines it (outcomes at leaving the arrangement), 1.1.1 and 1.1.2 from the platform's data, plan
2.2's "snellere aansluiting" (what became of the flags) and the registered activities and sessions.
See docs/monitoring.md for each definition.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from .computations import (
    LASTING_PERSPECTIVE_NONE,
    NETWORK_MINIMUM,
    QUALIFICATION_NONE,
    ZERO,
    Result,
    _by_person,
    _for_intervention,
    register,
    window,
)

# --- OOZA as plan 3.2 defines it ------------------------------------------------------------------
#
# "100% van de jongeren [uit Zwolle] stroomt uit met …": the outcomes are taken when a youth leaves the
# arrangement – the enrolment in the intervention ends, with its reason – not when a case closes.
# Population: youths from Zwolle (a Zwolle district on record) whose enrolment ended in the window with
# a reason. A youth who moved away from Zwolle left the plan's population and is not counted (the
# reason is kept on the enrolment). Result (b) counts only those who left education ("dat onderwijs
# verlaat"); a youth still in education is in (a) and (c), not in (b).


def _leavers(start: dt.date, end: dt.date, intervention: Any) -> QuerySet:
    from cases.models import Enrolment

    return Enrolment.objects.filter(
        intervention=intervention,
        ended_on__range=(start, end),
        case__youth__district__isnull=False,
    ).exclude(end_reason__in=["", Enrolment.EndReason.MOVED])


def _share(leavers: QuerySet, outcome: Q) -> Result:
    counts = leavers.aggregate(total=Count("id"), with_outcome=Count("id", filter=outcome))
    return Result(Decimal(counts["with_outcome"]), Decimal(counts["total"]))


@register(
    "ooza_leavers_with_perspective",
    label="Uitgestroomde Zwolse jongeren met een duurzaam perspectief (%)",
    unit="percentage",
    counts_persons=True,
)
def ooza_leavers_with_perspective(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Plan 3.2 (a): work, vocational education or day activities, or a mix, on leaving."""
    return _share(
        _leavers(start, end, intervention),
        ~Q(outcome_perspective=LASTING_PERSPECTIVE_NONE) & ~Q(outcome_perspective=""),
    )


@register(
    "ooza_education_leavers_with_qualification",
    label="Zwolse jongeren die het onderwijs verlaten met diploma, certificaat of praktijkverklaring (%)",
    unit="percentage",
    counts_persons=True,
)
def ooza_education_leavers_with_qualification(
    start: dt.date, end: dt.date, intervention: Any = None
) -> Result:
    """Plan 3.2 (b): over the leavers who left education, a diploma, (partial) certificate or a
    praktijkverklaring."""
    return _share(
        _leavers(start, end, intervention).filter(left_education=True),
        ~Q(outcome_qualification=QUALIFICATION_NONE) & ~Q(outcome_qualification=""),
    )


@register(
    "ooza_leavers_with_network",
    label="Uitgestroomde Zwolse jongeren met een netwerk van minimaal 3 personen (%)",
    unit="percentage",
    counts_persons=True,
)
def ooza_leavers_with_network(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Plan 3.2 (c): at least 3 people the youth can fall back on, on leaving."""
    return _share(_leavers(start, end, intervention), Q(outcome_network_size__gte=NETWORK_MINIMUM))


# --- 1.1.1 and 1.1.2 from the platform's own data (no typing) --------------------------------------

RESIGNAL_MONTHS = 12  # issue 12: "no new signal within 12 months after a case closed"


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


@register(
    "families_with_family_links",
    label="Gezinnen met gezinsleden in de casus",
    unit="count",
    counts_persons=True,
)
def families_with_family_links(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Cases that ran during the window (opened before its end, not closed before its start) with at
    least one family link: one family per case."""
    from cases.models import Case, FamilyLink

    since, until = window(start, end)
    cases = Case.objects.filter(
        Exists(FamilyLink.objects.filter(case=OuterRef("pk"))),
        opened_at__lt=until,
    ).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since))
    total, breakdowns = _by_person(cases, youth="youth", on=end, count=Count("id"))
    return Result(Decimal(total), breakdowns=breakdowns)


@register(
    "cases_closed_without_resignal",
    label="Gesloten casussen zonder nieuw signaal binnen 12 maanden (%)",
    unit="percentage",
    counts_persons=True,
)
def cases_closed_without_resignal(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """The re-signal rate turned round. Denominator: cases closed in the window 12 months before the
    period (so that each has had its full 12 months by the period's end). Numerator: those whose youth
    got no new signal (not withdrawn) within 12 months after the closing."""
    from cases.models import Case
    from youths.models import Signal

    since, until = window(_months_before(start, RESIGNAL_MONTHS), _months_before(end, RESIGNAL_MONTHS))
    resignal = Signal.objects.filter(
        youth=OuterRef("youth"),
        withdrawn_at__isnull=True,
        created_at__gt=OuterRef("closed_at"),
        created_at__lte=OuterRef("closed_at") + dt.timedelta(days=365),
    )
    counts = (
        Case.objects.filter(closed_at__gte=since, closed_at__lt=until)
        .annotate(resignalled=Exists(resignal))
        .aggregate(total=Count("id"), without=Count("id", filter=Q(resignalled=False)))
    )
    return Result(Decimal(counts["without"]), Decimal(counts["total"]))


@register(
    "youth_groups_worked", label="Jeugdgroepen in de groepsaanpak aan het einde van de periode", unit="count"
)
def youth_groups_worked(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Groups registered by the period's end that are active, or were closed after its start (the
    group keeps no closing date; its last change stands for it)."""
    from cases.models import YouthGroup

    since, until = window(start, end)
    groups = YouthGroup.objects.filter(created_at__lt=until).filter(
        Q(status=YouthGroup.Status.ACTIVE) | Q(updated_at__gte=since)
    )
    return Result(Decimal(groups.count()))


@register(
    "group_members_to_case",
    label="Groepsleden opgenomen in een persoonsgerichte aanpak",
    unit="count",
    counts_persons=True,
)
def group_members_to_case(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Distinct youths who are a member of a youth group and whose individual case (linked to the
    membership) was opened in the window."""
    from cases.models import YouthGroupMember

    since, until = window(start, end)
    members = YouthGroupMember.objects.filter(case__opened_at__gte=since, case__opened_at__lt=until)
    total, breakdowns = _by_person(members, youth="youth", on=end, count=Count("youth", distinct=True))
    return Result(Decimal(total), breakdowns=breakdowns)


@register(
    "youth_groups_smaller", label="Groepen die kleiner werden tussen twee groepsscans (%)", unit="percentage"
)
def youth_groups_smaller(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """From cases.selectors.groups.group_scan_history: denominator the groups with two or more scans
    (with a size) by the period's end, numerator those whose latest scan counts fewer members than the
    first. One query per group (groups are few)."""
    from cases.models import YouthGroup
    from cases.selectors.groups import group_scan_history

    since, until = window(start, end)
    total = smaller = 0
    for group in YouthGroup.objects.filter(created_at__lt=until).order_by("pk"):
        history = group_scan_history(group)
        scanned = [s for s in history.scans if s.scanned_on is None or s.scanned_on <= end]
        sizes = [s.size for s in scanned if s.size is not None]
        if len(scanned) < 2 or len(sizes) < 2:
            continue
        total += 1
        smaller += sizes[-1] < sizes[0]
    return Result(Decimal(smaller), Decimal(total))


# --- Plan 2.2 "snellere aansluiting": what became of the flags -----------------------------------
#
# Flags whose first decision by a meeting fell in the window (cases.selectors.rule_statistics, which
# the rules page uses per rule).


def _decisions(start: dt.date, end: dt.date) -> list[Any]:
    from cases.selectors.rule_statistics import flag_decisions

    since, until = window(start, end)
    return flag_decisions(since=since, until=until)


@register(
    "flags_closed_without_action",
    label="Signaleringen die het overleg afsloot met ‘geen verdere actie’ (%)",
    unit="percentage",
    counts_persons=True,
)
def flags_closed_without_action(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    decisions = _decisions(start, end)
    return Result(Decimal(sum(d.decision == "geen_actie" for d in decisions)), Decimal(len(decisions)))


@register(
    "flags_leading_to_case",
    label="Signaleringen die tot een casus leidden (%)",
    unit="percentage",
    counts_persons=True,
)
def flags_leading_to_case(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    decisions = _decisions(start, end)
    return Result(Decimal(sum(d.decision == "casus" for d in decisions)), Decimal(len(decisions)))


@register("flag_days_to_decision_median", label="Mediaan dagen van signalering tot besluit", unit="count")
def flag_days_to_decision_median(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """The median number of days from a flag to the meeting's first decision on it (0 without any)."""
    from cases.selectors.rule_statistics import median_days

    return Result(median_days(_decisions(start, end)) or ZERO)


# --- Registered activities and sessions (2.1.1, 2.1.4, 3.1.2) -------------------------------------


@register("activities_held", label="Geregistreerde activiteiten en voorlichtingen", unit="count")
def activities_held(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Activities registered for the intervention that were held in the window."""
    from .models import Activity

    activities = _for_intervention(
        Activity.objects.filter(held_on__range=(start, end)), intervention, "intervention"
    )
    return Result(Decimal(activities.count()))


@register(
    "activity_attendance",
    label="Aanwezigen bij geregistreerde activiteiten en voorlichtingen",
    unit="count",
    counts_persons=True,
)
def activity_attendance(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """The attendance of the activities held in the window, added up (a person at two sessions counts
    twice, as on the attendance lists)."""
    from .models import Activity

    activities = _for_intervention(
        Activity.objects.filter(held_on__range=(start, end)), intervention, "intervention"
    )
    return Result(Decimal(activities.aggregate(total=Sum("attendance"))["total"] or 0))
