from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Overleg, casussen en groepen"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

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
