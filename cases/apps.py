from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Overleg, casussen en groepen"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.utils.translation import gettext_lazy as _

        from youths.grounds import register_ground
        from youths.merge import register_merge_step
        from youths.rule_statistics import register_rule_statistics

        from . import grounds, models
        from .selectors.rule_statistics import combination_rule_statistics
        from .services.merge import youth_case_data_move

        # Need-to-know grounds of the procesregisseur (youths/grounds.py, docs/privacy-rights.md).
        register_ground("agenda_item", _("op de agenda van een overleg"), grounds.agenda_youth_ids)
        register_ground("case", _("in een casus"), grounds.case_youth_ids)
        register_ground("group", _("lid van een jeugdgroep"), grounds.group_youth_ids)
        register_ground("referral", _("verzoek tot bespreking van een partner"), grounds.referral_youth_ids)

        # What became of each combination rule's flags, for the rules page (youths/rule_statistics.py).
        register_rule_statistics(combination_rule_statistics)

        # A merge of two youth records carries the cases app's records about the duplicate along.
        register_merge_step("case_data", youth_case_data_move)

        auditlog.register(models.LegalBasis)
        auditlog.register(models.FollowUpType, m2m_fields={"authorised_kinds"})
        # Free text (minutes, reasons, notes, names typed in) is masked: the change log records that it
        # changed, not what it says (AUDITLOG_MASK_CALLABLE, core.audit.hide_text).
        auditlog.register(
            models.Meeting,
            m2m_fields={"attending_organisations", "attendees"},
            mask_fields=["other_attendees"],
        )
        auditlog.register(
            models.AgendaItem,
            m2m_fields={"absent_organisations"},
            mask_fields=["minutes", "decision_reason", "legal_basis_note"],
        )
        free_text = {
            models.Case: ["reason", "retention_hold_reason"],
            models.CaseTransition: ["reason"],
            models.CaseGoal: ["description"],
            models.Action: ["description", "response_reason", "result_note"],
            models.Enrolment: ["result_note"],
            models.FamilyLink: ["member_name"],
            models.YouthGroupStep: ["notes"],
        }
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
            auditlog.register(model, mask_fields=free_text.get(model, []))
