"""Input shape for the privacy pages. Domain rules live in privacy.services; these only parse."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.forms import CheckboxSelectMultiple, DateInput, RadioSelect, StyledForm

from .models import DataSubjectRequest


class RequestForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Soort verzoek"), choices=DataSubjectRequest.Kind.choices, widget=RadioSelect
    )
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DateInput())
    requester = forms.CharField(
        label=_("Verzoeker"),
        max_length=300,
        help_text=_(
            "Wie doet het verzoek: de jongere zelf, een ouder of wettelijk vertegenwoordiger, een advocaat."
        ),
    )
    youth_first_name = forms.CharField(label=_("Voornaam van de jongere"), max_length=100)
    youth_last_name = forms.CharField(label=_("Achternaam van de jongere"), max_length=100)
    youth_date_of_birth = forms.DateField(label=_("Geboortedatum van de jongere"), widget=DateInput())
    description = forms.CharField(label=_("Wat wordt gevraagd"), widget=forms.Textarea, required=False)


class RouteForm(StyledForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Doorsturen naar"),
        queryset=Organisation.objects.order_by("name"),
        widget=CheckboxSelectMultiple,
        help_text=_("De organisaties die gegevens over de jongere hebben, zijn voorgeselecteerd."),
    )


class AnswerForm(StyledForm):
    routing = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Antwoord van de organisatie"), widget=forms.Textarea)


class ExtendForm(StyledForm):
    reason = forms.CharField(label=_("Reden van de verlenging"), max_length=500)


class CloseForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=DataSubjectRequest.Outcome.choices, widget=RadioSelect
    )
    note = forms.CharField(label=_("Toelichting: wat is de verzoeker geantwoord"), widget=forms.Textarea)


class AccessReviewForm(StyledForm):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    held_on = forms.DateField(label=_("Gehouden op"), widget=DateInput())
    findings = forms.CharField(label=_("Bevindingen"), widget=forms.Textarea)
    actions = forms.CharField(label=_("Acties"), widget=forms.Textarea, required=False)
