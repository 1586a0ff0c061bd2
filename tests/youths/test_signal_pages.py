import datetime as dt
import re

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from tests.factories import signal_logged
from youths.models import Signal, SignalCategory, Youth


def _form(**overrides):
    data = {
        "first_name": "Noah",
        "last_name": "de Graaf",
        "date_of_birth": "2009-03-14",
        "category": SignalCategory.objects.get(code="wapens").pk,
        "domain": "street",
        "observed_on": timezone.localdate().isoformat(),
        "description": "Liet in de bus een mes zien aan andere jongeren.",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_partner_logs_a_signal_with_the_short_form_and_lands_on_the_youth(web, bas, reference_lists):
    web.force_login(bas)
    page = web.get("/signalen/melden/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="viewport"' in html and 'type="date"' in html and "Signaal vastleggen" in html
    response = web.post("/signalen/melden/", _form())
    youth = Youth.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jongeren/{youth.pk}/"
    signal = Signal.objects.get()
    assert (signal.organisation, signal.reported_by, signal.category.code) == (
        bas.organisation,
        bas,
        "wapens",
    )
    assert "Het signaal is vastgelegd." in web.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_logging_from_the_youth_page_needs_no_identity_and_refuses_youths_out_of_reach(
    web, bas, daan, reference_lists
):
    youth = signal_logged(bas).youth
    web.force_login(bas)
    response = web.post(
        "/signalen/melden/",
        {
            k: v
            for k, v in _form(jongere=youth.pk).items()
            if k not in ("first_name", "last_name", "date_of_birth")
        },
    )
    assert response.status_code == 302
    assert youth.signals.count() == 2
    web.force_login(daan)
    assert web.get(f"/signalen/melden/?jongere={youth.pk}").status_code == 404
    assert web.post("/signalen/melden/", _form(jongere=youth.pk)).status_code == 404
    assert youth.signals.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": ""}, "description", "Beschrijf kort en feitelijk wat u hebt gezien of gehoord."),
        ({"description": "x" * 1001}, "description", "Maximaal 1000 tekens"),
        ({"observed_on": "2999-01-01"}, "observed_on", "Deze datum ligt in de toekomst."),
        ({"observed_on": "2001-01-01"}, "observed_on", "De datum van waarnemen ligt vóór de geboortedatum."),
        ({"domain": "tuin"}, "domain", "Kies waar het speelde"),
        ({"category": "99999"}, "category", "Kies een categorie uit de lijst."),
        ({"first_name": ""}, "first_name", "Vul de voornaam in."),
        ({"date_of_birth": "morgen"}, "date_of_birth", "Vul een geldige datum in."),
        ({"bsn": "123456789"}, "bsn", "Dit is geen geldig BSN"),
    ],
)
def test_bad_input_is_answered_in_dutch_at_the_field_and_nothing_is_saved(
    web, bas, reference_lists, overrides, field, message
):
    web.force_login(bas)
    response = web.post("/signalen/melden/", _form(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    # The input (for the radio group: its fieldset) points at the message with aria-describedby.
    described = re.search(
        rf'aria-describedby="([^"]*)"[^>]*(?:name="{field}"|id="id_{field}")', html
    ) or re.search(rf'<fieldset[^>]*aria-describedby="([^"]*id_{field}_error[^"]*)"', html)
    assert described and f"id_{field}_error" in described.group(1), field
    assert Youth.objects.count() == 0 and Signal.objects.count() == 0


@pytest.mark.django_db
def test_a_partner_corrects_its_own_signal_with_an_audit_record(web, bas, reference_lists):
    signal = signal_logged(bas)
    web.force_login(bas)
    assert web.get(f"/signalen/{signal.pk}/corrigeren/").status_code == 200
    response = web.post(
        f"/signalen/{signal.pk}/corrigeren/",
        {
            "category": SignalCategory.objects.get(code="drugs").pk,
            "domain": "street",
            "observed_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "description": "Verkocht iets bij het station (gecorrigeerd).",
        },
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.category.code == "drugs" and signal.corrected_at is not None
    entry = LogEntry.objects.get_for_object(signal).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == bas and "description" in entry.changes_dict


@pytest.mark.django_db
def test_a_partner_cannot_correct_or_withdraw_another_organisations_signal(web, bas, chaima, reference_lists):
    signal = signal_logged(bas)
    signal_logged(chaima, signal.youth)
    web.force_login(chaima)
    assert web.get(f"/signalen/{signal.pk}/corrigeren/").status_code == 404
    assert web.post(f"/signalen/{signal.pk}/intrekken/", {"reason": "Nee"}).status_code == 404
    signal.refresh_from_db()
    assert signal.withdrawn_at is None


@pytest.mark.django_db
def test_withdrawing_the_last_signal_ends_access_and_keeps_an_audit_record(web, bas, reference_lists):
    signal = signal_logged(bas)
    web.force_login(bas)
    response = web.post(f"/signalen/{signal.pk}/intrekken/", {"reason": "Verkeerde jongere ingevuld."})
    assert response.status_code == 302 and response["Location"] == "/jongeren/"
    signal.refresh_from_db()
    assert signal.withdrawn_by == bas and signal.withdrawal_reason == "Verkeerde jongere ingevuld."
    assert web.get(f"/jongeren/{signal.youth_id}/").status_code == 404
    assert LogEntry.objects.get_for_object(signal).filter(action=LogEntry.Action.UPDATE, actor=bas).exists()


@pytest.mark.django_db
def test_a_withdrawn_signal_is_hidden_from_other_organisations_and_stops_counting(
    web, bas, chaima, reference_lists
):
    own = signal_logged(bas, description="Eerste melding politie.")
    signal_logged(chaima, own.youth)
    web.force_login(bas)
    web.post(f"/signalen/{own.pk}/intrekken/", {"reason": "Dubbel gemeld."})
    web.force_login(chaima)
    html = web.get(f"/jongeren/{own.youth_id}/").content.decode()
    assert bas.organisation.name not in html.split('id="signalen"')[1]


@pytest.mark.django_db
def test_the_intervention_of_the_plan_can_be_linked(web, bas, reference_lists, plan):
    from tracks.models import Intervention

    web.force_login(bas)
    halt = Intervention.objects.get(code="2.1.3")
    assert web.post("/signalen/melden/", _form(intervention=halt.pk)).status_code == 302
    assert Signal.objects.get().intervention == halt
