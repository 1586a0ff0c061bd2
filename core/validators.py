"""Input checks shared by forms and serializers (the services check the same rules again)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def not_in_the_future(value: dt.date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."), code="future")
