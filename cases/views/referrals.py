"""HTML pages for referrals (aanmeldingen): a partner asks to discuss a youth; the procesregisseur triages.

Objects come only from the gateways (youths.selectors for the youth, cases.selectors.referrals for the
referral; out of reach -> 404). Pages that show a youth's personal data write the read log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import AuthenticatedRequest, role_required
from core.forms import attempt
from core.readlog import log_read, log_reads
from youths.selectors import youth_get_for_user

from ..forms import referrals as referral_forms
from ..models import Referral
from ..selectors import referrals as referral_selectors
from ..services import referrals as referral_services
from .shared import page_of

STATUSES = {
    "open": gettext_lazy("Te beoordelen"),
    "beoordeeld": gettext_lazy("Beoordeeld"),
    "": gettext_lazy("Alle"),
}


@role_required(referral_selectors.may_use_referrals)
def referral_list(request: AuthenticatedRequest) -> HttpResponse:
    """Aanmeldingen: for the procesregisseur all (open first by default), for a partner its own."""
    sees_all = referral_selectors.sees_all_referrals(request.user)
    status = request.GET.get("status", "open" if sees_all else "")
    status = status if status in STATUSES else ""
    oldest_first = request.GET.get("volgorde") == "oudste"
    page = page_of(
        request,
        referral_selectors.referral_list_for_user(
            user=request.user, status=status, oldest_first=oldest_first
        ),
    )
    log_reads(
        user=request.user,
        subjects=[r.youth for r in page],
        what=_("lijst van aanmeldingen"),
        path=request.path,
    )
    return render(
        request,
        "cases/referral_list.html",
        {
            "page": page,
            "status": status,
            "statuses": STATUSES.items(),
            "oldest_first": oldest_first,
            "sees_all": sees_all,
        },
    )


@role_required(referral_selectors.may_refer)
def referral_create(request: AuthenticatedRequest, youth_id: int) -> HttpResponse:
    """Bespreking aanvragen: only for a youth the partner's organisation may read."""
    youth = youth_get_for_user(user=request.user, youth_id=youth_id)
    if youth is None:
        raise Http404
    form = referral_forms.ReferralForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        referral = attempt(
            form,
            lambda: referral_services.referral_submit(
                actor=request.user,
                youth=youth,
                question=data["question"],
                domains=data["domains"],
                tried=data["tried"],
            ),
        )
        if referral is not None:
            messages.success(
                request,
                _("Uw aanmelding is verstuurd. U krijgt een melding zodra de procesregisseur beslist."),
            )
            return redirect("cases:referral", referral.pk)
    log_read(user=request.user, subject=youth, what=_("jongere aanmelden voor bespreking"), path=request.path)
    return render(
        request,
        "cases/referral_form.html",
        {"form": form, "youth": youth},
        status=400 if form.errors else 200,
    )


def _referral_or_404(request: AuthenticatedRequest, referral_id: int) -> Referral:
    referral = referral_selectors.referral_get_for_user(user=request.user, referral_id=referral_id)
    if referral is None:
        raise Http404
    return referral


@role_required(referral_selectors.may_use_referrals)
def referral_detail(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    """One referral; the procesregisseur triages it here (POST)."""
    referral = _referral_or_404(request, referral_id)
    can_triage = referral_selectors.may_triage(request.user) and referral.is_open
    form = None
    if can_triage:
        form = referral_forms.TriageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            done = attempt(
                form,
                lambda: referral_services.referral_triage(
                    actor=request.user,
                    referral=referral,
                    outcome=data["outcome"],
                    text=data["text"],
                    route=data["route"],
                    meeting=data["meeting"],
                ),
            )
            if done is not None:
                messages.success(
                    request, _("De aanmelding is beoordeeld; de aanmelder heeft een melding gekregen.")
                )
                return redirect("cases:referral", referral.pk)
    log_read(user=request.user, subject=referral.youth, what=_("aanmelding bekeken"), path=request.path)
    return render(
        request,
        "cases/referral_detail.html",
        {"referral": referral, "form": form, "agenda_items": list(referral.agenda_items.all())},
        status=400 if form is not None and form.errors else 200,
    )
