from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Gebruikers en organisaties"

    def ready(self) -> None:
        # Roles are groups whose permissions are defined in code (accounts/roles.py); they are
        # brought in line after every migrate, when all apps' permissions exist.
        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")
