from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Notes and reasons are free text and may name a person: the change log records that they
        # changed, not what they say (AUDITLOG_MASK_CALLABLE, core.audit.hide_text). The plan's own
        # definitions (indicator definitions, targets) are policy text and stay readable.
        free_text = {
            models.Indicator: ["ministry_note"],
            models.PdcaProposal: ["text", "decision_note"],
            models.Activity: ["place", "audience"],
            models.PeriodTransition: ["reason"],
            models.Measurement: ["note"],
            models.MeasurementCorrection: ["reason"],
            models.PdcaCycle: ["plan", "do", "check_notes", "act_adjustment", "act_reason"],
            models.RiskReview: ["measures"],
            models.BudgetAllocation: ["note"],
            models.BudgetCommitment: ["description"],
            models.BudgetSpending: ["description"],
        }
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
            models.PdcaProposal,
            models.Activity,
            models.RiskReview,
            models.BudgetAllocation,
            models.BudgetCommitment,
            models.BudgetSpending,
        ):
            auditlog.register(model, mask_fields=free_text.get(model, []))
        # Reports: their status and who asked for them; not their (large) contents.
        auditlog.register(models.Report, include_fields=["status", "version", "requested_by"])
