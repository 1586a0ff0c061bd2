"""Issue 10.4: informing the family (AVG art. 13/14) per youth and organisation; what is overdue."""

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import DomainError
from core.models import ReadLogEntry
from tests.factories import signal_logged
from youths.models import FamilyInforming, Signal
from youths.services.informing import family_informing_record


def _ground(procesregisseur, youth):
    """A need-to-know ground for the procesregisseur: a case for the youth."""
    from cases.services.core import case_open

    case_open(actor=procesregisseur, youth=youth, procesregie_holder=procesregisseur)


def _age_first_signal(youth, organisation, days):
    """Move an organisation's signals about a youth `days` into the past (the clock, not the data)."""
    Signal.objects.filter(youth=youth, organisation=organisation).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )


@pytest.mark.django_db
def test_a_partner_records_on_the_youth_page_that_the_parents_were_informed(web, bas, shared_youth):
    web.force_login(bas)
    page = web.get(f"/jongeren/{shared_youth.pk}/").content.decode()
    assert "Gezin geïnformeerd (uw organisatie)" in page and "Nog niet vastgelegd." in page
    informed_on = timezone.localdate() - dt.timedelta(days=2)
    response = web.post(
        f"/jongeren/{shared_youth.pk}/informeren/",
        {"parents_informed_on": informed_on.isoformat()},
        follow=True,
    )
    assert "Vastgelegd of en wanneer het gezin is geïnformeerd." in response.content.decode()
    record = FamilyInforming.objects.get(youth=shared_youth, organisation=bas.organisation)
    assert record.parents_informed_on == informed_on and record.youth_informed_on is None
    assert record.updated_by == bas


@pytest.mark.django_db
def test_an_empty_informing_is_refused_in_dutch_and_nothing_is_saved(web, bas, shared_youth):
    web.force_login(bas)
    response = web.post(f"/jongeren/{shared_youth.pk}/informeren/", {}, follow=True)
    assert "waarom u het uitstelt" in response.content.decode()
    assert not FamilyInforming.objects.exists()


@pytest.mark.django_db
def test_a_postponement_needs_a_reason_and_a_future_date_to_look_again(bas, shared_youth):
    with pytest.raises(DomainError, match="reden"):
        family_informing_record(actor=bas, youth=shared_youth, look_again_on=timezone.localdate())
    with pytest.raises(DomainError, match="in de toekomst"):
        family_informing_record(
            actor=bas, youth=shared_youth, postpone_reason="Gevaar thuis", look_again_on=timezone.localdate()
        )
    record = family_informing_record(
        actor=bas,
        youth=shared_youth,
        postpone_reason="Informeren brengt de jongere thuis in gevaar.",
        look_again_on=timezone.localdate() + dt.timedelta(days=30),
    )
    assert not record.is_informed and record.look_again_on is not None
    # Informing later ends the postponement.
    record = family_informing_record(actor=bas, youth=shared_youth, youth_informed_on=timezone.localdate())
    assert record.is_informed and record.postpone_reason == "" and record.look_again_on is None
    assert FamilyInforming.objects.count() == 1


@pytest.mark.django_db
def test_an_organisation_not_involved_cannot_record_informing(daan, shared_youth, web):
    with pytest.raises(DomainError, match="betrokken"):
        family_informing_record(actor=daan, youth=shared_youth, youth_informed_on=timezone.localdate())
    web.force_login(daan)
    assert web.post(f"/jongeren/{shared_youth.pk}/informeren/", {}).status_code == 404


@pytest.mark.django_db
def test_the_api_reads_and_records_the_own_organisations_informing(api, bas, chaima, shared_youth):
    url = f"/api/v1/youths/{shared_youth.pk}/informing/"
    empty = api(bas).get(url).json()
    assert empty["informed"] is False and empty["updated_at"] is None
    today = timezone.localdate().isoformat()
    saved = api(bas).put(url, {"youth_informed_on": today}, format="json")
    assert saved.status_code == 200 and saved.json()["informed"] is True
    assert api(bas).get(url).json()["youth_informed_on"] == today
    # Another organisation sees its own record, not the police's.
    assert api(chaima).get(url).json()["informed"] is False
    refused = api(chaima).put(url, {"postpone_reason": "Nog niet"}, format="json")
    assert refused.status_code == 400 and "opnieuw bekijkt" in refused.json()["detail"]
    assert ReadLogEntry.objects.filter(subject_id=shared_youth.pk, what="informeren gezin").exists()


@pytest.mark.django_db
def test_overdue_lists_an_organisation_not_informed_after_the_period_and_a_passed_look_again_date(
    settings, web, ruben, bas, chaima, daan, shared_youth, halt_youth
):
    settings.FAMILY_INFORMING_DAYS = 30
    # Politie: first signal 30 days ago, nothing recorded: overdue. Jongerenwerk: 29 days: not yet.
    _age_first_signal(shared_youth, bas.organisation, 30)
    _age_first_signal(shared_youth, chaima.organisation, 29)
    # Halt postponed, and the date to look again has passed (set directly: the service wants a future one).
    _age_first_signal(halt_youth, daan.organisation, 5)
    FamilyInforming.objects.create(
        youth=halt_youth,
        organisation=daan.organisation,
        postpone_reason="Lopend onderzoek.",
        look_again_on=timezone.localdate() - dt.timedelta(days=1),
        updated_by=daan,
    )
    # The procesregisseur names a youth only with a need-to-know ground: here, a case for each.
    _ground(ruben, shared_youth)
    _ground(ruben, halt_youth)
    web.force_login(ruben)
    html = web.get("/vroegsignalering/informeren/").content.decode()
    assert bas.organisation.name in html and daan.organisation.name in html
    assert chaima.organisation.name not in html
    assert "opnieuw bekijken op" in html and "niet geïnformeerd sinds het eerste signaal" in html

    # Informing clears it.
    family_informing_record(actor=bas, youth=shared_youth, parents_informed_on=timezone.localdate())
    html = web.get("/vroegsignalering/informeren/").content.decode()
    assert bas.organisation.name not in html


@pytest.mark.django_db
def test_a_postponement_with_a_future_look_again_date_is_not_overdue(settings, bas, shared_youth):
    from youths.selectors import informing_overdue_counts

    _age_first_signal(shared_youth, bas.organisation, 90)
    assert [r["organisation__name"] for r in informing_overdue_counts()] == [bas.organisation.name]
    family_informing_record(
        actor=bas,
        youth=shared_youth,
        postpone_reason="Eerst met de jeugdbeschermer overleggen.",
        look_again_on=timezone.localdate() + dt.timedelta(days=14),
    )
    assert informing_overdue_counts() == []


@pytest.mark.django_db
def test_the_overdue_list_names_only_youths_the_reader_may_read_and_counts_the_others(
    ruben, bas, reference_lists
):
    """The youth gateway decides which youths are named (the need-to-know rules narrow it); counts are
    per organisation and hold no personal data."""
    from youths.selectors import informing_overdue_counts, informing_overdue_for_user

    youth = signal_logged(bas, first_name="Rik", last_name="Smit").youth
    _age_first_signal(youth, bas.organisation, 40)
    assert informing_overdue_counts()[0]["overdue"] == 1
    # Without a need-to-know ground the procesregisseur sees the count only, not the youth.
    assert list(informing_overdue_for_user(user=ruben)) == []
    _ground(ruben, youth)
    assert [i.youth for i in informing_overdue_for_user(user=ruben)] == [youth]
    outsider = signal_logged(bas, first_name="Eva", last_name="Kok").youth
    _age_first_signal(outsider, bas.organisation, 40)
    assert [i.youth for i in informing_overdue_for_user(user=ruben)] == [youth]
    # A partner of another organisation reaches neither youth: nothing named.
    from tests.factories import UserFactory

    other = UserFactory(role="partner")
    assert list(informing_overdue_for_user(user=other)) == []
    assert informing_overdue_counts()[0]["overdue"] == 2


@pytest.mark.django_db
def test_the_overdue_page_is_the_procesregisseurs_not_a_partners(web, bas, ruben, reference_lists):
    web.force_login(bas)
    assert web.get("/vroegsignalering/informeren/").status_code == 403
    web.force_login(ruben)
    assert web.get("/vroegsignalering/informeren/").status_code == 200


@pytest.mark.django_db
def test_the_overdue_page_needs_a_fixed_number_of_queries(web, ruben, bas, chaima, reference_lists):
    from tests.querycount import assert_queries_flat

    def overdue_youth(user, first_name):
        youth = signal_logged(user, first_name=first_name, last_name="Overdue").youth
        _age_first_signal(youth, user.organisation, 40)
        _ground(ruben, youth)

    overdue_youth(bas, "Anna")

    def grow():
        for n, user in enumerate((bas, chaima, bas)):
            overdue_youth(user, f"Extra{n}")

    web.force_login(ruben)
    assert_queries_flat(
        {"/vroegsignalering/informeren/": lambda: web.get("/vroegsignalering/informeren/")}, grow=grow
    )


@pytest.mark.django_db
def test_informing_is_in_the_change_log_without_the_reason_text(bas, shared_youth):
    from auditlog.models import LogEntry

    record = family_informing_record(
        actor=bas,
        youth=shared_youth,
        postpone_reason="Informeren brengt de jongere in gevaar.",
        look_again_on=timezone.localdate() + dt.timedelta(days=10),
    )
    entry = LogEntry.objects.get_for_object(record).get()
    assert entry.actor == bas
    assert "gevaar" not in str(entry.changes)
