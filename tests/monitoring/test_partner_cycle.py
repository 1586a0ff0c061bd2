"""Partners in the PDCA cycle (issue 12): the plan's partners are platform organisations, a partner
enters and submits the figures it delivers, a projectleider who did not enter a value approves it,
partners propose for check and act, and a reporting rate per partner and period."""

import pytest

from accounts.models import Organisation
from core.errors import DomainError
from monitoring.models import Measurement, PdcaProposal
from monitoring.periods import Period
from monitoring.selectors import partner_interventions, reporting_rates
from monitoring.services.measurements import measurement_approve, measurement_enter, measurement_submit
from monitoring.services.pdca import pdca_proposal_add, pdca_proposal_decide, pdca_save
from tests.factories import UserFactory
from tracks.models import Track, TrackPartner
from tracks.services import track_partners_link

from .conftest import at, indicator

pytestmark = pytest.mark.django_db
Q1 = Period.parse("2025-Q1")


@pytest.fixture
def linked(indicators, petra, bas, chaima, daan):
    """The plan's partners linked to the test organisations; Halt delivers 2.1.3's participants and
    Travers 2.1.1's."""
    track_partners_link(actor=None)
    for code, organisation in (
        ("2.1.3-deelnemers", daan.organisation),
        ("2.1.1-deelnemers", chaima.organisation),
    ):
        i = indicator(code)
        i.reporting_organisation = organisation
        i.save(update_fields=["reporting_organisation"])


@pytest.fixture
def pieter(petra):
    """A second projectleider."""
    return UserFactory(username="pieter", role="projectleider", organisation=petra.organisation)


def test_the_plan_partners_are_linked_to_the_platform_organisations_by_name(linked, bas, daan):
    politie = TrackPartner.objects.filter(name="Politie").select_related("organisation")
    assert {p.organisation for p in politie} == {bas.organisation}
    assert TrackPartner.objects.get(name="Halt.", track__code="2").organisation == daan.organisation
    # A partner the platform does not know stays unlinked.
    assert TrackPartner.objects.get(name="Hogeschool Saxion").organisation is None
    assert track_partners_link(actor=None) == 0  # idempotent


def test_a_partner_sees_the_interventions_of_its_tracks_only(linked, daan, bas):
    halt_codes = set(
        partner_interventions(organisation_id=daan.organisation_id).values_list("code", flat=True)
    )
    assert "2.1.3" in halt_codes
    assert "1.1.1" not in halt_codes  # Halt is not a partner of track 1
    assert "1.1.1" in set(
        partner_interventions(organisation_id=bas.organisation_id).values_list("code", flat=True)
    )
    assert not partner_interventions(organisation_id=None).exists()


def test_a_partner_enters_only_the_figures_its_organisation_delivers(linked, daan, bas):
    m = measurement_enter(
        actor=daan, indicator=indicator("2.1.3-deelnemers"), period=Q1, numerator=7, source="Halt-registratie"
    )
    assert m.entered_by == daan and m.review_state == "entered" and m.computed_at is not None
    with pytest.raises(DomainError) as refused:
        measurement_enter(
            actor=bas, indicator=indicator("2.1.3-deelnemers"), period=Q1, numerator=9, source="Politie"
        )
    assert refused.value.code == "forbidden"


def test_the_partner_enters_and_the_projectleider_approves(linked, daan, petra):
    m = measurement_enter(
        actor=daan, indicator=indicator("2.1.3-deelnemers"), period=Q1, numerator=7, source="Halt-registratie"
    )
    with pytest.raises(DomainError) as not_yet:
        measurement_approve(actor=petra, measurement=m)
    assert not_yet.value.code == "not_submitted"
    m = measurement_submit(actor=daan, measurement=m)
    assert m.review_state == "submitted"
    with pytest.raises(DomainError) as partner:
        measurement_approve(actor=daan, measurement=m)
    assert partner.value.code == "forbidden"
    m = measurement_approve(actor=petra, measurement=m)
    assert m.review_state == "approved" and m.approved_by == petra


def test_the_person_who_entered_a_value_never_approves_it(linked, petra, pieter):
    m = measurement_enter(
        actor=petra, indicator=indicator("2.1.2-deelnemers"), period=Q1, numerator=4, source="Politie"
    )
    measurement_submit(actor=petra, measurement=m)
    with pytest.raises(DomainError) as own:
        measurement_approve(actor=petra, measurement=m)
    assert own.value.code == "four_eyes"
    assert "andere projectleider" in own.value.message
    assert measurement_approve(actor=pieter, measurement=m).approved_by == pieter


def test_a_changed_value_is_reviewed_again(linked, daan, petra):
    m = measurement_enter(
        actor=daan, indicator=indicator("2.1.3-deelnemers"), period=Q1, numerator=7, source="Halt-registratie"
    )
    measurement_approve(actor=petra, measurement=measurement_submit(actor=daan, measurement=m))
    m = measurement_enter(
        actor=daan, indicator=indicator("2.1.3-deelnemers"), period=Q1, numerator=8, source="Halt-registratie"
    )
    assert m.review_state == "entered" and m.approved_by is None


def test_the_reporting_rate_counts_submitted_and_on_time_figures(linked, daan, chaima):
    on_time = measurement_submit(
        actor=daan,
        measurement=measurement_enter(
            actor=daan, indicator=indicator("2.1.3-deelnemers"), period=Q1, numerator=7, source="Halt"
        ),
    )
    late = measurement_submit(
        actor=chaima,
        measurement=measurement_enter(
            actor=chaima, indicator=indicator("2.1.1-deelnemers"), period=Q1, numerator=20, source="Travers"
        ),
    )
    # Q1 ends 31 March; the deadline is ten days later.
    Measurement.objects.filter(pk=on_time.pk).update(submitted_at=at("2025-04-05"))
    Measurement.objects.filter(pk=late.pk).update(submitted_at=at("2025-05-01"))
    rates = {r.organisation.name: r for r in reporting_rates(period=Q1)}
    assert (rates["Halt Oost-Nederland"].submitted, rates["Halt Oost-Nederland"].on_time) == (1, 1)
    travers = rates["Travers jongerenwerk"]
    assert (travers.expected, travers.submitted, travers.on_time) == (1, 1, 0)
    assert travers.summary == "1 van 1 cijfers ingediend, 0 op tijd"
    assert (
        reporting_rates(period=Period.parse("2025-Q2"), organisation_id=daan.organisation_id)[0].missing == 1
    )


def test_partners_propose_for_check_and_act_and_the_projectleider_decides(linked, petra, daan, bas):
    track = Track.objects.get(code="2")
    cycle = pdca_save(actor=petra, track=track, period=Q1, owner=petra, status="check", plan="Doelen")
    proposal = pdca_proposal_add(actor=daan, cycle=cycle, step="act", text="Meer voorlichting op het Deltion")
    assert proposal.organisation == daan.organisation
    other = pdca_save(actor=petra, track=Track.objects.get(code="1"), period=Q1, owner=petra, status="check")
    with pytest.raises(DomainError):  # Halt is no partner of track 1
        pdca_proposal_add(actor=daan, cycle=other, step="check", text="Iets")
    with pytest.raises(DomainError):  # a partner does not decide
        pdca_proposal_decide(actor=bas, proposal=proposal, decision="adopted")
    with pytest.raises(DomainError):  # declining says why
        pdca_proposal_decide(actor=petra, proposal=proposal, decision="declined")
    decided = pdca_proposal_decide(actor=petra, proposal=proposal, decision="adopted", note="In Q2")
    assert decided.decision == PdcaProposal.Decision.ADOPTED and decided.decided_by == petra


def test_an_unlinked_organisation_has_no_partner_monitoring(indicators, bas):
    assert not Organisation.objects.filter(plan_partnerships__isnull=False).exists()
    assert not partner_interventions(organisation_id=bas.organisation_id).exists()
