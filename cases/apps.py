from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Overleg, casussen en groepen"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from youths.merge import register_merge_step

        from . import models
        from .services.merge import youth_case_data_move

        # A merge of two youth records carries the cases app's records about the duplicate along.
        register_merge_step("case_data", youth_case_data_move)

        auditlog.register(models.LegalBasis)
        auditlog.register(models.FollowUpType, m2m_fields={"authorised_kinds"})
        auditlog.register(models.Meeting, m2m_fields={"attending_organisations", "attendees"})
        auditlog.register(models.AgendaItem, m2m_fields={"absent_organisations"})
        for model in (
            models.Case,
            models.CaseTransition,
            models.CaseOrganisation,
            models.CaseGoal,
            models.Action,
            models.Enrolment,
            models.FamilyLink,
            models.FamilyMatchParticipant,
            models.YouthGroup,
            models.YouthGroupOrganisation,
            models.YouthGroupMember,
            models.YouthGroupStep,
        ):
            auditlog.register(model)
