from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    read_at = models.DateTimeField(auto_now_add=True, db_index=True)

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
