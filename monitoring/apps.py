from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.ContextIndicator,
            models.ContextIndicatorValue,
            models.ContextIndicatorRevision,
            models.Indicator,
            models.ReportingPeriod,
            models.PeriodTransition,
            models.Target,
            models.Measurement,
            models.MeasurementCorrection,
            models.PdcaCycle,
            models.RiskReview,
            models.BudgetAllocation,
            models.BudgetCommitment,
            models.BudgetSpending,
        ):
            auditlog.register(model)
        # Reports: their status and who asked for them; not their (large) contents.
        auditlog.register(models.Report, include_fields=["status", "version", "requested_by"])
