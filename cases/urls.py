from django.urls import path

from .views import actions as action_views
from .views import casework as casework_views
from .views import core as case_views
from .views import groups as group_views
from .views import meetings as meeting_views
from .views import referrals as referral_views
from .views import retention as retention_views

app_name = "cases"

urlpatterns = [
    path("aanmeldingen/", referral_views.referral_list, name="referrals"),
    path("aanmeldingen/<int:referral_id>/", referral_views.referral_detail, name="referral"),
    path("jongeren/<int:youth_id>/aanmelden/", referral_views.referral_create, name="referral_create"),
    path("overleggen/", meeting_views.meeting_list, name="meetings"),
    path("overleggen/nieuw/", meeting_views.meeting_create, name="meeting_create"),
    path("overleggen/<int:meeting_id>/", meeting_views.meeting_detail, name="meeting"),
    path(
        "overleggen/<int:meeting_id>/aanwezigheid/",
        meeting_views.meeting_attendance,
        name="meeting_attendance",
    ),
    path(
        "overleggen/<int:meeting_id>/agenda/signaleringen/",
        meeting_views.agenda_from_flags,
        name="agenda_from_flags",
    ),
    path("overleggen/<int:meeting_id>/agenda/toevoegen/", meeting_views.agenda_add, name="agenda_add"),
    path(
        "overleggen/<int:meeting_id>/punten/<int:item_id>/grondslag/",
        meeting_views.item_legal_basis,
        name="item_legal_basis",
    ),
    path(
        "overleggen/<int:meeting_id>/punten/<int:item_id>/notulen/",
        meeting_views.item_minutes,
        name="item_minutes",
    ),
    path(
        "overleggen/<int:meeting_id>/punten/<int:item_id>/actie/",
        meeting_views.item_action,
        name="item_action",
    ),
    path(
        "overleggen/<int:meeting_id>/punten/<int:item_id>/besluit/",
        meeting_views.item_decision,
        name="item_decision",
    ),
    path("casussen/", case_views.case_board, name="board"),
    path("casussen/lijst/", case_views.case_list, name="cases"),
    path("casussen/nieuw/", case_views.case_create, name="case_create"),
    path("casussen/<int:case_id>/", case_views.case_detail, name="case"),
    path("casussen/<int:case_id>/status/", case_views.case_transition, name="case_transition"),
    path("casussen/<int:case_id>/sluiten/", case_views.case_close, name="case_close"),
    path("casussen/<int:case_id>/procesregie/", case_views.case_procesregie, name="case_procesregie"),
    path("casussen/<int:case_id>/bewaren/", retention_views.case_retention_hold, name="case_retention_hold"),
    path(
        "casussen/<int:case_id>/organisaties/", case_views.case_organisation_add, name="case_organisation_add"
    ),
    path(
        "casussen/<int:case_id>/organisaties/<int:row_id>/beeindigen/",
        case_views.case_organisation_end,
        name="case_organisation_end",
    ),
    path("casussen/<int:case_id>/doelen/", case_views.case_goal_add, name="case_goal_add"),
    path(
        "casussen/<int:case_id>/doelen/<int:goal_id>/", case_views.case_goal_status, name="case_goal_status"
    ),
    path("casussen/<int:case_id>/acties/", case_views.case_action_add, name="case_action_add"),
    path("casussen/<int:case_id>/deelnames/", case_views.case_enrolment_add, name="case_enrolment_add"),
    path(
        "casussen/<int:case_id>/deelnames/<int:enrolment_id>/beeindigen/",
        case_views.case_enrolment_end,
        name="case_enrolment_end",
    ),
    path("casussen/<int:case_id>/gezin/", case_views.case_family_add, name="case_family_add"),
    path("gezinsmatches/<int:link_id>/", casework_views.family_match, name="family_match"),
    path(
        "casussen/<int:case_id>/overdracht/",
        casework_views.case_handover_propose,
        name="case_handover_propose",
    ),
    path("casussen/<int:case_id>/opschalen/", casework_views.case_escalate, name="case_escalate"),
    path(
        "casussen/<int:case_id>/opschaling-beeindigen/",
        casework_views.case_escalation_end,
        name="case_escalation_end",
    ),
    path(
        "casussen/<int:case_id>/nazorg-afronden/",
        casework_views.case_aftercare_close,
        name="case_aftercare_close",
    ),
    path("caseload/", casework_views.caseload, name="caseload"),
    path("overdrachten/<int:handover_id>/", casework_views.handover_detail, name="handover"),
    path(
        "overdrachten/<int:handover_id>/intrekken/",
        casework_views.handover_withdraw,
        name="handover_withdraw",
    ),
    path("acties/", action_views.action_list, name="actions"),
    path("acties/<int:action_id>/", action_views.action_detail, name="action"),
    path("acties/<int:action_id>/reactie/", action_views.action_respond, name="action_respond"),
    path("acties/<int:action_id>/afronden/", action_views.action_finish, name="action_finish"),
    path("acties/<int:action_id>/opnieuw-toewijzen/", action_views.action_reassign, name="action_reassign"),
    path("acties/<int:action_id>/uitkomst/", casework_views.action_assessment, name="action_assessment"),
    path("groepen/", group_views.group_list, name="groups"),
    path("groepen/nieuw/", group_views.group_create, name="group_create"),
    path("groepen/<int:group_id>/", group_views.group_detail, name="group"),
    path(
        "groepen/<int:group_id>/organisaties/",
        group_views.group_organisation_add,
        name="group_organisation_add",
    ),
    path("groepen/<int:group_id>/leden/", group_views.group_member_add, name="group_member_add"),
    path(
        "groepen/<int:group_id>/leden/<int:member_id>/",
        group_views.group_member_update,
        name="group_member_update",
    ),
    path(
        "groepen/<int:group_id>/leden/<int:member_id>/casus/",
        group_views.group_member_case,
        name="group_member_case",
    ),
    path("groepen/<int:group_id>/stappen/<int:number>/", group_views.group_step, name="group_step"),
    path("groepen/<int:group_id>/nieuwe-ronde/", group_views.group_round_start, name="group_round_start"),
]
