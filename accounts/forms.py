from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import StyledForm

from .roles import API_ONLY_ROLES


class LoginForm(StyledForm, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters."),
        "inactive": _("Dit account is niet actief. Neem contact op met de beheerder."),
        "api_only": _(
            "Met dit account gebruikt u alleen de API (de monitoringcijfers voor het ministerie); "
            "inloggen op de website kan niet."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if user.role in API_ONLY_ROLES:
            raise ValidationError(self.error_messages["api_only"], code="api_only")


class OTPTokenForm(StyledForm):
    """The code of the second step: six digits from the authenticator app, or a recovery code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("De zes cijfers uit uw authenticator-app, of een van uw herstelcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class OTPEnrolForm(OTPTokenForm):
    """The first code from the newly linked authenticator app, which confirms the link."""

    token = forms.CharField(
        label=_("Code uit de app"),
        max_length=32,
        help_text=_("De zes cijfers die de app nu toont."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
