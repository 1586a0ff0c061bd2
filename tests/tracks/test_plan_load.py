import runpy
from pathlib import Path

import pytest
from auditlog.models import LogEntry

from monitoring.context_seed import context_indicators_load
from monitoring.models import ContextIndicatorValue
from tracks.models import BudgetYear, Intervention, MeasurableResult, Risk, Track
from tracks.services import PLAN_FILE, plan_load


def test_the_data_file_quotes_the_plan_verbatim():
    """Every text in plan.json occurs word for word in the plan (tracks/data/check_plan_json.py)."""
    checker = runpy.run_path(str(Path(PLAN_FILE).parent / "check_plan_json.py"))
    assert checker["main"]() == 0


@pytest.mark.django_db
def test_it_loads_three_tracks_two_components_and_eight_interventions():
    plan_load(actor=None)
    assert list(Track.objects.filter(kind="track").values_list("code", flat=True)) == ["1", "2", "3"]
    assert list(Track.objects.filter(kind="component").values_list("code", flat=True)) == ["A", "B"]
    assert list(Intervention.objects.values_list("code", flat=True)) == [
        "1.1.1",
        "1.1.2",
        "2.1.1",
        "2.1.2",
        "2.1.3",
        "2.1.4",
        "3.1.1",
        "3.1.2",
    ]
    halt = Intervention.objects.get(code="2.1.3")
    assert halt.name == "Preventief Halt in de wijk"
    assert halt.track.code == "2"
    assert "grensoverschrijdend gedrag" in halt.target_group
    assert Track.objects.get(code="2").partners.filter(name="Sociaal wijkteam").exists()
    assert Track.objects.get(code="1").desired_results.count() >= 5
    assert Risk.objects.count() == 5
    assert set(Risk.objects.values_list("title", flat=True)) >= {"Betrokkenheid", "Voldoende capaciteit"}


@pytest.mark.django_db
def test_it_loads_the_ooza_results_budget_years_and_context_indicators():
    plan_load(actor=None)
    context_indicators_load(actor=None)
    ooza = MeasurableResult.objects.filter(intervention__code="3.1.1")
    assert ooza.count() == 3
    assert ooza.get(code="network").minimum_network_size == 3
    assert all(r.target_percentage == 100 for r in ooza)
    years = list(BudgetYear.objects.order_by("number"))
    assert [y.number for y in years] == [1, 2, 3]
    assert years[0].start.isoformat() == "2024-07-01"
    assert years[-1].end.isoformat() == "2027-07-31"
    assert all(y.cap == 500_000 for y in years)
    value = ContextIndicatorValue.objects.get(
        indicator__code="registered_crimes", year=2023, area="municipality"
    )
    assert str(value.value) == "520.20"
    assert (
        str(ContextIndicatorValue.objects.get(indicator__code="youth_suspects", area="national").value)
        == "139.00"
    )


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_writes_no_audit_entries():
    first = plan_load(actor=None)
    assert first.created > 0
    entries = LogEntry.objects.count()
    second = plan_load(actor=None)
    assert (second.created, second.updated) == (0, 0)
    assert LogEntry.objects.count() == entries


@pytest.mark.django_db
def test_a_changed_text_is_updated_in_place_and_audited(tmp_path):
    plan_load(actor=None)
    data = PLAN_FILE.read_text(encoding="utf-8").replace(
        '"name": "Preventief Halt in de wijk"', '"name": "Preventief Halt in de wijk (herzien)"'
    )
    changed = tmp_path / "plan.json"
    changed.write_text(data, encoding="utf-8")
    result = plan_load(actor=None, path=changed)
    assert result.updated == 1
    halt = Intervention.objects.get(code="2.1.3")
    assert halt.name.endswith("(herzien)")
    entry = LogEntry.objects.get_for_object(halt).order_by("-timestamp").first()
    assert entry is not None and "name" in entry.changes_dict
