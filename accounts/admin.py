from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.errors import DomainError

from .models import Organisation, OrganisationKind, Role, SharingBasis, User
from .roles import grantable_roles, may_manage_user
from .services import (
    organisation_access_group,
    user_create,
    user_role_change,
    user_role_change_refusal,
    user_unlock,
)


@admin.register(OrganisationKind)
class OrganisationKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


# The fields of core.models.AgreedItem, shown the same way on every managed list the partners agree.
AGREEMENT_FIELDS = ("agreement_status", "agreed_by", "agreed_on")


@admin.register(SharingBasis)
class SharingBasisAdmin(admin.ModelAdmin):
    """The organisations' sharing bases, set by the beheerder; a draft is marked as such everywhere."""

    list_display = ["covenant", "articles", "agreement_date", *AGREEMENT_FIELDS]
    list_filter = ["agreement_status"]
    search_fields = ["covenant", "articles"]
    fieldsets = (
        (None, {"fields": ("covenant", "articles", "agreement_date", "description")}),
        (_("Afspraak tussen de partners"), {"fields": AGREEMENT_FIELDS}),
    )

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # recorded on signals and case roles; a basis no longer used is replaced, not deleted


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sharing_basis", "contact_name", "contact_email", "is_active"]
    list_filter = ["kind", "is_active", "sharing_basis__agreement_status"]
    list_select_related = ["kind", "sharing_basis"]
    search_fields = ["name", "contact_name"]

    def save_model(self, request: Any, obj: Organisation, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        organisation_access_group(obj)


class _RoleRuleFormMixin:
    """Refuses, as a form error, a role or organisation the acting user may not give (the service refuses
    it too; this only turns the refusal into a message on the form instead of an error page)."""

    actor: User | None = None

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        instance: User = self.instance  # type: ignore[attr-defined]
        role = cleaned.get("role") or instance.role
        organisation = cleaned.get("organisation", instance.organisation)
        stored = User.objects.filter(pk=instance.pk).first() if instance.pk else None
        changed = (
            stored is None
            or stored.role != role
            or stored.organisation_id != getattr(organisation, "pk", None)
        )
        if role and changed:
            refusal = user_role_change_refusal(actor=self.actor, user=stored or User(role=role), role=role)
            if refusal:
                raise ValidationError(refusal)
        return cleaned


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts, for the beheerder. Who may give which role is the service's rule (`user_role_change`):
    nobody changes its own role or organisation, the projectleider's role and superusers are an operator's,
    and every change is logged and told to the projectleider(s). A user the acting user may not manage is
    shown read-only, and its password form is refused (Django's UserAdmin asks `has_change_permission`)."""

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

    def has_change_permission(self, request: Any, obj: User | None = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or may_manage_user(request.user, obj)

    def get_readonly_fields(self, request: Any, obj: User | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += ["organisation", "role"]  # nobody changes its own role or organisation
        return fields

    def get_form(self, request: Any, obj: User | None = None, change: bool = False, **kwargs: Any) -> Any:
        base = super().get_form(request, obj, change=change, **kwargs)
        # A subclass made here gets fresh fields from the model (ModelFormMetaclass): narrow them after.
        form: Any = type(base.__name__, (_RoleRuleFormMixin, base), {"actor": request.user})
        role_field = form.base_fields.get("role")
        if isinstance(role_field, forms.ChoiceField):
            allowed = grantable_roles(request.user) | ({obj.role} if obj is not None else set())
            role_field.choices = [("", "---------"), *((r.value, r.label) for r in Role if r in allowed)]
        return form

    def save_model(self, request: Any, obj: User, form: Any, change: bool) -> None:
        # Role and organisation (and with them the groups and the staff flag) go through the services,
        # which enforce who may give what, log the change and tell the projectleider(s).
        try:
            if not change:
                if obj.organisation is None:  # the add form requires it; operators use createsuperuser
                    raise PermissionDenied
                created = user_create(
                    actor=request.user,
                    username=obj.username,
                    role=obj.role,
                    organisation=obj.organisation,
                    password=form.cleaned_data.get("password1") or None,
                )
                obj.pk = created.pk
                obj.refresh_from_db()
                obj._state.adding = False
                return
            role, organisation = obj.role, obj.organisation
            stored = User.objects.select_related("organisation").get(pk=obj.pk)
            obj.role, obj.organisation = stored.role, stored.organisation
            super().save_model(request, obj, form, change)
            user_role_change(actor=request.user, user=obj, role=role, organisation=organisation)
        except DomainError as exc:
            # The form's clean() refused this already; reaching here means a race: refuse the request.
            raise PermissionDenied(exc.message) from exc
