from django.apps import AppConfig


class TracksConfig(AppConfig):
    name = "tracks"
    verbose_name = "Plan van aanpak"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.Programme,
            models.Track,
            models.DesiredResult,
            models.TrackPartner,
            models.Intervention,
            models.MeasurableResult,
            models.Risk,
            models.BudgetYear,
            models.Milestone,
        ):
            auditlog.register(model)
