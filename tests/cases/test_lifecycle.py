"""The case status machine, pair by pair (pure: no database)."""

import itertools

import pytest

from cases.lifecycle import OPEN_STATUSES, CaseStatus, allowed_targets, transition_check
from core.errors import DomainError

S = CaseStatus
VALID = {
    (S.AANGEMELD, S.IN_ONDERZOEK),
    (S.IN_ONDERZOEK, S.PLAN_VAN_AANPAK),
    (S.PLAN_VAN_AANPAK, S.IN_ONDERZOEK),
    (S.PLAN_VAN_AANPAK, S.IN_UITVOERING),
    (S.IN_UITVOERING, S.PLAN_VAN_AANPAK),
    (S.IN_UITVOERING, S.AFGESCHAALD),
    (S.AFGESCHAALD, S.IN_UITVOERING),
    *((s, S.GESLOTEN) for s in OPEN_STATUSES),
    # Aftercare (issue 11): a case with a plan ends in nazorg, then closes or scales up again.
    (S.PLAN_VAN_AANPAK, S.NAZORG),
    (S.IN_UITVOERING, S.NAZORG),
    (S.AFGESCHAALD, S.NAZORG),
    (S.NAZORG, S.IN_UITVOERING),
}


@pytest.mark.parametrize(("source", "target"), sorted(VALID))
def test_it_allows_each_transition_of_the_table(source, target):
    assert transition_check(source=source, target=target).target == target


@pytest.mark.parametrize(("source", "target"), sorted(set(itertools.product(S, S)) - VALID))
def test_it_refuses_every_other_pair_with_a_message_that_says_what_is_possible(source, target):
    with pytest.raises(DomainError) as error:
        transition_check(source=source, target=target)
    assert error.value.field == "to"
    assert error.value.code == "invalid_transition"
    assert f"'{S(source).label.lower()}'" in error.value.message


def test_the_main_line_runs_from_aangemeld_to_gesloten():
    line = [S.AANGEMELD, S.IN_ONDERZOEK, S.PLAN_VAN_AANPAK, S.IN_UITVOERING, S.AFGESCHAALD, S.GESLOTEN]
    for source, target in itertools.pairwise(line):
        assert target in allowed_targets(source)


def test_skipping_a_step_names_the_allowed_next_steps():
    with pytest.raises(DomainError) as error:
        transition_check(source=S.AANGEMELD, target=S.IN_UITVOERING)
    assert error.value.message == (
        "Een casus met status 'aangemeld' kan niet naar 'in uitvoering'. "
        "Mogelijk is: 'in onderzoek', 'gesloten'."
    )


def test_a_closed_case_is_final():
    assert allowed_targets(S.GESLOTEN) == []
    with pytest.raises(DomainError, match="kan niet meer van status veranderen"):
        transition_check(source=S.GESLOTEN, target=S.IN_UITVOERING)


def test_an_unknown_status_is_refused_with_the_choices():
    with pytest.raises(DomainError, match="Onbekende status afgerond") as error:
        transition_check(source=S.AANGEMELD, target="afgerond")
    assert error.value.code == "unknown_status"
