"""Writes for users and organisations. Every write takes the acting user and is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from core.audit import acting_as
from core.errors import DomainError

from .access import Actor
from .models import Organisation, OrganisationKind, Role, User
from .reference_data import ORGANISATION_KINDS

DEFAULT_KIND_CODE = "overig"


def organisation_get_or_create(*, actor: Any, name: str, kind_code: str | None = None) -> Organisation:
    name = name.strip()
    if not name:
        raise DomainError(_("Geef de naam van de organisatie."), field="organisation")
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    with transaction.atomic(), acting_as(actor):
        kind, _created = OrganisationKind.objects.get_or_create(
            code=kind_code or DEFAULT_KIND_CODE,
            defaults={"name": (kind_code or DEFAULT_KIND_CODE).capitalize()},
        )
        organisation = Organisation.objects.create(name=name, kind=kind)
        organisation_access_group(organisation)
        return organisation


def organisation_kinds_load(*, actor: Actor | None) -> int:
    """Add the seeded organisation kinds that are missing (names edited since are kept). Returns how many
    were added. Idempotent."""
    created = 0
    with transaction.atomic(), acting_as(actor):
        for code, name in ORGANISATION_KINDS:
            _kind, new = OrganisationKind.objects.get_or_create(code=code, defaults={"name": name})
            created += new
    return created


def organisation_access_group(organisation: Organisation) -> Group:
    """The group that holds the organisation's object permissions (created on first use)."""
    if organisation.access_group_id is not None:
        return organisation.access_group  # type: ignore[return-value]
    group, _created = Group.objects.get_or_create(name=f"organisatie:{organisation.pk}")
    organisation.access_group = group
    organisation.save(update_fields=["access_group"])
    return group


def user_sync_groups(*, user: User) -> None:
    """A user is in exactly two groups: its role's and its organisation's access group."""
    groups = [Group.objects.get_or_create(name=str(user.role))[0]]
    if user.organisation is not None:
        groups.append(organisation_access_group(user.organisation))
    user.groups.set(groups)


def _role_or_error(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        allowed = ", ".join(Role.values)
        raise DomainError(
            _("Onbekende rol %(role)s. Kies uit: %(allowed)s.") % {"role": role, "allowed": allowed},
            field="role",
        ) from None


def user_set_role(*, actor: Any, user: User, role: str) -> User:
    from .roles import STAFF_ROLES

    chosen = _role_or_error(role)
    with transaction.atomic(), acting_as(actor):
        user.role = chosen
        user.is_staff = chosen in STAFF_ROLES
        user.save(update_fields=["role", "is_staff"])
        user_sync_groups(user=user)
    return user


def user_create(
    *,
    actor: Any,
    username: str,
    role: str,
    organisation: Organisation,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> User:
    chosen = _role_or_error(role)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("De gebruikersnaam %(name)s bestaat al.") % {"name": username}, field="username")
    with transaction.atomic(), acting_as(actor):
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            role=chosen,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        user_set_role(actor=actor, user=user, role=chosen)
    return user


def api_token_get_or_create(*, user: User) -> Token:
    token, _created = Token.objects.get_or_create(user=user)
    return token
