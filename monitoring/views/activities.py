"""Activities and information sessions (2.1.1, 2.1.4, 3.1.2): a list and a form to register one."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import AuthenticatedRequest, has_role_permission, role_required
from core.forms import attempt

from ..forms import ActivityForm
from ..models import Activity
from ..services.activities import activity_register
from .common import PAGE_SIZE

VIEW_ACTIVITIES = "monitoring.view_activity"


def _render(request: AuthenticatedRequest, form: ActivityForm, status: int = 200) -> HttpResponse:
    activities = Activity.objects.select_related("intervention", "registered_by").order_by("-held_on", "-id")
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "monitoring/activities.html",
        {
            "page": page,
            "form": form,
            "can_register": has_role_permission(request.user, "monitoring.add_activity"),
        },
        status=status,
    )


@role_required(VIEW_ACTIVITIES)
def activity_list(request: AuthenticatedRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, ActivityForm())
    if not has_role_permission(request.user, "monitoring.add_activity"):
        return HttpResponse(status=403)
    form = ActivityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        saved = attempt(form, lambda: activity_register(actor=request.user, **data))
        if saved is not None:
            messages.success(request, _("De activiteit is geregistreerd."))
            return redirect("monitoring:activities")
    return _render(request, form, status=400)
