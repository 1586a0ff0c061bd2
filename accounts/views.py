"""Login, logout and the Meldingen page (the notifications of the user's organisation, read per person)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.selectors import notification_get_for_user, notification_list_for_user
from core.services import notification_mark_all_read, notification_mark_read

from .access import AuthenticatedRequest, role_required
from .forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@role_required()
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    """Meldingen: the notifications of the user's organisation it may see, newest first, unread (by this
    user) marked."""
    page = Paginator(notification_list_for_user(user=request.user).select_related("user"), 25).get_page(
        request.GET.get("pagina")
    )
    return render(request, "accounts/notifications.html", {"page": page})


@role_required()
@require_POST
def notification_read(request: AuthenticatedRequest, notification_id: int) -> HttpResponse:
    notification = notification_get_for_user(user=request.user, notification_id=notification_id)
    if notification is None:
        raise Http404
    notification_mark_read(actor=request.user, notification=notification)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect(notification.link or "notifications:list")
    return redirect("notifications:list")


@role_required()
@require_POST
def notification_read_all(request: AuthenticatedRequest) -> HttpResponse:
    count = notification_mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d melding gemarkeerd als gelezen.", "%(count)d meldingen gemarkeerd als gelezen.", count
        )
        % {"count": count},
    )
    return redirect("notifications:list")
