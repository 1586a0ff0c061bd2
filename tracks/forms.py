from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, RadioSelect, StyledForm

from .models import Intervention, Milestone


class MilestoneForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices, widget=RadioSelect)
    evidence_link = forms.URLField(label=_("Link naar het bewijs"), required=False, assume_scheme="https")
    evidence_note = forms.CharField(
        label=_("Toelichting of bewijs"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(StyledForm):
    level = forms.ChoiceField(label=_("Erkenningsniveau"), choices=Intervention.EvidenceLevel.choices)
    source = forms.CharField(
        label=_("Bron"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld de Databank Effectieve Jeugdinterventies, met de naam van de interventie."),
    )
    date = forms.DateField(label=_("Datum van de beoordeling"), required=False, widget=DateInput)
