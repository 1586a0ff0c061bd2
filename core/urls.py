from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.notifications, name="notifications"),
    path("<int:notification_id>/gelezen/", views.notification_read, name="notification_read"),
    path("alles-gelezen/", views.notification_read_all, name="notification_read_all"),
]
