from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledForm


class RetentionHoldForm(StyledForm):
    reason = forms.CharField(
        label=_("Waarom moeten de gegevens van deze jongere langer bewaard blijven?"),
        help_text=_(
            "Alleen invullen als er een concrete reden is, bijvoorbeeld een lopende strafzaak. Laat leeg om "
            "niets langer te bewaren."
        ),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
