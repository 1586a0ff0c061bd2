"""The demo (`manage.py load_demo`): every feature shows, every role's pages render, the monitoring
dashboard opens on a quarter with figures whatever today is, and loading it again changes nothing.

Loading the demo is slow, so this module loads it once (`demo`) and its tests share it."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from cases.models import Action, AgendaItem, Case, Enrolment, FamilyLink, Meeting, YouthGroup
from core.models import Notification
from demo.cases import DEMO_LOCATION
from demo.monitoring import reference_quarter
from monitoring.models import BudgetSpending, Measurement, MeasurementCorrection, Report, ReportingPeriod
from monitoring.periods import QUARTER, Period
from tracks.models import Programme
from youths.models import DuplicateCandidate, Flag, Match, Signal, Youth


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """What `make run` loads: `setup` (the plan, its indicators and the reference lists), then the demo.
    Loaded once for the module in a transaction rolled back after its last test; each test runs (and rolls
    back) in a savepoint inside it."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("setup", "--skip-migrate", stdout=StringIO())
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_shows_every_youths_feature(demo):
    assert Youth.objects.count() >= 5 and Match.objects.count() >= 1 and Flag.objects.count() >= 2
    assert Match.objects.filter(followed_up_at__isnull=False).exists()
    assert Match.objects.filter(followed_up_at__isnull=True).exists()
    assert DuplicateCandidate.objects.exists()
    assert {s.organisation.kind.code for s in Signal.objects.select_related("organisation__kind")} >= {
        "politie",
        "jongerenwerk",
        "halt",
        "school",
        "jeugdbescherming",
        "sociaal-wijkteam",
    }


@pytest.mark.django_db
def test_the_demo_shows_meetings_cases_actions_and_a_group(demo):
    # The monitoring demo adds a year of meetings and cases of its own (demo/monitoring_history.py).
    meeting = Meeting.objects.get(location=DEMO_LOCATION)
    assert meeting.agenda_items.count() >= 2
    assert AgendaItem.objects.filter(decision="casus").exists()
    assert AgendaItem.objects.filter(decision="", legal_basis__isnull=False).exists()  # to decide in the demo
    case = Case.objects.get(status="in_uitvoering", opened_from__meeting=meeting)
    assert case.procesregie_holder.username == "procesregisseur"
    actions = Action.objects.filter(case=case)
    assert any(a.is_overdue for a in actions)
    assert actions.filter(response="geweigerd").exists() and actions.filter(response="onbeantwoord").exists()
    assert Enrolment.objects.filter(case=case, intervention__code="2.1.3").exists()
    assert FamilyLink.objects.filter(case=case, linked_youth__isnull=False).exists()
    assert Notification.objects.filter(kind="gezinsmatch").exists()
    group = YouthGroup.objects.get(name="Groep winkelcentrum Holtenbroek")
    assert group.members.count() >= 2 and group.members.filter(case=case).exists()
    assert group.steps.filter(status="afgerond").count() == 2


@pytest.mark.django_db
def test_the_demo_pages_render_for_every_role(demo, web):
    meeting = Meeting.objects.get(location=DEMO_LOCATION)
    case = Case.objects.get(opened_from__meeting=meeting)
    group = YouthGroup.objects.get(name="Groep winkelcentrum Holtenbroek")
    web.force_login(User.objects.get(username="projectleider"))  # aggregates only (need-to-know)
    assert web.get("/casussen/").status_code == web.get(f"/casussen/{case.pk}/").status_code == 403
    for username in ("procesregisseur", "halt", "wijkteam", "jongerenwerk"):
        web.force_login(User.objects.get(username=username))
        for url in ("/casussen/", "/acties/", "/overleggen/", "/groepen/", f"/casussen/{case.pk}/"):
            assert web.get(url).status_code in (200, 404), (username, url)
        assert web.get(f"/groepen/{group.pk}/").status_code in (200, 404)
        assert web.get(f"/overleggen/{meeting.pk}/").status_code in (200, 404)
    web.force_login(User.objects.get(username="procesregisseur"))
    for url in (f"/groepen/{group.pk}/stappen/3/", f"/overleggen/{meeting.pk}/", f"/casussen/{case.pk}/"):
        assert web.get(url).status_code == 200


@pytest.mark.django_db
def test_the_dashboard_opens_on_a_quarter_with_figures_charts_and_a_report(demo, web):
    reference = reference_quarter(timezone.localdate(), Programme.objects.get())
    web.force_login(User.objects.get(username="projectleider"))
    response = web.get("/monitoring/")
    page = response.content.decode()
    assert response.context["period"] == reference
    assert "de laatste periode met cijfers" not in page
    assert response.context["counts"]["on_track"] > 0 and response.context["counts"]["off_track"] > 0
    assert response.context["budget"].allocated > 0 and response.context["budget"].spent > 0
    # Signals in most of the twelve months the charts show, and flags and matches among them.
    totals = [row["total"] for row in response.context["signal_rows"]]
    assert sum(1 for t in totals if t) >= 9, totals
    assert sum(r["flags"] or 0 for r in response.context["activity_rows"]) > 0
    assert sum(r["matches"] or 0 for r in response.context["activity_rows"]) > 0
    # The quarter before is approved with a correction; both quarters have a report; the last is submitted.
    before = ReportingPeriod.objects.get(kind=QUARTER, start=reference.previous().start)
    last = ReportingPeriod.objects.get(kind=QUARTER, start=reference.start)
    assert (before.status, last.status) == ("approved", "submitted")
    assert MeasurementCorrection.objects.filter(measurement__period=before).exists()
    assert Report.objects.filter(period__in=[before, last], status="ready").count() == 2
    assert response.context["latest_report"].period == last


@pytest.mark.django_db
def test_the_demo_loads_twice_without_change(demo, settings):
    settings.DEBUG = True
    models = (
        Youth,
        Signal,
        Match,
        Flag,
        Meeting,
        Case,
        Action,
        YouthGroup,
        Measurement,
        BudgetSpending,
        Report,
        MeasurementCorrection,
    )
    counts = [m.objects.count() for m in models]
    call_command("load_demo", stdout=StringIO())
    assert [m.objects.count() for m in models] == counts


def test_the_reference_quarter_stays_inside_the_programme():
    programme = Programme(start=Period.parse("2024-Q3").start, end=Period.parse("2027-Q2").end)
    assert reference_quarter(dt.date(2026, 11, 28), programme) == Period.parse("2026-Q3")
    assert reference_quarter(dt.date(2030, 1, 1), programme) == Period.parse("2027-Q2")
    assert reference_quarter(dt.date(2024, 8, 1), programme) == Period.parse("2024-Q3")


@pytest.mark.django_db
def test_the_demo_shows_the_legal_basis_informing_and_special_category_states(demo, web):
    """Issue 10: bases agreed and one in draft, an overdue informing, postponements, a special category."""
    from accounts.models import SharingBasis
    from cases.models import LegalBasis
    from youths.models import CombinationRule, FamilyInforming, SignalCategory
    from youths.selectors import informing_overdue_counts

    assert SharingBasis.objects.filter(agreement_status="akkoord").count() >= 2
    assert SharingBasis.objects.filter(agreement_status="concept", organisations__isnull=False).exists()
    assert not Signal.objects.filter(sharing_basis_text="").exists()  # every demo signal records its basis
    assert {b.agreement_status for b in LegalBasis.objects.all()} == {"akkoord", "concept"}
    assert FamilyInforming.objects.filter(look_again_on__gt=timezone.localdate()).exists()
    assert FamilyInforming.objects.filter(look_again_on__lt=timezone.localdate()).exists()
    assert FamilyInforming.objects.filter(parents_informed_on__isnull=False).exists()
    assert len(informing_overdue_counts()) >= 2  # one never informed, one whose look-again date passed
    assert SignalCategory.objects.exclude(special_category="geen").exists()
    assert CombinationRule.objects.exclude(dpia_reference="").filter(categories__code="lvb").exists()
    procesregisseur = User.objects.get(username="procesregisseur")
    # Named only where the procesregisseur has a need-to-know ground (which youths that is depends on what
    # the other demo tests did to the shared demo, so the rule is checked, not a name).
    from youths.selectors import informing_overdue_for_user, youth_get_for_user

    named = list(informing_overdue_for_user(user=procesregisseur))
    assert named
    assert all(youth_get_for_user(user=procesregisseur, youth_id=i.youth.pk) is not None for i in named)
    web.force_login(procesregisseur)
    assert web.get("/vroegsignalering/informeren/").status_code == 200


def test_the_demo_shows_referrals_in_every_state_a_joined_match_and_flag_priorities(demo):
    from cases.models import Referral

    outcomes = set(Referral.objects.values_list("outcome", flat=True))
    assert outcomes == {"", "agenda", "advies", "andere_route", "niet_opgepakt"}
    assert AgendaItem.objects.filter(referral__isnull=False, decision="").exists()
    assert Referral.objects.filter(outcome="andere_route", route="veilig_thuis").exists()
    assert any(m.participants.count() >= 3 for m in Match.objects.filter(followed_up_at__isnull=True))
    assert len(set(Flag.objects.values_list("rule__priority", flat=True))) >= 2
    assert Notification.objects.filter(kind="aanmelding-beoordeeld", youth_id__isnull=False).exists()


def test_the_demo_shows_the_privacyfunctionaris_a_pending_request_and_last_years_review(demo, web):
    from privacy.models import AccessReview, DataSubjectRequest

    web.force_login(User.objects.get(username="privacyfunctionaris"))
    pending = DataSubjectRequest.objects.get(status="open")
    assert pending.youth is not None and pending.routings.filter(answered_at__isnull=False).exists()
    assert AccessReview.objects.filter(year=timezone.localdate().year - 1).exists()
    for url in ("/privacy/verzoeken/", f"/privacy/verzoeken/{pending.pk}/", "/privacy/toegangsreview/"):
        assert web.get(url).status_code == 200, url
    assert web.get(f"/privacy/jongeren/{pending.youth_id}/inzage.pdf").status_code == 200


@pytest.mark.django_db
def test_the_demo_shows_budget_changes_milestones_and_evidence_status(demo):
    from monitoring.models import BudgetAllocationChange
    from tracks.models import Intervention, Milestone

    assert set(BudgetAllocationChange.objects.values_list("mode", flat=True)) == {"set", "add"}
    assert BudgetAllocationChange.objects.filter(delta__lt=0).exists()
    assert set(Milestone.objects.values_list("status", flat=True)) == {"open", "in_progress", "done"}
    assert Intervention.objects.exclude(evidence_level="not_assessed").exists()
    assert Intervention.objects.filter(evidence_level="not_assessed").exists()
