from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notifications, name="list"),
    path("<int:notification_id>/gelezen/", views.notification_read, name="read"),
    path("alles-gelezen/", views.notification_read_all, name="read_all"),
]
