"""Writes for users and organisations. Every write takes the acting user and is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from core.audit import acting_as
from core.errors import DomainError
from core.services import notification_send

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


ROLE_CHANGE_KIND = "rolwijziging"


def user_role_change_refusal(*, actor: Actor | None, user: User, role: str) -> str | None:
    """Why `actor` may not give `user` the role `role` or move it to another organisation (None: it may).

    The rule (docs/permissions.md, "Who changes roles"): nobody changes its own role or organisation; a
    superuser or a projectleider is changed only by a superuser; the beheerder gives every role except the
    projectleider's; nobody else gives any. `actor=None` is the system (the `add_user` command run by an
    operator on the server, loading the demo): allowed.
    """
    from .roles import grantable_roles, may_manage_user

    if actor is None:
        return None
    if user.pk is not None and actor.pk == user.pk:
        return _("U kunt uw eigen rol of organisatie niet wijzigen. Vraag een andere beheerder.")
    if user.pk is not None and not may_manage_user(actor, user):
        return _("U mag de rol of organisatie van %(user)s niet wijzigen.") % {"user": user.username}
    if role not in grantable_roles(actor):
        return _("U mag de rol %(role)s niet toekennen.") % {"role": Role(role).label}
    return None


def _projectleiders_tell(*, actor: Actor | None, text: str) -> None:
    """Every role or organisation change is told to the projectleider(s), in-app and by e-mail: the
    detective check on whoever manages accounts."""
    by = actor.username if actor is not None else _("het systeem (opdrachtregel)")
    recipients = User.objects.filter(role=Role.PROJECTLEIDER, is_active=True, organisation__isnull=False)
    for projectleider in recipients.select_related("organisation").order_by("pk"):
        notification_send(
            organisation=projectleider.organisation,
            user=projectleider,
            kind=ROLE_CHANGE_KIND,
            text=text + " " + _("Door: %(by)s.") % {"by": by},
        )


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else "-"


def user_role_change(
    *, actor: Actor | None, user: User, role: str, organisation: Organisation | None = None
) -> User:
    """Give `user` the role `role` and, when given, move it to `organisation`: the one write of a user's role
    and organisation (the admin, the commands and the demo call it).

    Enforces who may give which role (`user_role_change_refusal`), keeps the staff flag and the groups in
    step, is recorded in the change log (django-auditlog, with the actor), and tells the projectleider(s)
    of every real change. Saving the same role and organisation again only re-syncs the groups.
    """
    from .roles import STAFF_ROLES

    chosen = _role_or_error(role)
    with transaction.atomic(), acting_as(actor):
        stored = User.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=user.pk)
        new_organisation = organisation if organisation is not None else stored.organisation
        new_organisation_id = new_organisation.pk if new_organisation is not None else None
        changed = stored.role != chosen or stored.organisation_id != new_organisation_id
        if changed:
            refusal = user_role_change_refusal(actor=actor, user=stored, role=chosen)
            if refusal:
                raise DomainError(refusal, field="role")
        user.role = chosen
        user.organisation = new_organisation
        user.is_staff = chosen in STAFF_ROLES
        user.save(update_fields=["role", "organisation", "is_staff"])
        user_sync_groups(user=user)
        if changed:
            _projectleiders_tell(
                actor=actor,
                text=_(
                    "Rolwijziging: gebruiker %(user)s is nu %(role)s bij %(organisation)s "
                    "(was %(old_role)s bij %(old_organisation)s)."
                )
                % {
                    "user": user.username,
                    "role": _role_label(chosen),
                    "organisation": new_organisation or "-",
                    "old_role": _role_label(stored.role),
                    "old_organisation": stored.organisation or "-",
                },
            )
    return user


def user_set_role(*, actor: Actor | None, user: User, role: str) -> User:
    """Give `user` a role in its own organisation (see `user_role_change`)."""
    return user_role_change(actor=actor, user=user, role=role)


def user_create(
    *,
    actor: Actor | None,
    username: str,
    role: str,
    organisation: Organisation,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Make an account with a role in an organisation. The same rule as `user_role_change` decides which
    roles `actor` may give; the projectleider(s) are told."""
    from .roles import STAFF_ROLES

    chosen = _role_or_error(role)
    refusal = user_role_change_refusal(actor=actor, user=User(role=chosen), role=chosen)
    if refusal:
        raise DomainError(refusal, field="role")
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
            is_staff=chosen in STAFF_ROLES,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        user_sync_groups(user=user)
        _projectleiders_tell(
            actor=actor,
            text=_("Nieuw account: gebruiker %(user)s is %(role)s bij %(organisation)s.")
            % {"user": user.username, "role": _role_label(chosen), "organisation": organisation},
        )
    return user


def api_token_get_or_create(*, user: User) -> Token:
    token, _created = Token.objects.get_or_create(user=user)
    return token
