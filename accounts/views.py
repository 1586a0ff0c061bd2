"""Login in two steps (password, then a code from an authenticator app), logout, and the Meldingen page
(notifications, read per person).

The second step: `otp_verify` asks for the code (or a recovery code); `otp_setup` enrols a user who has no
authenticator app yet (first login) and shows the recovery codes once. Both are reachable with the
password step done and nothing more; every other page requires the second step (accounts/access.py).
"""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import attempt
from core.selectors import notification_get_for_user, notification_list_for_user
from core.services import notification_mark_all_read, notification_mark_read

from .access import AuthenticatedRequest, role_required, second_factor_passed
from .forms import LoginForm, OTPEnrolForm, OTPTokenForm
from .models import RecoveryCodes
from .services import otp_enrolment_confirm, otp_enrolment_device, otp_has_device, otp_token_verify


class LoginView(auth_views.LoginView):
    """Step one: the password. Unless the session has passed the second factor, it continues to step two."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if second_factor_passed(self.request.user):
            return url
        return f"{reverse(settings.OTP_VERIFY_URL)}?{urlencode({'next': url})}"


def _next_url(request: HttpRequest) -> str:
    """Where to go after the second step: the page asked for, if it is on this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': _next_url(request)})}")


def _second_step_done(request: AuthenticatedRequest, device: Any) -> None:
    """Mark the session verified with `device`, under a new session key (no fixation across the step)."""
    django_otp.login(request, device)
    request.session.cycle_key()
    # Confirming an app changes the user's session state (User.session_auth_state), which ends the user's
    # other sessions; this one stays.
    update_session_auth_hash(request, request.user)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: AuthenticatedRequest) -> HttpResponse:
    """Step two: a code from the authenticator app, or one of the recovery codes (each works once)."""
    if second_factor_passed(request.user):
        return redirect(_next_url(request))
    if not otp_has_device(user=request.user):
        return _with_next("accounts:otp_setup", request)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = attempt(form, lambda: otp_token_verify(actor=request.user, token=form.cleaned_data["token"]))
        if device is not None:
            _second_step_done(request, device)
            if isinstance(device, RecoveryCodes):
                left = device.token_set.count()
                messages.warning(
                    request,
                    ngettext(
                        "U hebt een herstelcode gebruikt; u hebt er nog %(count)d.",
                        "U hebt een herstelcode gebruikt; u hebt er nog %(count)d.",
                        left,
                    )
                    % {"count": left}
                    + " "
                    + _("Telefoon kwijt? Vraag de beheerder uw authenticator-app opnieuw te laten koppelen."),
                )
            return redirect(_next_url(request))
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/otp_verify.html",
        {"form": form, "next": _next_url(request), "hide_navigation": True},
        status=status,
    )


def _qr_svg(data: str) -> str:
    """The QR code of `data` as inline SVG (no script, no image request); dark on light for any theme."""
    svg = segno.make(data, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", title=_("QR-code voor uw authenticator-app")
    )
    return mark_safe(svg)  # noqa: S308 - segno writes the SVG itself from the otpauth URL, no user markup


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: AuthenticatedRequest) -> HttpResponse:
    """First login: link an authenticator app (scan the QR code or type the key), confirm with one code,
    then see the recovery codes, once."""
    if otp_has_device(user=request.user):
        # Enrolled already: a password alone must never add a second device.
        if second_factor_passed(request.user):
            return redirect(_next_url(request))
        return _with_next("accounts:otp_verify", request)
    device = otp_enrolment_device(user=request.user)
    form = OTPEnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = attempt(
            form,
            lambda: otp_enrolment_confirm(
                actor=request.user, device=device, token=form.cleaned_data["token"]
            ),
        )
        if codes is not None:
            _second_step_done(request, device)
            # Shown in this answer only: the database keeps digests, so nobody can show them again.
            return render(
                request,
                "accounts/otp_recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "hide_navigation": True},
            )
    secret = _grouped(b32encode(device.bin_key).decode())
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg": _qr_svg(device.config_url),
            "secret": secret,
            "hide_navigation": True,
        },
        status=400 if form.errors else 200,
    )


class LogoutView(auth_views.LogoutView):
    pass


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): the login page's place, with a clear
    message, status 429. It says nothing about whether the username exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )


@dataclass
class NotificationGroup:
    """The notifications of one page about one youth (or about no youth: `youth_id` None)."""

    youth_id: int | None
    heading: str
    items: list[Any] = field(default_factory=list)

    @property
    def unread(self) -> int:
        return sum(1 for n in self.items if not n.read_by_me_at)


def _grouped_per_youth(notifications: Any) -> list[NotificationGroup]:
    """Group one page per youth, the group with the newest notification first (issue 11)."""
    groups: dict[int | None, NotificationGroup] = {}
    for notification in notifications:
        group = groups.get(notification.youth_id)
        if group is None:
            heading = notification.youth_name if notification.youth_id is not None else _("Overige meldingen")
            group = groups[notification.youth_id] = NotificationGroup(notification.youth_id, heading)
        group.items.append(notification)
    return list(groups.values())


@role_required()
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    """Meldingen: the notifications of the user's organisation it may see, newest first, grouped per youth
    (a heading per youth), unread (by this user) marked. Notifications about a youth reach only the members
    whose role may read youths or cases (core's audience rule)."""
    page = Paginator(notification_list_for_user(user=request.user).select_related("user"), 25).get_page(
        request.GET.get("pagina")
    )
    return render(request, "accounts/notifications.html", {"page": page, "groups": _grouped_per_youth(page)})


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
