"""Input shape for the referral pages (aanmeldingen). Domain rules live in cases.services.referrals."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import CheckboxSelectMultiple, RadioSelect, StyledForm
from youths.models import Domain

from ..models import Meeting, Referral
from ..models.referrals import REFERRAL_QUESTION_MAX_LENGTH, REFERRAL_TEXT_MAX_LENGTH
from .fields import set_queryset


class ReferralForm(StyledForm):
    question = forms.CharField(
        label=_("Uw vraag of zorg"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=REFERRAL_QUESTION_MAX_LENGTH,
        help_text=_("Wat wilt u met de procesregisseur bespreken? Feitelijk en kort."),
    )
    domains = forms.MultipleChoiceField(
        label=_("Leefgebieden waar de zorg speelt"),
        choices=Domain.choices,
        widget=CheckboxSelectMultiple,
        required=False,
    )
    tried = forms.CharField(
        label=_("Wat is al geprobeerd"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REFERRAL_TEXT_MAX_LENGTH,
        required=False,
    )


def upcoming_meetings() -> Any:
    return Meeting.objects.filter(starts_at__date__gte=timezone.localdate()).order_by("starts_at", "pk")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class TriageForm(StyledForm):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=Referral.Outcome.choices, widget=RadioSelect)
    meeting = MeetingChoiceField(
        label=_("Overleg (bij: op de agenda)"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Kies een komend overleg"),
    )
    route = forms.ChoiceField(
        label=_("Andere route (bij: doorgezet)"),
        choices=[("", _("Kies een route")), *Referral.Route.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REFERRAL_TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Het advies, de reden om niet op te pakken, of de naam van de andere route."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "meeting", upcoming_meetings())
