from typing import Any

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
