"""The logs are read-only in the admin: nobody adds, changes or deletes a log row through the
application (BIO2 8.15.01). `manage.py verify_logs` finds a read-log row changed any other way."""

from __future__ import annotations

from typing import Any

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.http import HttpRequest

from .models import ReadLogEntry


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReadLogEntry)
class ReadLogEntryAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["read_at", "user", "organisation_name", "subject_type", "subject_id", "what", "channel"]
    list_filter = ["channel", "subject_type"]
    list_select_related = ["user"]
    date_hierarchy = "read_at"


# auditlog's own admin already refuses add and change, but lets a delete of a related object cascade
# into the log; the change log is never deleted through the application.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(_ReadOnly, LogEntryAdmin):
    pass
