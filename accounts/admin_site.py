"""Django's admin (/beheer/) behind the same two steps as the rest of the site.

The admin's own login form asks for a password only, so it is never shown: its login page sends the
visitor to the site's login (and, when the password step is done, to the second step). A page of the
admin opens only for a session that passed the second factor (`second_factor_passed`), so a stolen
password does not open the user administration either.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.http import HttpRequest, HttpResponse
from django.urls import reverse


class AdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        from .access import second_factor_passed

        return super().has_permission(request) and second_factor_passed(request.user)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        from django.conf import settings
        from django.contrib.auth.views import redirect_to_login

        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        step = settings.OTP_VERIFY_URL if request.user.is_authenticated else settings.LOGIN_URL
        return redirect_to_login(next_url, reverse(step))


class AdminConfig(DjangoAdminConfig):
    """Installed instead of `django.contrib.admin` (INSTALLED_APPS), the documented way to swap the site."""

    default_site = "accounts.admin_site.AdminSite"
