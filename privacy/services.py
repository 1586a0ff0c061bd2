"""Writes for the data subject's rights and the access review (docs/privacy-rights.md). Every write takes
the acting user, runs in a transaction and is audited (django-auditlog, masked free text)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from accounts.models import Organisation
from core.audit import acting_as
from core.errors import DomainError
from core.models import Notification
from core.services import notification_send
from youths.identity import name_key
from youths.models import Youth

from .models import AccessReview, DataSubjectRequest, RequestRouting, add_months

#: AVG art. 12(3): answer within one month of receipt; extendable by two further months with a reason.
ANSWER_MONTHS = 1
EXTENSION_MONTHS = 2


def youth_find(*, first_name: str, last_name: str, date_of_birth: dt.date) -> Youth | None:
    """The youth a request is about, by the identity the requester gives (name and date of birth), the
    way a signal finds its youth (youths.services.youths). None when the platform holds nothing."""
    key = name_key(first_name, last_name)
    return Youth.objects.filter(date_of_birth=date_of_birth, name_key=key).order_by("pk").first()


@transaction.atomic
def request_record(
    *,
    actor: Actor,
    kind: str,
    youth: Youth | None,
    received_on: dt.date,
    requester: str,
    description: str = "",
) -> DataSubjectRequest:
    if kind not in DataSubjectRequest.Kind.values:
        raise DomainError(_("Kies het soort verzoek."), field="kind")
    if received_on > timezone.localdate():
        raise DomainError(_("De ontvangstdatum ligt in de toekomst."), field="received_on")
    if not requester.strip():
        raise DomainError(_("Vul in wie het verzoek doet."), field="requester")
    with acting_as(actor):
        return DataSubjectRequest.objects.create(
            kind=kind,
            youth=youth,
            received_on=received_on,
            requester=requester.strip(),
            description=description.strip(),
            deadline=add_months(received_on, ANSWER_MONTHS),
            created_by=actor,
        )


def _open_or_error(request: DataSubjectRequest, field: str | None = None) -> None:
    if request.status != DataSubjectRequest.Status.OPEN:
        raise DomainError(_("Dit verzoek is al afgehandeld."), field=field)


@transaction.atomic
def request_route(
    *, actor: Actor, request: DataSubjectRequest, organisations: Iterable[Organisation]
) -> list[RequestRouting]:
    """Pass the request to the organisations that hold the data; each gets a notice (without the youth's
    name: the notice is e-mailed) to answer before the deadline."""
    _open_or_error(request, "organisations")
    already = set(request.routings.values_list("organisation_id", flat=True))
    chosen = [o for o in organisations if o.pk not in already]
    if not chosen:
        raise DomainError(
            _("Kies ten minste één organisatie die nog niet is gevraagd."), field="organisations"
        )
    made = []
    with acting_as(actor):
        for organisation in chosen:
            made.append(RequestRouting.objects.create(request=request, organisation=organisation))
            notification_send(
                organisation=organisation,
                kind="privacyverzoek",
                text=_(
                    "Verzoek van een betrokkene (%(kind)s, nummer %(number)s) doorgestuurd door de "
                    "privacyfunctionaris. Stuur uw antwoord vóór %(deadline)s."
                )
                % {
                    "kind": request.get_kind_display(),
                    "number": request.pk,
                    "deadline": request.deadline.strftime("%d-%m-%Y"),
                },
                audience=Notification.Audience.CASE_WORK,
            )
    return made


@transaction.atomic
def request_answer_record(*, actor: Actor, routing: RequestRouting, answer: str) -> RequestRouting:
    """The organisation's answer, as it reached the privacyfunctionaris."""
    _open_or_error(routing.request, "answer")
    if not answer.strip():
        raise DomainError(_("Vul het antwoord van de organisatie in."), field="answer")
    with acting_as(actor):
        routing.answer = answer.strip()
        routing.answered_at = timezone.now()
        routing.answered_by = actor
        routing.save(update_fields=["answer", "answered_at", "answered_by"])
    return routing


@transaction.atomic
def request_extend(*, actor: Actor, request: DataSubjectRequest, reason: str) -> DataSubjectRequest:
    """AVG art. 12(3): the term may be extended once by two months, with the reason told to the requester
    within the first month."""
    _open_or_error(request, "reason")
    if request.extended_at is not None:
        raise DomainError(_("De termijn is al verlengd; dat kan maar één keer."), field="reason")
    if not reason.strip():
        raise DomainError(_("Geef de reden van de verlenging."), field="reason")
    if timezone.localdate() > request.deadline:
        raise DomainError(_("De termijn is al verstreken; verlengen kan alleen binnen de eerste maand."))
    with acting_as(actor):
        request.extension_reason = reason.strip()
        request.extended_at = timezone.now()
        request.deadline = add_months(request.received_on, ANSWER_MONTHS + EXTENSION_MONTHS)
        request.save(update_fields=["extension_reason", "extended_at", "deadline"])
    return request


@transaction.atomic
def request_close(
    *, actor: Actor, request: DataSubjectRequest, outcome: str, note: str
) -> DataSubjectRequest:
    _open_or_error(request, "outcome")
    if outcome not in DataSubjectRequest.Outcome.values:
        raise DomainError(_("Kies de uitkomst."), field="outcome")
    if not note.strip():
        raise DomainError(_("Licht de uitkomst toe: wat is de verzoeker geantwoord?"), field="note")
    with acting_as(actor):
        request.status = DataSubjectRequest.Status.CLOSED
        request.outcome = outcome
        request.outcome_note = note.strip()
        request.closed_at = timezone.now()
        request.closed_by = actor
        request.save(update_fields=["status", "outcome", "outcome_note", "closed_at", "closed_by"])
    return request


@transaction.atomic
def access_review_record(
    *, actor: Actor, year: int, held_on: dt.date, findings: str, actions: str = ""
) -> AccessReview:
    """The yearly access review (BIO 9.2.5) with its outcome."""
    if held_on > timezone.localdate():
        raise DomainError(_("De datum van de review ligt in de toekomst."), field="held_on")
    if not 2000 <= year <= held_on.year:
        raise DomainError(_("Het jaar van de review klopt niet bij de datum."), field="year")
    if not findings.strip():
        raise DomainError(_("Vul de bevindingen in."), field="findings")
    with acting_as(actor):
        return AccessReview.objects.create(
            year=year, held_on=held_on, reviewed_by=actor, findings=findings.strip(), actions=actions.strip()
        )
