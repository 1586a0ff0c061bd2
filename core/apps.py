from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Platform"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from .security_log import on_login, on_login_failed, on_logout

        user_logged_in.connect(on_login, dispatch_uid="core.security_log.login")
        user_login_failed.connect(on_login_failed, dispatch_uid="core.security_log.login_failed")
        user_logged_out.connect(on_logout, dispatch_uid="core.security_log.logout")
