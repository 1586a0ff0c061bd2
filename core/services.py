"""Writes shared by every app: notifications to organisations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notification
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
) -> Notification:
    """Notify an organisation (or one of its users): an in-app message, and an e-mail after commit.

    The e-mail goes to `user`'s address when a user is given, otherwise to the organisation's contact.
    `text` is e-mailed as it is: never put a youth's name or other personal data in it. `link` is a path
    inside the platform (``/jongeren/12/``); the e-mail prefixes settings.SITE_URL.
    """
    if user is not None and user.organisation_id != organisation.pk:
        raise ValueError("A notification's user must belong to its organisation.")
    notification = Notification.objects.create(
        organisation=organisation, user=user, kind=kind, text=text.strip()[:2000], link=link
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
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.read_by = actor
        notification.save(update_fields=["read_at", "read_by"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, actor: Any) -> int:
    from .selectors import notification_list_for_user

    return (
        notification_list_for_user(user=actor)
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now(), read_by=actor)
    )
