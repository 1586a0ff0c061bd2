"""CCV's 7-stappenmodel (2023) as data."""

from cases.groupsteps import STEP_NUMBERS, STEPS, step_definition


def test_there_are_seven_steps_in_order_with_the_2023_titles():
    assert STEP_NUMBERS == (1, 2, 3, 4, 5, 6, 7)
    assert [str(s.title) for s in STEPS] == [
        "Signalen delen",
        "Gedrag beoordelen",
        "Duiden",
        "Probleemdefinitie en prioriteringsadvies",
        "Integraal plan van aanpak",
        "Uitvoeren en monitoren",
        "Afschalen, evalueren en overdragen",
    ]


def test_step_two_has_parts_2a_and_2b_with_the_groepsscan():
    parts = {f.code: f.part for f in step_definition(2).fields}
    assert parts["kenmerken"] == parts["ernst"] == "2A"
    assert parts["groepsscan"] == parts["groepsscan_datum"] == "2B"


def test_step_three_duids_the_group_and_asks_for_a_concept_plan():
    codes = {f.code for f in step_definition(3).fields}
    assert {"dynamiek", "rollen", "problematiek", "context", "hierarchie", "kansen", "conceptplan"} <= codes
    assert "conceptplan" in step_definition(3).required_codes


def test_step_four_needs_the_decision_of_the_lokale_driehoek():
    assert {"besluit_driehoek", "besluit_datum"} <= set(step_definition(4).required_codes)


def test_every_step_has_a_purpose_and_a_required_detail():
    for step in STEPS:
        assert str(step.purpose)
        assert step.required_codes, step.number
