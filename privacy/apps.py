from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy: rechten van betrokkenen en toegangsreview"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Free text about a youth or a person: the change log records that it changed, not what it says.
        auditlog.register(
            models.DataSubjectRequest,
            mask_fields=["requester", "description", "extension_reason", "outcome_note"],
        )
        auditlog.register(models.RequestRouting, mask_fields=["answer"])
        auditlog.register(models.AccessReview, mask_fields=["findings", "actions"])
