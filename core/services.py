"""Writes shared by every app: notifications to organisations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notification, NotificationRead
from .outbox import enqueue


@transaction.atomic
def notification_send(
    *,
    organisation: Any,
    kind: str,
    text: str,
    link: str = "",
    user: Any | None = None,
    email: bool = True,
    audience: str = Notification.Audience.EVERYONE,
    youth_id: int | None = None,
    youth_name: str = "",
) -> Notification:
    """Notify an organisation (or one of its users): an in-app message, and an e-mail after commit.

    A notification about a youth (`youth_id` given) names the youth and is shown in the platform only:
    it is never e-mailed, whatever `email` says, and it must be sent with `audience=CASE_WORK` (only
    members whose role may read youths or cases see it). The page groups such notifications per youth.

    The e-mail goes to `user`'s address when a user is given, otherwise to the organisation's contact.
    `text` is e-mailed as it is: never put a youth's name or other personal data in it. `link` is a path
    inside the platform (``/jongeren/12/``); the e-mail prefixes settings.SITE_URL.

    A notification about a youth or a case is sent with `audience=Notification.Audience.CASE_WORK`: only
    members whose role may read youths or cases see it (never the beheerder or the ministry). When it is
    addressed to one user whose role may not, it goes to the organisation's case workers instead.
    """
    from .selectors import may_receive_case_notifications

    if user is not None and user.organisation_id != organisation.pk:
        raise ValueError("A notification's user must belong to its organisation.")
    audience = Notification.Audience(audience)
    if youth_id is not None:
        if audience != Notification.Audience.CASE_WORK:
            raise ValueError("A notification that names a youth is for case workers only.")
        email = False  # issue 11: names of youths stay in the platform, never in an e-mail
    if (
        user is not None
        and audience == Notification.Audience.CASE_WORK
        and not may_receive_case_notifications(user)
    ):
        user = None
    notification = Notification.objects.create(
        organisation=organisation,
        user=user,
        audience=audience,
        kind=kind,
        text=text.strip()[:2000],
        link=link,
        youth_id=youth_id,
        youth_name=youth_name[:201] if youth_id is not None else "",
    )
    if email:
        enqueue("core.tasks.notification_email", notification_id=notification.pk)
    return notification


def notification_email(*, notification_id: int) -> bool:
    """Send a notification's e-mail once. Idempotent: a second run finds `emailed_at` set and stops.

    The row is locked while the mail is sent, so two workers never both send it; a worker killed after
    sending but before committing sends it again on redelivery (at least once, never silently lost).
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("organisation", "user")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        recipient = notification.user.email if notification.user else notification.organisation.contact_email
        if recipient:
            body = notification.text
            if notification.link:
                body += "\n\n" + _("Bekijk het op het platform: %(url)s") % {
                    "url": settings.SITE_URL + notification.link
                }
            body += "\n\n" + _(
                "Dit bericht is verstuurd door pgaanpak, het platform voor Preventie met Gezag Zwolle. "
                "Het bevat bewust geen persoonsgegevens; log in om te zien om wie het gaat."
            )
            send_mail(
                subject=_("[pgaanpak] %(text)s") % {"text": notification.text.splitlines()[0][:80]},
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[recipient],
            )
        notification.emailed_at = timezone.now()
        notification.email_recipient = recipient or ""
        notification.save(update_fields=["emailed_at", "email_recipient"])
        return bool(recipient)


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    """Mark a notification read for the acting user only (read state is per person). Idempotent."""
    NotificationRead.objects.get_or_create(notification=notification, user=actor)
    return notification


@transaction.atomic
def notification_mark_all_read(*, actor: Any) -> int:
    """Mark every notification the acting user sees and has not read as read, for that user only."""
    from .selectors import notification_unread_list_for_user

    now = timezone.now()
    unread = list(notification_unread_list_for_user(user=actor).values_list("pk", flat=True))
    NotificationRead.objects.bulk_create(
        [NotificationRead(notification_id=pk, user=actor, read_at=now) for pk in unread],
        ignore_conflicts=True,
    )
    return len(unread)
