from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Gebruikers en organisaties"

    def ready(self) -> None:
        # Roles are groups whose permissions are defined in code (accounts/roles.py); they are
        # brought in line after every migrate, when all apps' permissions exist.
        from auditlog.registry import auditlog

        from . import models, security
        from .roles import sync_roles_after_migrate

        auditlog.register(models.OrganisationKind)
        auditlog.register(models.Organisation)
        auditlog.register(models.SharingBasis, mask_fields=["description"])
        # Never copy password hashes or login times into the change log.
        auditlog.register(models.User, exclude_fields=["password", "last_login"], m2m_fields={"groups"})
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")
        # A log line for every login attempt, and the login time that bounds the session.
        security.connect()
