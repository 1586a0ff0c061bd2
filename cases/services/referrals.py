"""Writes for referrals: a partner asks to discuss a youth; the procesregisseur triages and tells it."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor, has_role_permission
from accounts.models import Organisation
from core.audit import acting_as
from core.errors import DomainError
from core.models import Notification
from core.services import notification_send
from youths.models import Domain, Youth

from ..models import Meeting, Referral
from ..models.referrals import REFERRAL_QUESTION_MAX_LENGTH, REFERRAL_TEXT_MAX_LENGTH
from .core import text_optional, text_required
from .meetings import agenda_item_add

ADD_REFERRAL = "cases.add_referral"
TRIAGE_REFERRAL = "cases.triage_referral"


def _triaging_organisations() -> list[Organisation]:
    """The organisations of the active users whose role may triage referrals (the procesregisseurs)."""
    permission = Permission.objects.filter(content_type__app_label="cases", codename="triage_referral")
    return list(
        Organisation.objects.filter(
            Q(users__groups__permissions__in=permission) | Q(users__user_permissions__in=permission),
            users__is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def referral_submit(
    *, actor: Actor, youth: Youth, question: str, domains: Iterable[str] = (), tried: str = ""
) -> Referral:
    """A partner asks the procesregisseur to discuss a youth (the caller got `youth` from the gateway:
    only a youth the partner's organisation may read). The procesregisseurs are told in the platform."""
    if actor.organisation_id is None or not has_role_permission(actor, ADD_REFERRAL):
        raise DomainError(_("Alleen een netwerkpartner kan een jongere aanmelden voor bespreking."))
    question = text_required(
        question,
        field="question",
        message=_("Beschrijf uw vraag of zorg over de jongere."),
        max_length=REFERRAL_QUESTION_MAX_LENGTH,
    )
    chosen = list(dict.fromkeys(domains))
    unknown = [d for d in chosen if d not in Domain.values]
    if unknown:
        raise DomainError(_("Kies leefgebieden uit: thuis, straat, school, online."), field="domains")
    tried = text_optional(tried, field="tried", max_length=REFERRAL_TEXT_MAX_LENGTH)
    with acting_as(actor):
        referral = Referral.objects.create(
            youth=youth,
            organisation_id=actor.organisation_id,
            requested_by=actor,
            question=question,
            domains=[d for d in Domain.values if d in chosen],
            tried=tried,
        )
    link = reverse("cases:referral", args=[referral.pk])
    for organisation in _triaging_organisations():
        notification_send(
            organisation=organisation,
            kind="aanmelding",
            audience=Notification.Audience.CASE_WORK,
            text=_("Nieuwe aanmelding van %(org)s: verzoek om %(youth)s te bespreken.")
            % {"org": actor.organisation, "youth": youth.full_name},
            link=link,
            youth_id=youth.pk,
            youth_name=youth.full_name,
        )
    return referral


def _outcome_text(referral: Referral) -> str:
    if referral.outcome == Referral.Outcome.AGENDA:
        item = referral.agenda_items.select_related("meeting").order_by("-pk").first()
        return _("Uw aanmelding staat op de agenda van %(meeting)s.") % {
            "meeting": item.meeting if item else "-"
        }
    if referral.outcome == Referral.Outcome.ADVICE:
        return _("Advies: %(text)s") % {"text": referral.outcome_text}
    if referral.outcome == Referral.Outcome.OTHER_ROUTE:
        route = referral.get_route_display()
        if referral.outcome_text:
            route = f"{route} ({referral.outcome_text})"
        return _("Uw aanmelding is doorgezet naar: %(route)s.") % {"route": route}
    return _("Uw aanmelding is niet opgepakt. Reden: %(text)s") % {"text": referral.outcome_text}


@transaction.atomic
def referral_triage(
    *,
    actor: Actor,
    referral: Referral,
    outcome: str,
    text: str = "",
    route: str = "",
    meeting: Meeting | None = None,
) -> Referral:
    """The procesregisseur decides what happens with a referral, and the referring organisation is told.

    - op de agenda: `meeting` is required (a meeting that has not been held yet); an agenda item is made;
    - advies gegeven: `text` (the advice) is required;
    - andere route: `route` is required; for "anders" `text` names the route;
    - niet opgepakt: `text` (the reason) is required.
    A referral is triaged once.
    """
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("youth", "organisation")
        .get(pk=referral.pk)
    )
    if not has_role_permission(actor, TRIAGE_REFERRAL):
        raise DomainError(_("U mag aanmeldingen niet beoordelen."))
    if not referral.is_open:
        raise DomainError(_("Deze aanmelding is al beoordeeld."), field="outcome")
    if outcome not in Referral.Outcome.values:
        raise DomainError(_("Kies wat er met de aanmelding gebeurt."), field="outcome")
    text = text_optional(text, field="text", max_length=REFERRAL_TEXT_MAX_LENGTH)
    if outcome == Referral.Outcome.AGENDA:
        if meeting is None:
            raise DomainError(_("Kies het overleg waarop de aanmelding komt."), field="meeting")
        if timezone.localtime(meeting.starts_at).date() < timezone.localdate():
            raise DomainError(_("Dit overleg is al geweest; kies een komend overleg."), field="meeting")
        route = ""
    elif outcome == Referral.Outcome.ADVICE:
        if not text:
            raise DomainError(_("Schrijf het advies op."), field="text")
        route = ""
    elif outcome == Referral.Outcome.OTHER_ROUTE:
        if route not in Referral.Route.values:
            raise DomainError(_("Kies naar welke route de aanmelding gaat."), field="route")
        if route == Referral.Route.OTHER and not text:
            raise DomainError(_("Noem de andere route."), field="text")
    else:
        if not text:
            raise DomainError(_("Geef de reden waarom de aanmelding niet wordt opgepakt."), field="text")
        route = ""
    with acting_as(actor):
        referral.outcome, referral.route, referral.outcome_text = outcome, route, text
        referral.triaged_at, referral.triaged_by = timezone.now(), actor
        referral.save(update_fields=["outcome", "route", "outcome_text", "triaged_at", "triaged_by"])
        if outcome == Referral.Outcome.AGENDA:
            assert meeting is not None  # noqa: S101 - checked above
            agenda_item_add(actor=actor, meeting=meeting, referral=referral)
    notification_send(
        organisation=referral.organisation,
        kind="aanmelding-beoordeeld",
        audience=Notification.Audience.CASE_WORK,
        text=_("Aanmelding over %(youth)s beoordeeld. %(outcome)s")
        % {"youth": referral.youth.full_name, "outcome": _outcome_text(referral)},
        link=reverse("cases:referral", args=[referral.pk]),
        youth_id=referral.youth_id,
        youth_name=referral.youth.full_name,
    )
    return referral
