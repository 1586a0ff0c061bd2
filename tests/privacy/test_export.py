"""The data subject's right of access (issue 10, point 6): everything held about one youth, for the
privacyfunctionaris only, as JSON and PDF, itself logged."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from core.models import ReadLogEntry
from privacy.export import SECTIONS
from privacy.models import DataSubjectRequest

EXPECTED_TEXTS = {
    "jongere": "Sanne",
    "betrokkenheid": "Travers jongerenwerk",
    "signalen": "Dreigende berichten.",
    "matches": "Politie Zwolle",
    "signaleringen": "Signalen van meerdere organisaties",
    "mogelijke_dubbele_registraties": "Sanna de Vries",
    "samenvoegingen": "merged_youth_id",
    "agendapunten": "Verslag: zorgen over schoolverzuim.",
    "casussen": "ZVH inschakelen.",
    "acties": "Normstellend gesprek met Sanne.",
    "aanmeldingen": "Wat kunnen wij nog doen voor Sanne?",
    "informeren_gezin": "Eerst het gesprek met de moeder afwachten.",
    "meldingen": "match",
    "gezinsrelaties": "Fatima",
    "groepslidmaatschappen": "De Hoek",
    "leeslog": "jongere bekeken",
    "verzoeken_van_betrokkene": "Moeder van Sanne",
}


def _request_about(youth, femke):
    from privacy.services import request_record

    return request_record(
        actor=femke,
        kind=DataSubjectRequest.Kind.ACCESS,
        youth=youth,
        received_on=timezone.localdate(),
        requester="Moeder van Sanne",
    )


@pytest.mark.django_db
def test_it_exports_every_kind_of_record_about_the_youth_as_json(api, femke, full_youth):
    _request_about(full_youth, femke)
    response = api(femke).get(f"/api/v1/youths/{full_youth.pk}/export/")
    assert response.status_code == 200
    sections = response.json()["onderdelen"]
    assert set(sections) == set(SECTIONS) == set(EXPECTED_TEXTS)
    for name, text in EXPECTED_TEXTS.items():
        assert sections[name], f"section {name} is empty"
        assert text in json.dumps(sections[name], ensure_ascii=False), f"{text!r} not in section {name}"
    # Every organisation's signals with their texts, not only one organisation's.
    organisations = {s["organisation"]["naam"] for s in sections["signalen"]}
    assert organisations == {"Politie Zwolle", "Travers jongerenwerk", "Sociaal Wijkteam Zwolle"}
    assert "bsn_hash" not in sections["jongere"][0] and "name_key" not in sections["jongere"][0]


@pytest.mark.django_db
def test_the_export_is_itself_logged_and_the_pdf_is_readable(web, api, femke, full_youth, caplog):
    _request_about(full_youth, femke)
    before = ReadLogEntry.objects.filter(user=femke).count()
    web.force_login(femke)
    with caplog.at_level("INFO", logger="pgaanpak.security"):
        response = web.get(f"/privacy/jongeren/{full_youth.pk}/inzage.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    api(femke).get(f"/api/v1/youths/{full_youth.pk}/export/")
    reads = ReadLogEntry.objects.filter(user=femke).order_by("read_at")
    assert reads.count() == before + 2
    assert {r.channel for r in reads} == {"web", "api"} and all("inzage" in r.what for r in reads)
    assert any(getattr(r, "action", "") == "export personal data" for r in caplog.records)


@pytest.mark.django_db
def test_the_export_needs_a_recorded_request_about_the_youth(api, web, femke, full_youth):
    assert api(femke).get(f"/api/v1/youths/{full_youth.pk}/export/").status_code == 404
    web.force_login(femke)
    assert web.get(f"/privacy/jongeren/{full_youth.pk}/inzage.pdf").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["petra", "ruben", "bas", "bert", "hanna"])
def test_no_other_role_may_export(request, api, web, femke, persona, full_youth):
    _request_about(full_youth, femke)
    user = request.getfixturevalue(persona)
    assert api(user).get(f"/api/v1/youths/{full_youth.pk}/export/").status_code == 403
    web.force_login(user)
    assert web.get(f"/privacy/jongeren/{full_youth.pk}/inzage.pdf").status_code == 403
