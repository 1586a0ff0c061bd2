"""The Celery app. Every setting lives in Django settings under CELERY_*; see docs/architecture.md."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pgaanpak.settings")

app = Celery("pgaanpak")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
