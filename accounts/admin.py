from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Organisation, OrganisationKind, User
from .services import organisation_access_group, user_set_role, user_unlock


@admin.register(OrganisationKind)
class OrganisationKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact_name", "contact_email", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "contact_name"]

    def save_model(self, request: Any, obj: Organisation, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        organisation_access_group(obj)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    list_select_related = ["organisation"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email")}),
        (_("Organisatie en rol"), {"fields": ("organisation", "role", "is_active")}),
        (_("Datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "organisation", "role", "password1", "password2")},
        ),
    )
    readonly_fields = ["last_login", "date_joined"]
    actions = ["unlock"]

    @admin.action(description=_("Deblokkeren (mislukte inlogpogingen wissen)"), permissions=["change"])
    def unlock(self, request: Any, queryset: Any) -> None:
        unlocked = sum(1 for user in queryset if user_unlock(actor=request.user, user=user))
        self.message_user(
            request,
            ngettext("%(count)d gebruiker gedeblokkeerd.", "%(count)d gebruikers gedeblokkeerd.", unlocked)
            % {"count": unlocked},
            messages.SUCCESS,
        )

    def save_model(self, request: Any, obj: User, form: Any, change: bool) -> None:
        # Role and organisation → group membership and staff flag go through the service.
        super().save_model(request, obj, form, change)
        user_set_role(actor=request.user, user=obj, role=obj.role)
