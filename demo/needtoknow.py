"""Demo states of need-to-know and the data subject's rights (issue 10): the privacyfunctionaris, a
pending request for access (routed, one answer in), and an access review recorded last year.
Idempotent: loading the demo again changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.services import user_create
from privacy.models import AccessReview, DataSubjectRequest
from privacy.selectors import organisations_holding
from privacy.services import access_review_record, request_answer_record, request_record, request_route
from youths.models import Youth

from .accounts import DEMO_PASSWORD

REQUESTER = "Moeder van de jongere, per brief (demo)"


@transaction.atomic
def demo_needtoknow_load() -> dict[str, Any]:
    officer = User.objects.filter(username="privacyfunctionaris").first()
    if officer is None:
        officer = user_create(
            actor=None,
            username="privacyfunctionaris",
            role="privacyfunctionaris",
            organisation=Organisation.objects.get(name="Gemeente Zwolle, afdeling Veiligheid"),
            password=DEMO_PASSWORD,
            first_name="Femke",
            last_name="Fokkema",
            email="privacyfunctionaris@demo.example",
            demo_account=True,
        )
    today = timezone.localdate()
    youth = Youth.objects.filter(involvements__isnull=False).order_by("pk").distinct().first()
    if youth is not None and not DataSubjectRequest.objects.filter(requester=REQUESTER).exists():
        pending = request_record(
            actor=officer,
            kind=DataSubjectRequest.Kind.ACCESS,
            youth=youth,
            received_on=today - dt.timedelta(days=10),
            requester=REQUESTER,
            description="Wil weten welke organisaties wat over haar zoon hebben vastgelegd.",
        )
        holders = list(organisations_holding(youth=youth))
        if holders:
            routings = request_route(actor=officer, request=pending, organisations=holders)
            request_answer_record(
                actor=officer, routing=routings[0], answer="Twee signalen en een match; overzicht bijgevoegd."
            )
    last_year = today.year - 1
    if not AccessReview.objects.filter(year=last_year).exists():
        access_review_record(
            actor=officer,
            year=last_year,
            held_on=dt.date(last_year, 11, 15),
            findings="Twee accounts van partners zonder login in het afgelopen halfjaar; de rollen passen.",
            actions="Beheerder heeft beide accounts op niet actief gezet (ticket 2041).",
        )
    return {"user": officer}
