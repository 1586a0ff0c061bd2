from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("overleggen/", views.meeting_list, name="meetings"),
    path("overleggen/nieuw/", views.meeting_create, name="meeting_create"),
    path("overleggen/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("overleggen/<int:meeting_id>/aanwezigheid/", views.meeting_attendance, name="meeting_attendance"),
    path(
        "overleggen/<int:meeting_id>/agenda/signaleringen/", views.agenda_from_flags, name="agenda_from_flags"
    ),
    path("overleggen/<int:meeting_id>/agenda/toevoegen/", views.agenda_add, name="agenda_add"),
    path(
        "overleggen/<int:meeting_id>/punten/<int:item_id>/grondslag/",
        views.item_legal_basis,
        name="item_legal_basis",
    ),
    path(
        "overleggen/<int:meeting_id>/punten/<int:item_id>/notulen/", views.item_minutes, name="item_minutes"
    ),
    path("overleggen/<int:meeting_id>/punten/<int:item_id>/actie/", views.item_action, name="item_action"),
    path(
        "overleggen/<int:meeting_id>/punten/<int:item_id>/besluit/", views.item_decision, name="item_decision"
    ),
    path("casussen/", views.case_board, name="board"),
    path("casussen/lijst/", views.case_list, name="cases"),
    path("casussen/nieuw/", views.case_create, name="case_create"),
    path("casussen/<int:case_id>/", views.case_detail, name="case"),
    path("casussen/<int:case_id>/status/", views.case_transition, name="case_transition"),
    path("casussen/<int:case_id>/sluiten/", views.case_close, name="case_close"),
    path("casussen/<int:case_id>/procesregie/", views.case_procesregie, name="case_procesregie"),
    path("casussen/<int:case_id>/organisaties/", views.case_organisation_add, name="case_organisation_add"),
    path(
        "casussen/<int:case_id>/organisaties/<int:row_id>/beeindigen/",
        views.case_organisation_end,
        name="case_organisation_end",
    ),
    path("casussen/<int:case_id>/doelen/", views.case_goal_add, name="case_goal_add"),
    path("casussen/<int:case_id>/doelen/<int:goal_id>/", views.case_goal_status, name="case_goal_status"),
    path("casussen/<int:case_id>/acties/", views.case_action_add, name="case_action_add"),
    path("casussen/<int:case_id>/deelnames/", views.case_enrolment_add, name="case_enrolment_add"),
    path(
        "casussen/<int:case_id>/deelnames/<int:enrolment_id>/beeindigen/",
        views.case_enrolment_end,
        name="case_enrolment_end",
    ),
    path("casussen/<int:case_id>/gezin/", views.case_family_add, name="case_family_add"),
    path("acties/", views.action_list, name="actions"),
    path("acties/<int:action_id>/", views.action_detail, name="action"),
    path("acties/<int:action_id>/reactie/", views.action_respond, name="action_respond"),
    path("acties/<int:action_id>/afronden/", views.action_finish, name="action_finish"),
    path("acties/<int:action_id>/opnieuw-toewijzen/", views.action_reassign, name="action_reassign"),
    path("groepen/", views.group_list, name="groups"),
    path("groepen/nieuw/", views.group_create, name="group_create"),
    path("groepen/<int:group_id>/", views.group_detail, name="group"),
    path("groepen/<int:group_id>/organisaties/", views.group_organisation_add, name="group_organisation_add"),
    path("groepen/<int:group_id>/leden/", views.group_member_add, name="group_member_add"),
    path(
        "groepen/<int:group_id>/leden/<int:member_id>/", views.group_member_update, name="group_member_update"
    ),
    path(
        "groepen/<int:group_id>/leden/<int:member_id>/casus/",
        views.group_member_case,
        name="group_member_case",
    ),
    path("groepen/<int:group_id>/stappen/<int:number>/", views.group_step, name="group_step"),
]
