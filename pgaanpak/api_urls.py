from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularJSONAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import routers
from rest_framework.routers import DefaultRouter

from accounts.access import RolePermission
from accounts.apis import OrganisationViewSet
from cases.apis.actions import ActionViewSet
from cases.apis.core import CaseViewSet
from cases.apis.groups import YouthGroupViewSet
from cases.apis.lists import FollowUpTypeViewSet
from cases.apis.meetings import MeetingViewSet
from cases.apis.referrals import ReferralViewSet
from monitoring.apis import InterventionFiguresView, MeasurementEntryView, ReportViewSet
from privacy.apis import DataSubjectRequestListView, YouthExportView
from tracks.apis import InterventionViewSet, TrackViewSet
from youths.apis import FlagViewSet, MatchViewSet, SignalCategoryViewSet, SignalViewSet, YouthViewSet


class APIRootView(routers.APIRootView):
    """The list of endpoints at /api/v1/: any logged-in user (the access toolkit)."""

    permission_classes = [RolePermission]


router = DefaultRouter()
router.APIRootView = APIRootView
router.register("tracks", TrackViewSet, basename="track")
router.register("interventions", InterventionViewSet, basename="intervention")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("monitoring/reports", ReportViewSet, basename="monitoring-report")
router.register("youths", YouthViewSet, basename="youth")
router.register("signals", SignalViewSet, basename="signal")
router.register("matches", MatchViewSet, basename="match")
router.register("flags", FlagViewSet, basename="flag")
router.register("signal-categories", SignalCategoryViewSet, basename="signal-category")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("cases", CaseViewSet, basename="case")
router.register("actions", ActionViewSet, basename="action")
router.register("groups", YouthGroupViewSet, basename="group")
router.register("follow-up-types", FollowUpTypeViewSet, basename="follow-up-type")

_docs_csp = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})

urlpatterns = [
    # NL API Design Rules (API-51): the OpenAPI document is published at the API's base.
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "monitoring/interventions/",
        InterventionFiguresView.as_view(),
        name="monitoring-interventions",
    ),
    path("monitoring/measurements/", MeasurementEntryView.as_view(), name="monitoring-measurements"),
    # The data subject's right of access (issue 10): everything about one youth, for the privacyfunctionaris.
    path("youths/<int:youth_id>/export/", YouthExportView.as_view(), name="youth-export"),
    path("privacy/requests/", DataSubjectRequestListView.as_view(), name="privacy-request-list"),
    # The documentation pages keep script-src 'self' (the split view serves Swagger UI's start script as
    # a file), but Swagger UI and Redoc write <style> elements and Redoc searches in a blob: worker.
    # These pages show the API's description, never personal data.
    path("docs/", _docs_csp(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("redoc/", _docs_csp(SpectacularRedocView.as_view(url_name="api:schema")), name="redoc"),
    path("", include(router.urls)),
]
