"""The retention hold of an open case (docs/privacy.md): the procesregisseur records why the youth's data
must be kept past the retention age, or lifts it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import AuthenticatedRequest, role_required
from core.forms import attempt
from core.readlog import log_read

from ..forms.retention import RetentionHoldForm
from ..selectors import core as case_selectors
from ..services.retention import case_retention_hold_set


@role_required(case_selectors.MANAGE_CASES)
def case_retention_hold(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = case_selectors.case_get_for_user(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    form = RetentionHoldForm(
        request.POST if request.method == "POST" else None, initial={"reason": case.retention_hold_reason}
    )
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: case_retention_hold_set(
                actor=request.user, case=case, reason=form.cleaned_data["reason"]
            ),
        )
        if saved is not None:
            messages.success(
                request,
                _("De reden om langer te bewaren is vastgelegd.")
                if saved.retention_hold_reason
                else _("Er wordt niets langer bewaard dan de bewaartermijn."),
            )
            return redirect("cases:case", case_id=case.pk)
    log_read(user=request.user, subject=case.youth, what=_("bewaartermijn casus"), path=request.path)
    return render(
        request,
        "cases/case_retention.html",
        {"case": case, "form": form, "age": settings.YOUTH_RETENTION_AGE},
        status=400 if request.method == "POST" else 200,
    )
