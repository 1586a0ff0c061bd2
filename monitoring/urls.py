from django.urls import path

from .views import activities, budget, context, dashboard, indicators, partners, periods, planning, reports

app_name = "monitoring"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("indicatoren/", indicators.indicator_list, name="indicators"),
    path("indicatoren/<str:code>/", indicators.indicator_detail, name="indicator"),
    path("indicatoren/<str:code>/invoeren/", indicators.indicator_enter, name="indicator_enter"),
    path("indicatoren/<str:code>/doel/", indicators.indicator_target, name="indicator_target"),
    path("indicatoren/<str:code>/corrigeren/", indicators.indicator_correct, name="indicator_correct"),
    path("partner/", partners.partner_monitoring, name="partner"),
    path("partner/<str:code>/invoeren/", partners.partner_measurement_enter, name="partner_enter"),
    path("partner/indienen/", partners.partner_measurement_submit, name="partner_submit"),
    path("cijfers/goedkeuren/", partners.measurement_approve_view, name="measurement_approve"),
    path("pdca/voorstel/", partners.pdca_proposal_add_view, name="pdca_proposal_add"),
    path("pdca/voorstel/besluit/", partners.pdca_proposal_decide_view, name="pdca_proposal_decide"),
    path("perioden/", periods.period_list, name="periods"),
    path("perioden/<str:code>/", periods.period_detail, name="period"),
    path("perioden/<str:code>/indienen/", periods.period_submit, name="period_submit"),
    path("perioden/<str:code>/goedkeuren/", periods.period_approve, name="period_approve"),
    path("perioden/<str:code>/terugzetten/", periods.period_return, name="period_return"),
    path("perioden/<str:code>/heropenen/", periods.period_reopen, name="period_reopen"),
    path("pdca/", planning.pdca_list, name="pdca"),
    path("pdca/<str:track>/<str:code>/", planning.pdca_cycle, name="pdca_cycle"),
    path("pdca/<str:track>/<str:code>/opslaan/", planning.pdca_cycle_save, name="pdca_cycle_save"),
    path("risicos/", planning.risks, name="risks"),
    path("risicos/beoordelen/", planning.risk_review, name="risk_review"),
    path("budget/", budget.budget, name="budget"),
    path("budget/toewijzen/", budget.budget_allocate, name="budget_allocate"),
    path("budget/verplichten/", budget.budget_commit, name="budget_commit"),
    path("budget/uitgeven/", budget.budget_spend, name="budget_spend"),
    path("activiteiten/", activities.activity_list, name="activities"),
    path("context/", context.context, name="context"),
    path("context/inlezen/", context.context_import, name="context_import"),
    path("rapportages/", reports.report_list, name="reports"),
    path("rapportages/aanvragen/", reports.report_request, name="report_request"),
    path("rapportages/<int:pk>/", reports.report_detail, name="report"),
    path("rapportages/<int:pk>/xlsx/", reports.report_xlsx, name="report_xlsx"),
    path("rapportages/<int:pk>/pdf/", reports.report_pdf, name="report_pdf"),
]
