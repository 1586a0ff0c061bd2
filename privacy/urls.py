from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/verzoeken/", views.request_list, name="requests"),
    path("privacy/verzoeken/nieuw/", views.request_create, name="request_create"),
    path("privacy/verzoeken/<int:request_id>/", views.request_detail, name="request"),
    path("privacy/jongeren/<int:youth_id>/inzage.pdf", views.youth_export_download, name="youth_export"),
    path("privacy/toegangsreview/", views.access_review, name="access_review"),
    path("privacy/toegangsreview/export.csv", views.access_review_export, name="access_review_export"),
]
