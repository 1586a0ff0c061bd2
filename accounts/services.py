"""Writes for users and organisations. Every write takes the acting user and is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from knox.models import get_token_model

from core.audit import acting_as
from core.errors import DomainError

from .access import Actor
from .models import Organisation, OrganisationKind, Role, User
from .reference_data import ORGANISATION_KINDS
from .security import security_log

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


# --- Login lockout -------------------------------------------------------------------------------


def user_unlock(*, actor: Actor | None, user: User) -> int:
    """Clear the user's failed login attempts (django-axes), which lifts a lockout at once. Returns how
    many attempt records were removed (0: the user was not locked)."""
    removed = int(axes_reset(username=user.username))
    security_log.info(
        "unlock result=success user=%s actor=%s attempts_removed=%s",
        user.pk,
        actor.pk if actor is not None else "system",
        removed,
    )
    return removed


# --- API tokens (django-rest-knox) ----------------------------------------------------------------
# Only a SHA-512 digest of a token is stored; the token itself is shown once, when it is made.


@dataclass(frozen=True)
class IssuedApiToken:
    key: str
    expiry: datetime | None


def api_token_create(*, actor: Actor | None, user: User) -> IssuedApiToken:
    """A new API token for the user, valid for REST_KNOX["TOKEN_TTL"]. The key cannot be shown again."""
    if not user.is_active:
        raise DomainError(_("Gebruiker %(name)s is niet actief.") % {"name": user.username}, field="user")
    with transaction.atomic():
        token, key = get_token_model().objects.create(user=user)
    security_log.info(
        "api_token action=create result=success user=%s actor=%s expiry=%s",
        user.pk,
        actor.pk if actor is not None else "system",
        token.expiry.isoformat() if token.expiry else "never",
    )
    return IssuedApiToken(key=key, expiry=token.expiry)


def api_tokens_revoke(*, actor: Actor | None, user: User) -> int:
    """Revoke every API token of the user. Returns how many were revoked."""
    with transaction.atomic():
        revoked, _per_model = get_token_model().objects.filter(user=user).delete()
    security_log.info(
        "api_token action=revoke result=success user=%s actor=%s revoked=%s",
        user.pk,
        actor.pk if actor is not None else "system",
        revoked,
    )
    return int(revoked)


def api_token_get_or_create(*, user: User) -> IssuedApiToken:
    """Kept for existing callers (tests, scripts). A hashed token cannot be fetched again, so this always
    issues a new one; new code calls api_token_create with the actor."""
    return api_token_create(actor=None, user=user)
