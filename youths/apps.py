from django.apps import AppConfig


class YouthsConfig(AppConfig):
    name = "youths"
    verbose_name = "Jongeren en signalen"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Every change to personal data and to the managed lists is audited. The keys used for matching
        # are left out of the log: they are derived, and the BSN hash must not spread further.
        auditlog.register(models.Youth, exclude_fields=["name_key", "bsn_hash"])
        for model in (
            models.District,
            models.School,
            models.SignalCategory,
            models.Signal,
            models.Involvement,
            models.InvolvementReason,
            models.Match,
            models.Flag,
            models.DuplicateCandidate,
            models.YouthMerge,
        ):
            auditlog.register(model)
        auditlog.register(models.CombinationRule, m2m_fields={"categories"})
