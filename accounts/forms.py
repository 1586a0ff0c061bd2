from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from core.forms import StyledForm


class LoginForm(StyledForm, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters."),
        "inactive": _("Dit account is niet actief. Neem contact op met de beheerder."),
    }
