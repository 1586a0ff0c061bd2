from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import RadioSelect, StyledForm

from .models import Milestone


class MilestoneForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices, widget=RadioSelect)
    evidence_link = forms.URLField(label=_("Link naar het bewijs"), required=False, assume_scheme="https")
    evidence_note = forms.CharField(
        label=_("Toelichting of bewijs"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
