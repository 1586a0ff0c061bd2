from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AgreedItem


class OrganisationKind(models.Model):
    """Managed list of kinds of organisation (politie, jongerenwerk, school, ...).

    The follow-up catalogue later says which kinds may take which action, so the code is stable.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("soort organisatie")
        verbose_name_plural = _("soorten organisaties")

    def __str__(self) -> str:
        return self.name


class SharingBasis(AgreedItem):
    """The agreed ground on which an organisation shares personal data on the platform (AVG art. 6).

    A covenant with its articles (for the police: Wpg art. 16 and 19), set by the beheerder. Every signal,
    match notice, case role, action and police name list records the basis of the organisation that
    shares, as a foreign key and a frozen text copy (`snapshot`): a later edit of the covenant does not
    rewrite what was recorded. It lives here, below youths and cases, because all of them record it;
    `cases.LegalBasis` is a different list: the grounds for discussing a youth in a meeting.
    """

    covenant = models.CharField(_("convenant of regeling"), max_length=200)
    articles = models.CharField(
        _("artikel(en)"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Wpg art. 16 en 19; AVG art. 6 lid 1 sub e."),
    )
    agreement_date = models.DateField(_("datum van de overeenkomst"), null=True, blank=True)
    description = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["covenant", "articles"]
        verbose_name = _("grondslag voor delen")
        verbose_name_plural = _("grondslagen voor delen")
        constraints = [
            models.UniqueConstraint(fields=["covenant", "articles"], name="sharing_basis_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.covenant}, {self.articles}"

    def snapshot(self) -> str:
        """The text recorded with a share, frozen at that moment."""
        text = str(self)
        if self.agreement_date:
            text += f" ({self.agreement_date:%d-%m-%Y})"
        if not self.is_agreed:
            text += f" [{_('grondslag in concept')}]"
        return text


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.ForeignKey(OrganisationKind, on_delete=models.PROTECT, verbose_name=_("soort"))
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail contact"), blank=True)
    contact_phone = models.CharField(_("telefoon contact"), max_length=40, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    sharing_basis = models.ForeignKey(
        SharingBasis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("grondslag voor delen"),
        help_text=_("Zonder afgesproken grondslag kan de organisatie geen signalen melden."),
    )
    # Object permissions (django-guardian) on youths and cases are granted to this group, so that
    # access follows the organisation's involvement, not the individual user. Every member of the
    # organisation is in it (accounts.services.user_sync_groups).
    access_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="organisation"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name

    def sharing_basis_record(self) -> tuple[SharingBasis | None, str]:
        """What a share by this organisation records: its basis and the frozen text of it (or a note)."""
        basis = self.sharing_basis
        if basis is None:
            return None, str(_("geen grondslag vastgelegd"))
        return basis, basis.snapshot()


class RecordedBasis(models.Model):
    """The sharing organisation's basis as it was when the data were shared (see SharingBasis)."""

    sharing_basis = models.ForeignKey(
        SharingBasis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("grondslag voor delen"),
    )
    sharing_basis_text = models.CharField(_("grondslag (zoals vastgelegd)"), max_length=450, blank=True)

    class Meta:
        abstract = True

    def record_basis_of(self, organisation: Organisation) -> None:
        """Set both fields from the organisation's current basis (called by the services on create)."""
        self.sharing_basis, self.sharing_basis_text = organisation.sharing_basis_record()


class Role(models.TextChoices):
    PROJECTLEIDER = "projectleider", _("Projectleider")
    PROCESREGISSEUR = "procesregisseur", _("Procesregisseur")
    PARTNER = "partner", _("Partner")
    MINISTERIE = "ministerie", _("Ministerie")
    BEHEERDER = "beheerder", _("Beheerder")
    PRIVACYFUNCTIONARIS = "privacyfunctionaris", _("Privacyfunctionaris")


class User(AbstractUser):
    """A person who logs in. Belongs to exactly one organisation and has exactly one role.

    The role decides the user's permissions through the group of the same name (accounts/roles.py);
    code checks permissions (`user.has_perm`), never the role string.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="users", verbose_name=_("organisatie")
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    # Set only by `load_demo` on the accounts it creates. Only these may skip the second factor, and only
    # while settings.OTP_DEMO_EXEMPT is on, which production settings refuse (accounts/access.py).
    demo_account = models.BooleanField(_("demo-account"), default=False, editable=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            # Superusers made by createsuperuser for operators may lack both; everyone else has them.
            models.CheckConstraint(
                condition=models.Q(is_superuser=True)
                | (models.Q(organisation__isnull=False) & ~models.Q(role="")),
                name="user_has_organisation_and_role",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    # --- Sessions -----------------------------------------------------------------------------
    # Django stores this hash in the session at login and ends the session when it no longer matches
    # the user as loaded on a later request. Django hashes only the password; we add what decides the
    # user's access, so changing any of it ends the user's other sessions (docs/security.md). Keeping
    # the current session after one's own password change is Django's update_session_auth_hash.

    def session_auth_state(self) -> list[str]:
        """The state whose change ends the user's sessions: password, role, organisation, active flag and
        the confirmed authenticator apps (so enrolling, replacing or removing one ends other sessions;
        the enrolling session itself is kept by update_session_auth_hash). One indexed query a request."""
        devices = (
            TOTPDevice.objects.filter(user_id=self.pk, confirmed=True).order_by("pk").values_list("pk", "key")
            if self.pk
            else []
        )
        second_factor = ",".join(f"{pk}:{key}" for pk, key in devices)
        return [self.password, str(self.role), str(self.organisation_id), str(self.is_active), second_factor]

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Overrides Django's private helper (not get_session_auth_hash) so that SECRET_KEY_FALLBACKS
        # keep working: Django calls this with each fallback secret.
        return salted_hmac(
            "accounts.User.session_auth_hash",
            "\x1f".join(self.session_auth_state()),
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


def recovery_code_digest(code: str) -> str:
    """What is stored of a recovery code: a keyed hash (SECRET_KEY), cut to django-otp's 16 characters.

    django-otp keeps static tokens in clear; a copy of the database must not hand out second factors.
    """
    normalised = "".join(code.split()).lower()
    return salted_hmac("pgaanpak.recovery-code", normalised).hexdigest()[:16]


class RecoveryCodes(StaticDevice):
    """A user's one-time recovery codes: django-otp's static device, storing and checking digests only.

    A proxy, so the codes live in django-otp's own tables; the session remembers this class (its
    persistent id), so a code is always checked through `verify_token` below. A used code is deleted.
    """

    class Meta:
        proxy = True
        verbose_name = _("herstelcodes")
        verbose_name_plural = _("herstelcodes")

    def verify_token(self, token: str) -> bool:
        return bool(super().verify_token(recovery_code_digest(str(token))))
