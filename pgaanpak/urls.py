from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.views import health

from . import views

# A body Django refuses before any view reads it (too large, too many fields): 413/400 in Dutch, as
# problem+json under /api/ (core/http.py).
handler400 = "core.http.bad_request"

admin.site.site_header = _("pgaanpak beheer")
admin.site.site_title = _("pgaanpak beheer")

urlpatterns = [
    path("", views.programme, name="programme"),
    path("health/", health, name="health"),
    path("beheer/", admin.site.urls),
    path("account/", include("accounts.urls")),
    path("api/v1/", include(("pgaanpak.api_urls", "api"), namespace="api")),
    path("monitoring/", include("monitoring.urls")),
    path("meldingen/", include("accounts.notification_urls")),
    path("", include("youths.urls")),
    path("", include("cases.urls")),
    path("", include("privacy.urls")),
    path("", include("tracks.urls")),
]
