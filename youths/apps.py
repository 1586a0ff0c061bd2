from django.apps import AppConfig


class YouthsConfig(AppConfig):
    name = "youths"
    verbose_name = "Jongeren en signalen"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.utils.translation import gettext_lazy as _

        from . import models
        from .grounds import duplicate_youth_ids, flagged_youth_ids, register_ground

        # Need-to-know grounds of the lead roles (youths/grounds.py); the cases app adds its own.
        register_ground("flag", _("op de lijst voor het overleg (signalering)"), flagged_youth_ids)
        register_ground("duplicate", _("mogelijke dubbele registratie te beoordelen"), duplicate_youth_ids)

        # Every change to personal data and to the managed lists is audited. The keys used for matching
        # are left out of the log: they are derived, and the BSN hash must not spread further.
        auditlog.register(models.Youth, exclude_fields=["name_key", "bsn_hash"])
        for model in (
            models.District,
            models.School,
            models.SignalCategory,
            models.InvolvementReason,
            models.DuplicateCandidate,
            models.YouthMerge,
        ):
            auditlog.register(model)
        # Free text about a youth: the change log records that it changed, not what it says
        # (AUDITLOG_MASK_CALLABLE, core.audit.hide_text).
        auditlog.register(models.Signal, mask_fields=["description", "withdrawal_reason", "closure_reason"])
        auditlog.register(models.Involvement, mask_fields=["closure_reason"])
        auditlog.register(models.Match, mask_fields=["follow_up_note"])
        auditlog.register(models.Flag, mask_fields=["explanation", "closing_note"])
        auditlog.register(models.FamilyInforming, mask_fields=["postpone_reason"])
        auditlog.register(models.CombinationRule, m2m_fields={"categories"})
