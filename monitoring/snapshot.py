"""The shape of a report snapshot (Report.data), as types.

A snapshot is stored as JSON and never changes after it is made (monitoring.reports builds it); the
report page, the XLSX, the PDF and the ministry's report endpoint read it. These types describe that
JSON, they do not change it: numbers are strings (figures.figure_text: "12", "45.5", "x"), dates and
moments ISO strings. Change the shape only together with a new SNAPSHOT_VERSION.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

SNAPSHOT_VERSION = 1


class PublicFigure(TypedDict):
    """The figure as the ministry may see it (figures.public_figure): "x" where hidden."""

    value: str | None
    numerator: str | None
    denominator: str | None
    suppressed: bool


class TargetPart(TypedDict):
    value: str | None
    deadline: str
    specific: str


class IndicatorRow(TypedDict):
    code: str
    metric: str
    name: str
    kind: str
    unit: str
    unit_label: str
    rate_base: int | None
    direction: str
    aggregation: str
    counts_persons: bool
    definition: str
    numerator: str | None
    denominator: str | None
    value: str | None
    target: TargetPart | None
    status: str | None
    status_label: str
    approval: str
    origin: str | None
    source: str
    breakdowns: dict[str, Any]
    corrected: bool
    public: PublicFigure


class TidyRow(IndicatorRow):
    """An indicator row with its track and intervention (reports.indicator_rows)."""

    track: str
    intervention: str
    intervention_name: str


class InterventionPart(TypedDict):
    code: str
    name: str
    output: list[IndicatorRow]
    outcome: list[IndicatorRow]


class TotalPart(TypedDict):
    """A metric added up over a track's interventions (a ratio of sums)."""

    metric: str
    name: str
    unit: str
    numerator: str | None
    denominator: str | None
    value: str | None
    interventions: list[str]


class PdcaTarget(TypedDict):
    indicator: str
    value: str | None
    specific: str


class PdcaDelivered(TypedDict):
    indicator: str
    name: str
    value: str | None


class PdcaCheck(TypedDict):
    indicator: str
    value: str | None
    status: str | None


class PdcaPart(TypedDict):
    status: str
    status_label: str
    owner: str
    plan: str
    targets: list[PdcaTarget]
    do: str
    delivered: list[PdcaDelivered]
    check: list[PdcaCheck]
    check_notes: str
    act_adjustment: str
    act_reason: str


class TrackPart(TypedDict):
    code: str
    kind: str
    name: str
    interventions: list[InterventionPart]
    totals: list[TotalPart]
    pdca: PdcaPart | None


class CorrectionPart(TypedDict):
    indicator: str
    name: str
    previous_numerator: str | None
    previous_denominator: str | None
    numerator: str | None
    denominator: str | None
    reason: str
    by: str
    at: str


class BudgetRowPart(TypedDict):
    track: str
    intervention: str | None
    name: str
    allocated: str | None
    committed: str | None
    spent: str | None
    remaining: str | None
    burn_rate: str | None
    participants: str | None
    cost_per_participant: str | None


class BudgetPart(TypedDict):
    year: int
    start: str
    end: str
    until: str
    cap: str | None
    allocated: str | None
    committed: str | None
    spent: str | None
    burn_rate: str | None
    elapsed: str | None
    rows: list[BudgetRowPart]


class ContextPoint(TypedDict):
    value: str | None
    provisional: bool


class ContextPart(TypedDict):
    """A context indicator per year, Zwolle against the Netherlands (None: no value that year)."""

    code: str
    name: str
    unit: str
    source: str
    years: list[int]
    municipality: list[ContextPoint | None]
    national: list[ContextPoint | None]


class RiskPart(TypedDict):
    code: str
    title: str
    level: str | None
    date: str | None
    measures: str


class PeriodPart(TypedDict):
    code: str
    kind: str
    label: str
    start: str
    end: str
    approval: str
    # Made while the period was running (issue 12); absent in snapshots made before.
    provisional: NotRequired[bool]


class ProgrammePart(TypedDict):
    name: str
    cap: str | None


class Snapshot(TypedDict):
    snapshot_version: int
    generated_at: str
    period: PeriodPart
    version: int
    programme: ProgrammePart | None
    tracks: list[TrackPart]
    corrections: list[CorrectionPart]
    budget: BudgetPart | None
    context: list[ContextPart]
    risks: list[RiskPart]


class MinistryTarget(TypedDict):
    value: str | None
    deadline: str


class MinistryFigure(TypedDict):
    """An indicator's figure in the ministry's API (serializers.IndicatorFigureSerializer)."""

    code: str
    name: str
    kind: str
    unit: str
    rate_base: int | None
    direction: str
    value: str | None
    numerator: str | None
    denominator: str | None
    suppressed: bool
    target: MinistryTarget | None
    status: str | None
    approval_state: str
    explanation: str  # the indicator's ministry_note (small numbers: cumulative); not in the snapshot
