"""Writes for users and organisations. Every write takes the acting user and is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import get_token_model

from core.audit import acting_as
from core.errors import DomainError
from core.services import notification_send

from .access import Actor
from .models import Organisation, OrganisationKind, RecoveryCodes, Role, User, recovery_code_digest
from .reference_data import ORGANISATION_KINDS
from .security import log_event

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


def _password_or_error(password: str, *, user: User) -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), as one Dutch domain error."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise DomainError(
            _("Dit wachtwoord is niet sterk genoeg: %(reasons)s") % {"reasons": " ".join(exc.messages)},
            field="password",
        ) from exc


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
    demo_account: bool = False,
) -> User:
    """Make an account with a role in an organisation. The same rule as `user_role_change` decides which
    roles `actor` may give; the projectleider(s) are told. A password must pass
    settings.AUTH_PASSWORD_VALIDATORS. `demo_account` is for `load_demo` only: such an account may skip
    the second factor while OTP_DEMO_EXEMPT is on."""
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
            demo_account=demo_account,
            is_staff=chosen in STAFF_ROLES,
        )
        if password:
            _password_or_error(password, user=user)
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


# --- Login lockout -------------------------------------------------------------------------------


def user_unlock(*, actor: Actor | None, user: User) -> int:
    """Clear the user's failed login attempts (django-axes), which lifts a lockout at once. Returns how
    many attempt records were removed (0: the user was not locked)."""
    removed = int(axes_reset(username=user.username))
    log_event("unlock", obj=f"user:{user.pk}", result="ok", actor=actor, attempts_removed=removed)
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
    expiry = token.expiry.isoformat() if token.expiry else "never"
    log_event("api_token create", obj=f"user:{user.pk}", result="ok", actor=actor, expiry=expiry)
    return IssuedApiToken(key=key, expiry=token.expiry)


def api_tokens_revoke(*, actor: Actor | None, user: User) -> int:
    """Revoke every API token of the user. Returns how many were revoked."""
    with transaction.atomic():
        revoked, _per_model = get_token_model().objects.filter(user=user).delete()
    log_event("api_token revoke", obj=f"user:{user.pk}", result="ok", actor=actor, revoked=revoked)
    return int(revoked)


def api_token_get_or_create(*, user: User) -> IssuedApiToken:
    """Kept for existing callers (tests, scripts). A hashed token cannot be fetched again, so this always
    issues a new one; new code calls api_token_create with the actor."""
    return api_token_create(actor=None, user=user)


# --- Second factor (TOTP and recovery codes) ------------------------------------------------------

#: How many recovery codes a user gets; each works once.
RECOVERY_CODE_COUNT = 10
_ENROLMENT_DEVICE = "Authenticator-app"


def otp_has_device(*, user: User) -> bool:
    """Whether the user has enrolled (a confirmed authenticator app)."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def otp_enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator device a user enrols with: made once, shown until confirmed.

    Refused for a user who already has a confirmed device: a password alone must never be enough to add a
    second factor (the beheerder removes the old device first, see docs/permissions.md).
    """
    if otp_has_device(user=user):
        raise DomainError(_("U hebt de tweestapsverificatie al ingesteld."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_ENROLMENT_DEVICE, confirmed=False)
    return device


def otp_enrolment_confirm(*, actor: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm an authenticator app with a code it shows and hand out fresh recovery codes.

    Returns the recovery codes in clear: the caller shows them once; only their digests are stored.
    """
    if device.user_id != actor.pk or device.confirmed:
        raise DomainError(_("Deze koppeling hoort niet bij uw account."))
    code = "".join(token.split())
    with transaction.atomic():
        # Locked, so two tabs cannot confirm at once; a wrong code's throttling count is kept (committed).
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        accepted = locked.verify_is_allowed()[0] and locked.verify_token(code)
    if not accepted:
        log_event("otp enrol", obj=f"user:{actor.pk}", result="refused", actor=actor, reason="wrong-code")
        raise DomainError(
            _("Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en probeer opnieuw."),
            field="token",
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
        codes = otp_recovery_codes_renew(actor=actor)
    device.refresh_from_db()
    log_event("otp enrol", obj=f"user:{actor.pk}", result="ok", actor=actor)
    return codes


def otp_recovery_codes_renew(*, actor: User) -> list[str]:
    """Replace the actor's recovery codes with RECOVERY_CODE_COUNT new ones; returns them in clear, once."""
    with transaction.atomic():
        RecoveryCodes.objects.filter(user=actor).delete()
        device = RecoveryCodes.objects.create(user=actor, name=str(_("Herstelcodes")), confirmed=True)
        codes = [StaticToken.random_token() for _n in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=recovery_code_digest(code)) for code in codes
        )
    log_event("otp recovery codes renew", obj=f"user:{actor.pk}", result="ok", actor=actor)
    return codes


def otp_token_verify(*, actor: User, token: str) -> TOTPDevice | RecoveryCodes:
    """The device that accepts the code: six digits from the authenticator app, or a recovery code (which
    is used up). Wrong codes slow further tries down (django-otp's throttling, per device)."""
    code = "".join(token.split())
    model: type[TOTPDevice] | type[RecoveryCodes] = (
        TOTPDevice if len(code) == 6 and code.isdigit() else RecoveryCodes
    )
    kind = "totp" if model is TOTPDevice else "recovery-code"
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=actor, confirmed=True).order_by("pk").first()
        if device is None:
            log_event(
                "otp verify",
                obj=f"user:{actor.pk}",
                result="refused",
                actor=actor,
                kind=kind,
                reason="no-device",
            )
            raise DomainError(_("Deze code klopt niet."), field="token")
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            log_event(
                "otp verify",
                obj=f"user:{actor.pk}",
                result="refused",
                actor=actor,
                kind=kind,
                reason="throttled",
            )
            raise DomainError(
                _("Te veel onjuiste codes achter elkaar. Wacht een minuut en probeer het opnieuw."),
                field="token",
            )
        accepted = device.verify_token(code)
    if not accepted:
        log_event(
            "otp verify",
            obj=f"user:{actor.pk}",
            result="refused",
            actor=actor,
            kind=kind,
            reason="wrong-code",
        )
        raise DomainError(_("Deze code klopt niet."), field="token")
    log_event("otp verify", obj=f"user:{actor.pk}", result="ok", actor=actor, kind=kind)
    return device
