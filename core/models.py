from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgreementStatus(models.TextChoices):
    """Whether the partners have agreed an item of a managed list, or it is still a draft."""

    DRAFT = "concept", _("Concept")
    AGREED = "akkoord", _("Akkoord")


class AgreedItem(models.Model):
    """Fields of a managed list item the partners must agree to (a legal basis, a follow-up, an indicator).

    The DPIA asks who agreed what, and when; a draft is visible as a draft on every page that lists it.
    """

    agreement_status = models.CharField(
        _("status afspraak"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    agreed_by = models.CharField(
        _("akkoord gegeven door"),
        max_length=200,
        blank=True,
        help_text=_("Wie namens de partners akkoord gaf, bijvoorbeeld de stuurgroep."),
    )
    agreed_on = models.DateField(_("akkoord op"), null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.is_agreed and (not self.agreed_by.strip() or self.agreed_on is None):
            raise ValidationError(
                {"agreed_by": _("Vul in wie akkoord gaf en op welke datum; anders blijft het een concept.")}
            )

    @property
    def is_agreed(self) -> bool:
        return self.agreement_status == AgreementStatus.AGREED


class ReadLogEntry(models.Model):
    """One read of personal data: who saw what of which person, when (AVG art. 32 accountability).

    Changes are recorded by django-auditlog; this table records *reads*, which auditlog does not.
    The subject is stored as (type, id) without a foreign key, so that the log survives the
    deletion of the subject when its retention period ends.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation_name = models.CharField(max_length=200, blank=True)
    subject_type = models.CharField(max_length=50)
    subject_id = models.BigIntegerField()
    what = models.CharField(_("wat"), max_length=200)
    channel = models.CharField(max_length=10, choices=[("web", "web"), ("api", "api"), ("job", "job")])
    path = models.CharField(max_length=500, blank=True)
    # Set by core.readlog before the row is hashed (auto_now_add would set it after).
    read_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Hash chain (core.readlog): sha256 over this row's content and the previous row's row_hash, so
    # that `manage.py verify_logs` finds a row that was changed or removed after it was written.
    row_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("leeslog-regel")
        verbose_name_plural = _("leeslog")
        ordering = ["-read_at"]
        indexes = [
            # "Who read this youth's data?" (the projectleider's log per youth).
            models.Index(fields=["subject_type", "subject_id", "-read_at"], name="readlog_subject_idx"),
            # "What did this user read?" (an audit of one account).
            models.Index(fields=["user", "-read_at"], name="readlog_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.what} {self.subject_type}:{self.subject_id}"


class OutboxMessage(models.Model):
    """A task message written in the same transaction as the work that needs it.

    Published right after commit; if the broker is down then, the `outbox_flush` job publishes it
    later. Losing the message would lose work (a notification, a report), so it is not fire-and-forget.
    """

    task_name = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [
            # The flush job's query: unsent messages, oldest first.
            models.Index(
                fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="outbox_unsent_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task_name} ({'sent' if self.sent_at else 'pending'})"


class Notification(models.Model):
    """A message to an organisation (optionally to one of its users): in-app, and e-mailed once.

    Generic: matches (youths), overdue actions (cases) and ready reports (monitoring) all use it through
    `core.services.notification_send`. The text is e-mailed, so it never holds personal data of a youth;
    the link leads into the platform, where the access gateway decides what the reader may see.

    A notification about youths or cases (`audience=CASE_WORK`) is shown only to members whose role holds
    `core.receive_case_notifications` (the roles that may read youths or cases): the beheerder of an
    involved organisation never sees it. Whether it was read is kept per person (`NotificationRead`).
    """

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("iedereen van de organisatie")
        CASE_WORK = "case_work", _("wie jongeren of casussen mag lezen")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("organisatie"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("alleen voor gebruiker"),
    )
    audience = models.CharField(
        _("voor wie"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    kind = models.SlugField(_("soort"), max_length=40)
    text = models.TextField(_("tekst"), max_length=2000)
    link = models.CharField(_("link"), max_length=500, blank=True)
    # The youth the notification is about (issue 11): the page groups by it and names the youth. No foreign
    # key: core sits below the youths app. Only for CASE_WORK notifications, which are never e-mailed.
    youth_id = models.BigIntegerField(_("over jongere"), null=True, blank=True)
    youth_name = models.CharField(_("naam jongere"), max_length=201, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    email_recipient = models.EmailField(_("gemaild aan"), blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-id"]
        permissions = [("receive_case_notifications", _("Meldingen over jongeren en casussen ontvangen"))]
        indexes = [
            # The "Meldingen" page: an organisation's notifications, newest first.
            models.Index(fields=["organisation", "-created_at"], name="notification_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:60]}"


class IdempotencyKey(models.Model):
    """The first answer to a POST sent with an `Idempotency-Key` header (core.idempotency).

    A client that retries after a timeout sends the same key and gets the first answer instead of a
    second object. Only a fingerprint of the request and the created object's id are kept, never the
    body itself (no copy of personal data): a replay reads the object again through the access gateway.
    Kept IDEMPOTENCY_KEY_HOURS, then purged by `core.tasks.idempotency_keys_purge`.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=100)  # the endpoint, e.g. "signals.create"
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)  # SHA-256 of the request body, canonical JSON
    status_code = models.PositiveSmallIntegerField()
    object_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # One first answer per key, per user and endpoint: a concurrent retry waits, then replays.
            models.UniqueConstraint(fields=["user", "scope", "key"], name="idempotency_key_unique"),
        ]
        indexes = [
            # The purge job: keys older than the retention.
            models.Index(fields=["created_at"], name="idempotency_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"


class NotificationRead(models.Model):
    """One person has read one notification. Read state is per person: a colleague's "gelezen" does not
    hide a notification from anyone else in the organisation."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("gelezen op"), default=timezone.now)

    class Meta:
        verbose_name = _("gelezen melding")
        verbose_name_plural = _("gelezen meldingen")
        constraints = [
            # Also the index of the unread counter's NOT EXISTS (notification, user) on every page.
            models.UniqueConstraint(fields=["notification", "user"], name="notification_read_once"),
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} gelezen door {self.user_id}"


class RetentionRun(models.Model):
    """One run of the retention job (pgaanpak.retention): how many rows of each kind went, never what.

    `read_log_anchor` is the hash of the last read-log row removed in this run: the chain of the rows
    that remain verifies from it (`manage.py verify_logs` starts from the newest anchor).
    """

    started_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    as_of = models.DateField(_("peildatum"))
    triggered_by = models.CharField(_("gestart door"), max_length=20)  # "job" or "command"
    counts = models.JSONField(_("aantallen"), default=dict)
    read_log_anchor = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("bewaartermijnronde")
        verbose_name_plural = _("bewaartermijnrondes")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.as_of} ({self.triggered_by})"
