from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicatoren/", views.indicator_list, name="indicators"),
    path("indicatoren/<str:code>/", views.indicator_detail, name="indicator"),
    path("perioden/", views.period_list, name="periods"),
    path("perioden/<str:code>/", views.period_detail, name="period"),
    path("pdca/", views.pdca_list, name="pdca"),
    path("pdca/<str:track>/<str:code>/", views.pdca_cycle, name="pdca_cycle"),
    path("risicos/", views.risks, name="risks"),
    path("budget/", views.budget, name="budget"),
    path("context/", views.context, name="context"),
    path("rapportages/", views.report_list, name="reports"),
    path("rapportages/<int:pk>/", views.report_detail, name="report"),
    path("rapportages/<int:pk>/xlsx/", views.report_xlsx, name="report_xlsx"),
    path("rapportages/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
