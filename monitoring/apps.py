from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        # Register the tasks with the Celery app in every process, not only in the worker: the
        # outbox runs them in-process by name when no broker is configured (local default).
        from . import models, tasks  # noqa: F401

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
