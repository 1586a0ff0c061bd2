from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Overleg, casussen en groepen"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.LegalBasis)
        auditlog.register(models.FollowUpType, m2m_fields={"authorised_kinds"})
