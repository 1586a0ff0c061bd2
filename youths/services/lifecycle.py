"""A signal's life cycle, after the Verwijsindex (Jeugdwet art. 7.1.4.5; docs/signals.md, "Levenscyclus").

- **active**: the organisation works with the youth.
- **closed**: the organisation's involvement through the signal ended, with a reason — by the
  organisation itself (`signal_close`, `involvement_close`) or automatically after
  INVOLVEMENT_INACTIVE_CLOSE_DAYS without activity, announced INVOLVEMENT_INACTIVE_NOTICE_DAYS before
  (`involvements_inactive_process`, nightly). A closed signal still counts in monitoring and stays in its
  own organisation's list, marked closed. Closing the organisation's last reason ends its involvement and
  with it its access to the youth (the object grant), as withdrawal does.
- **expired**: SIGNAL_CLOSED_VISIBLE_DAYS after closing (pgaanpak.retention): visible to nobody, still
  counted; removed by retention at most SIGNAL_RETENTION_DAYS after the last activity.
- **withdrawn** (`signals.signal_withdraw`): only for a signal logged in error; it leaves every count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from core.audit import acting_as
from core.errors import DomainError
from core.models import Notification
from core.services import notification_send

from ..models import Involvement, InvolvementReason, Signal, Youth
from .involvement import involvement_end

REASON_MAX_LENGTH = 300


def _reason_validated(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise DomainError(
            _("Geef kort aan waarom de betrokkenheid van uw organisatie is beëindigd."), field="reason"
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(
            _("De reden is te lang: maximaal %(max)d tekens.") % {"max": REASON_MAX_LENGTH}, field="reason"
        )
    return reason


def _close(*, actor: Actor | None, signal: Signal, reason: str, at: dt.datetime) -> None:
    signal.closed_at, signal.closed_by, signal.closure_reason = at, actor, reason
    signal.save(update_fields=["closed_at", "closed_by", "closure_reason"])
    involvement_end(
        actor=actor,
        organisation=signal.organisation,
        youth=signal.youth,
        reason=InvolvementReason.Kind.SIGNAL,
        reference_id=signal.pk,
        at=at,
    )


@transaction.atomic
def signal_close(*, actor: Actor, signal: Signal, reason: str) -> Signal:
    """The reporting organisation closes its signal: its involvement through it ended (a reason is
    required). Closing twice changes nothing; a withdrawn signal cannot be closed."""
    if signal.organisation_id != actor.organisation_id:
        raise DomainError(_("Alleen de organisatie die het signaal meldde, kan het afsluiten."))
    if signal.withdrawn_at is not None:
        raise DomainError(_("Een ingetrokken signaal kan niet worden afgesloten."))
    if signal.closed_at is not None:
        return signal
    text = _reason_validated(reason)
    with acting_as(actor):
        _close(actor=actor, signal=signal, reason=text, at=timezone.now())
        Involvement.objects.filter(
            organisation_id=signal.organisation_id, youth_id=signal.youth_id, ended_at__isnull=False
        ).update(closure_reason=text)
    return signal


@transaction.atomic
def involvement_close(*, actor: Actor, youth: Youth, reason: str) -> int:
    """The actor's organisation ends its involvement with `youth`: every active signal of the
    organisation about the youth is closed with `reason`. Returns how many were closed.

    A role or an action in a case is ended in the case, not here: while one lasts, the organisation stays
    involved (and keeps its access) after this call.
    """
    organisation = actor.organisation
    if organisation is None:
        raise DomainError(_("Uw account hoort niet bij een organisatie."))
    text = _reason_validated(reason)
    signals = list(
        Signal.objects.filter(
            youth=youth, organisation=organisation, withdrawn_at__isnull=True, closed_at__isnull=True
        ).select_related("youth", "organisation")
    )
    if not signals:
        raise DomainError(_("Uw organisatie heeft geen actieve signalen over deze jongere."), field="reason")
    now = timezone.now()
    with acting_as(actor):
        for signal in signals:
            _close(actor=actor, signal=signal, reason=text, at=now)
        Involvement.objects.filter(organisation=organisation, youth=youth, ended_at__isnull=False).update(
            closure_reason=text
        )
    return len(signals)


# --- Closing for lack of activity (nightly) --------------------------------------------------------


@dataclass(frozen=True)
class InactivityRun:
    notified: int
    closed: int


def _only_signal_reasons(involvements: QuerySet[Involvement]) -> QuerySet[Involvement]:
    """A role or an open action in a case keeps an involvement: the case ends those, not inactivity."""
    other = InvolvementReason.objects.filter(involvement=OuterRef("pk"), ended_at__isnull=True).exclude(
        kind=InvolvementReason.Kind.SIGNAL
    )
    return involvements.filter(~Exists(other))


def involvements_due_for_notice(*, now: dt.datetime) -> QuerySet[Involvement]:
    """Active involvements that reach the close date within the notice period and were not told since
    their last activity."""
    notice_from = now - dt.timedelta(
        days=settings.INVOLVEMENT_INACTIVE_CLOSE_DAYS - settings.INVOLVEMENT_INACTIVE_NOTICE_DAYS
    )
    candidates = Involvement.objects.filter(ended_at__isnull=True, last_activity_at__lte=notice_from)
    candidates = candidates.exclude(
        inactivity_notice_at__isnull=False, inactivity_notice_at__gte=F("last_activity_at")
    )
    return _only_signal_reasons(candidates)


def involvements_due_for_close(*, now: dt.datetime) -> QuerySet[Involvement]:
    """Active involvements without activity for the close period, told at least the notice period ago
    and without activity since: the notice always comes first, and always gives its full period."""
    close_before = now - dt.timedelta(days=settings.INVOLVEMENT_INACTIVE_CLOSE_DAYS)
    told_before = now - dt.timedelta(days=settings.INVOLVEMENT_INACTIVE_NOTICE_DAYS)
    return _only_signal_reasons(
        Involvement.objects.filter(
            ended_at__isnull=True,
            last_activity_at__lte=close_before,
            inactivity_notice_at__lte=told_before,
            inactivity_notice_at__gte=F("last_activity_at"),
        )
    )


def _notice_text(*, last_activity: dt.datetime, close_on: dt.date) -> str:
    return _(
        "Uw organisatie is betrokken bij een jongere zonder nieuwe activiteit sinds %(since)s. Op of na "
        "%(close)s beëindigt het platform die betrokkenheid automatisch: uw signalen worden afgesloten en "
        "uw toegang tot de jongere vervalt. Werkt u nog met de jongere, meld dan een nieuw signaal; is uw "
        "betrokkenheid voorbij, sluit haar dan zelf af op de pagina van de jongere."
    ) % {
        "since": formats.date_format(timezone.localtime(last_activity).date(), "j F Y"),
        "close": formats.date_format(close_on, "j F Y"),
    }


def involvements_inactive_process(*, now: dt.datetime | None = None) -> InactivityRun:
    """The nightly job: first tell, then close. Idempotent: a second run the same night does nothing."""
    now = now or timezone.now()
    closed = 0
    for involvement in involvements_due_for_close(now=now).select_related("organisation", "youth"):
        closed += _involvement_close_inactive(involvement_id=involvement.pk, now=now)
    notified = 0
    for involvement in involvements_due_for_notice(now=now).select_related("organisation"):
        notified += involvement_notify_inactive(involvement_id=involvement.pk, now=now)
    return InactivityRun(notified=notified, closed=closed)


@transaction.atomic
def involvement_notify_inactive(*, involvement_id: int, now: dt.datetime) -> int:
    involvement = (
        Involvement.objects.select_for_update().select_related("organisation").get(pk=involvement_id)
    )
    if involvement.inactivity_notice_at and involvement.inactivity_notice_at >= involvement.last_activity_at:
        return 0
    close_on = timezone.localtime(now).date() + dt.timedelta(days=settings.INVOLVEMENT_INACTIVE_NOTICE_DAYS)
    with acting_as(None):
        involvement.inactivity_notice_at = now
        involvement.save(update_fields=["inactivity_notice_at"])
    notification_send(
        organisation=involvement.organisation,
        kind="involvement-inactive",
        text=_notice_text(last_activity=involvement.last_activity_at, close_on=close_on),
        link=reverse("youths:detail", args=[involvement.youth_id]),
        audience=Notification.Audience.CASE_WORK,
    )
    return 1


@transaction.atomic
def _involvement_close_inactive(*, involvement_id: int, now: dt.datetime) -> int:
    involvement = (
        Involvement.objects.select_for_update().select_related("organisation").get(pk=involvement_id)
    )
    if involvement.ended_at is not None:
        return 0
    reason = _("Automatisch afgesloten: %(days)d dagen geen nieuwe activiteit.") % {
        "days": settings.INVOLVEMENT_INACTIVE_CLOSE_DAYS
    }
    signals = Signal.objects.filter(
        youth_id=involvement.youth_id,
        organisation_id=involvement.organisation_id,
        withdrawn_at__isnull=True,
        closed_at__isnull=True,
    ).select_related("youth", "organisation")
    with acting_as(None):
        for signal in signals:
            _close(actor=None, signal=signal, reason=reason, at=now)
        # Reasons without a signal row left (none expected): end the involvement all the same.
        involvement.refresh_from_db()
        if involvement.ended_at is None:
            for row in involvement.reasons.filter(ended_at__isnull=True):
                involvement_end(
                    actor=None,
                    organisation=involvement.organisation,
                    youth=involvement.youth,
                    reason=row.kind,
                    reference_id=row.reference_id,
                    at=now,
                )
        Involvement.objects.filter(pk=involvement.pk).update(closure_reason=reason)
    notification_send(
        organisation=involvement.organisation,
        kind="involvement-closed",
        text=_(
            "De betrokkenheid van uw organisatie bij een jongere is automatisch beëindigd na een periode "
            "zonder activiteit. Uw afgesloten signalen staan nog een tijd in uw lijst van signalen."
        ),
        link=reverse("youths:signals"),
        audience=Notification.Audience.CASE_WORK,
    )
    return 1
