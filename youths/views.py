"""HTML pages for youths, signals, matches, flags, duplicates and rules. Thin: gateway, service, render.

Every page that shows a youth's personal data writes the read log (core.readlog).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.forms import add_domain_error
from core.pagination import cursor_page
from core.readlog import log_read, log_reads

from . import selectors, services
from .forms import (
    CombinationRuleForm,
    FlagCloseForm,
    MatchFollowUpForm,
    SignalFieldsForm,
    SignalLogForm,
    SignalWithdrawForm,
)
from .models import CombinationRule, Youth
from .rules import rule_in_words


def youth_pages(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, and a role that works with youths (partner, procesregisseur, projectleider)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.may_use_youth_pages(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def role_permission(perm: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not selectors.has_role_permission(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _log_youths(request: HttpRequest, youths: Iterable[Youth], what: str) -> None:
    unique = {youth.pk: youth for youth in youths}
    log_reads(user=request.user, subjects=unique.values(), what=what, path=request.path)


# --- Youths ----------------------------------------------------------------------------------------


@youth_pages
def youth_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("zoek", "").strip()[:100]
    page = cursor_page(
        request,
        selectors.youth_list_for_user(user=request.user, search=search),
        ordering=("-activity_at", "-id"),
    )
    _log_youths(request, page.items, _("lijst van jongeren"))
    return render(
        request,
        "youths/youth_list.html",
        {"page": page, "search": search, "sees_all": selectors.sees_all_youths(request.user)},
    )


@youth_pages
def youth_detail(request: HttpRequest, youth_id: int) -> HttpResponse:
    youth = selectors.youth_get_for_user(user=request.user, youth_id=youth_id)
    if youth is None:
        raise Http404
    user = request.user
    matches = list(selectors.match_list_for_user(user=user, youth=youth).order_by("-created_at")[:20])
    can_follow_up = selectors.has_role_permission(user, "youths.change_match")
    log_read(user=user, subject=youth, what=_("jongere bekeken"), path=request.path)
    return render(
        request,
        "youths/youth_detail.html",
        {
            "youth": youth,
            "involvements": selectors.involvement_list_for_youth(youth=youth),
            "signals": selectors.signal_list_for_user(user=user, youth=youth).order_by("-observed_on", "-id")[
                :200
            ],
            "matches": [
                (m, MatchFollowUpForm(match=m) if can_follow_up and not m.is_followed_up else None)
                for m in matches
            ],
            "flags": selectors.flag_list_for_user(user=user, status=None, youth=youth)[:20],
            "sees_all": selectors.sees_all_youths(user),
            "can_log": selectors.has_role_permission(user, "youths.add_signal"),
            "can_read_log": selectors.has_role_permission(user, "youths.view_youth_readlog"),
        },
    )


@role_permission("youths.view_youth_readlog")
def youth_read_log(request: HttpRequest, youth_id: int) -> HttpResponse:
    youth = selectors.youth_get_for_user(user=request.user, youth_id=youth_id)
    if youth is None:
        raise Http404
    # Logged first, so that the count and the rows the page shows are of the same moment.
    log_read(user=request.user, subject=youth, what=_("leeslog bekeken"), path=request.path)
    page = Paginator(selectors.youth_read_log_for_user(user=request.user, youth=youth), 50).get_page(
        request.GET.get("pagina")
    )
    return render(request, "youths/youth_read_log.html", {"youth": youth, "page": page})


# --- Signals ---------------------------------------------------------------------------------------


@youth_pages
def signal_list(request: HttpRequest) -> HttpResponse:
    """A partner: its own organisation's signals. The procesregisseur and projectleider: all signals."""
    sees_all = selectors.sees_all_youths(request.user)
    signals = selectors.signal_list_for_user(user=request.user, own_only=not sees_all)
    page = cursor_page(request, signals, ordering=("-created_at", "-id"))
    _log_youths(request, (s.youth for s in page.items), _("lijst van signalen"))
    return render(request, "youths/signal_list.html", {"page": page, "sees_all": sees_all})


@role_permission("youths.add_signal")
def signal_create(request: HttpRequest) -> HttpResponse:
    youth = None
    youth_id = request.GET.get("jongere") or request.POST.get("jongere")
    if youth_id:
        youth = selectors.youth_get_for_user(user=request.user, youth_id=youth_id)
        if youth is None:
            raise Http404
    form = SignalLogForm(request.POST or None, youth=youth, initial={"observed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            signal = services.signal_log(
                actor=request.user, youth=youth, identity_data=form.identity(), **form.signal_fields()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Het signaal is vastgelegd."))
            return redirect("youths:detail", youth_id=signal.youth_id)
    if youth is not None:
        log_read(user=request.user, subject=youth, what=_("signaal melden"), path=request.path)
    return render(request, "youths/signal_form.html", {"form": form, "youth": youth})


@role_permission("youths.change_signal")
def signal_change(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = selectors.signal_get_for_user(user=request.user, signal_id=signal_id)
    if signal is None:
        raise Http404
    initial = {name: getattr(signal, name) for name in SignalFieldsForm.FIELDS}
    form = SignalFieldsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and signal.withdrawn_at is None:
        try:
            services.signal_correct(actor=request.user, signal=signal, **form.signal_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Het signaal is gecorrigeerd."))
            return redirect("youths:detail", youth_id=signal.youth_id)
    log_read(user=request.user, subject=signal.youth, what=_("signaal corrigeren"), path=request.path)
    return render(
        request,
        "youths/signal_change.html",
        {"form": form, "signal": signal, "withdraw_form": SignalWithdrawForm()},
    )


@require_POST
@role_permission("youths.change_signal")
def signal_withdraw(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = selectors.signal_get_for_user(user=request.user, signal_id=signal_id)
    if signal is None:
        raise Http404
    form = SignalWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.signal_withdraw(actor=request.user, signal=signal, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Het signaal is ingetrokken."))
            # The youth may now be out of reach (it was the organisation's last reason).
            if selectors.youth_get_for_user(user=request.user, youth_id=signal.youth_id) is None:
                return redirect("youths:list")
            return redirect("youths:detail", youth_id=signal.youth_id)
    return render(
        request,
        "youths/signal_change.html",
        {
            "form": SignalFieldsForm(initial={"domain": signal.domain}),
            "signal": signal,
            "withdraw_form": form,
        },
        status=400,
    )


# --- Matches ---------------------------------------------------------------------------------------


@youth_pages
def match_list(request: HttpRequest) -> HttpResponse:
    overdue = request.GET.get("opvolging") == "te-laat"
    days = settings.MATCH_FOLLOW_UP_DAYS
    cutoff = timezone.now() - timezone.timedelta(days=days)
    matches = selectors.match_list_for_user(user=request.user, overdue_before=cutoff if overdue else None)
    matches = matches.order_by("created_at", "id") if overdue else matches.order_by("-created_at", "-id")
    page = Paginator(matches, 25).get_page(request.GET.get("pagina"))
    _log_youths(request, (m.youth for m in page), _("lijst van matches"))
    return render(
        request,
        "youths/match_list.html",
        {"page": page, "overdue": overdue, "days": days, "cutoff": cutoff},
    )


@require_POST
@role_permission("youths.change_match")
def match_follow_up(request: HttpRequest, match_id: int) -> HttpResponse:
    match = selectors.match_get_for_user(user=request.user, match_id=match_id)
    if match is None:
        raise Http404
    form = MatchFollowUpForm(request.POST, match=match)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.match_follow_up(
                actor=request.user,
                match=match,
                in_touch_on=data["in_touch_on"],
                lead_organisation=data["lead_organisation"],
                note=data["note"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("De opvolging van de match is vastgelegd."))
            return redirect("youths:detail", youth_id=match.youth_id)
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect("youths:detail", youth_id=match.youth_id)


# --- Flags -----------------------------------------------------------------------------------------


@role_permission("youths.view_flag")
def flag_list(request: HttpRequest) -> HttpResponse:
    """The list for the early-signal meeting: youths a rule put on it, each with the reason in words."""
    closed = request.GET.get("status") == "afgehandeld"
    flags = selectors.flag_list_for_user(user=request.user, status="closed" if closed else "open")
    page = Paginator(flags, 25).get_page(request.GET.get("pagina"))
    _log_youths(request, (f.youth for f in page), _("lijst voor het vroegsignaleringsoverleg"))
    can_close = selectors.has_role_permission(request.user, "youths.change_flag")
    return render(
        request,
        "youths/flag_list.html",
        {"page": page, "closed": closed, "can_close": can_close, "close_form": FlagCloseForm()},
    )


@require_POST
@role_permission("youths.change_flag")
def flag_close(request: HttpRequest, flag_id: int) -> HttpResponse:
    flag = selectors.flag_get_for_user(user=request.user, flag_id=flag_id)
    if flag is None:
        raise Http404
    form = FlagCloseForm(request.POST)
    if form.is_valid():
        services.flag_close(actor=request.user, flag=flag, note=form.cleaned_data["note"])
        messages.success(request, _("De signalering is afgehandeld."))
    else:
        messages.error(request, _("Leg kort vast wat er met de signalering is gedaan."))
    return redirect("youths:flags")


# --- Duplicates ------------------------------------------------------------------------------------


@role_permission("youths.merge_youths")
def duplicate_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.duplicate_list_for_user(user=request.user), 25).get_page(
        request.GET.get("pagina")
    )
    _log_youths(
        request,
        (y for c in page for y in (c.youth_a, c.youth_b)),
        _("lijst van mogelijke dubbele registraties"),
    )
    return render(request, "youths/duplicate_list.html", {"page": page})


@require_POST
@role_permission("youths.merge_youths")
def duplicate_decide(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.duplicate_get_for_user(user=request.user, candidate_id=candidate_id)
    if candidate is None:
        raise Http404
    decision = request.POST.get("besluit")
    if decision == "verschillend":
        services.duplicate_dismiss(actor=request.user, candidate=candidate)
        messages.success(request, _("Vastgelegd: dit zijn verschillende jongeren."))
        return redirect("youths:duplicates")
    pair = {str(candidate.youth_a_id): candidate.youth_a, str(candidate.youth_b_id): candidate.youth_b}
    survivor = pair.get(request.POST.get("behouden", ""))
    if decision != "samenvoegen" or survivor is None:
        messages.error(request, _("Kies welke registratie blijft bestaan."))
        return redirect("youths:duplicates")
    duplicate = candidate.youth_b if survivor.pk == candidate.youth_a_id else candidate.youth_a
    try:
        services.youth_merge(actor=request.user, survivor=survivor, duplicate=duplicate)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("youths:duplicates")
    messages.success(request, _("De registraties zijn samengevoegd."))
    return redirect("youths:detail", youth_id=survivor.pk)


# --- Combination rules -----------------------------------------------------------------------------


@role_permission("youths.view_combinationrule")
def rule_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.combination_rule_list(), 25).get_page(request.GET.get("pagina"))
    rules = [(rule, rule_in_words(rule, [c.name for c in rule.categories.all()])) for rule in page]
    return render(
        request,
        "youths/rule_list.html",
        {
            "page": page,
            "rules": rules,
            "can_change": selectors.has_role_permission(request.user, "youths.change_combinationrule"),
        },
    )


def _rule_form(request: HttpRequest, rule: CombinationRule | None) -> HttpResponse:
    form = CombinationRuleForm.for_rule(rule, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.combination_rule_save(actor=request.user, rule=rule, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Regel ‘%(name)s’ is opgeslagen. Bestaande signalen worden opnieuw beoordeeld.")
                % {"name": saved.name},
            )
            return redirect("youths:rules")
    return render(request, "youths/rule_form.html", {"form": form, "rule": rule})


@role_permission("youths.add_combinationrule")
def rule_create(request: HttpRequest) -> HttpResponse:
    return _rule_form(request, None)


@role_permission("youths.change_combinationrule")
def rule_change(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = selectors.combination_rule_list().filter(pk=rule_id).first()
    if rule is None:
        raise Http404
    return _rule_form(request, rule)
