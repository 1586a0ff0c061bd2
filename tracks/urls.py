from django.urls import path

from . import views

app_name = "tracks"

urlpatterns = [
    path("interventies/<str:code>/", views.intervention_detail, name="intervention"),
    path("interventies/<str:code>/erkenning/", views.intervention_evidence, name="intervention_evidence"),
    path("mijlpalen/", views.milestones, name="milestones"),
]
