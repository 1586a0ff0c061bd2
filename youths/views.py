"""HTML pages for youths, signals, matches, flags, duplicates and rules. Thin: gateway, service, render.

Every page that shows a youth's personal data writes the read log (core.readlog).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import AuthenticatedRequest, has_role_permission, role_required
from core.forms import attempt
from core.pagination import cursor_page
from core.readlog import log_read, log_reads

from . import selectors
from .forms import (
    CombinationRuleForm,
    DuplicateMergeForm,
    FamilyInformingForm,
    FlagCloseForm,
    MatchFollowUpForm,
    SignalCloseForm,
    SignalFieldsForm,
    SignalLogForm,
    SignalWithdrawForm,
)
from .grounds import grounds_for_youth
from .models import CombinationRule, Youth
from .rule_statistics import rule_statistics
from .rules import rule_in_words
from .services import flags as flag_services
from .services import informing as informing_services
from .services import lifecycle as lifecycle_services
from .services import matches as match_services
from .services import merging as merge_services
from .services import signals as signal_services
from .services import youths as youth_services


def _flash_form_errors(request: AuthenticatedRequest, form: forms.Form) -> None:
    """For the small forms posted from a list or detail page, which redirect back to that page: their
    errors (a service's refusal included, put there by `attempt`) are shown as messages there."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


# --- Youths ----------------------------------------------------------------------------------------


@role_required(selectors.may_use_youth_pages)
def youth_list(request: AuthenticatedRequest) -> HttpResponse:
    search = request.GET.get("zoek", "").strip()[:100]
    page = cursor_page(
        request,
        selectors.youth_list_for_user(user=request.user, search=search),
        ordering=("-activity_at", "-id"),
    )
    log_reads(user=request.user, subjects=page.items, what=_("lijst van jongeren"), path=request.path)
    return render(
        request,
        "youths/youth_list.html",
        {"page": page, "search": search, "sees_all": selectors.reads_by_ground(request.user)},
    )


@role_required(selectors.may_use_youth_pages)
def youth_detail(request: AuthenticatedRequest, youth_id: int) -> HttpResponse:
    youth = selectors.youth_get_for_user(user=request.user, youth_id=youth_id)
    if youth is None:
        raise Http404
    user = request.user
    matches = list(selectors.match_list_for_user(user=user, youth=youth).order_by("-created_at")[:20])
    can_follow_up = has_role_permission(user, "youths.change_match")
    involvements = list(selectors.involvement_list_for_youth(youth=youth))
    log_read(user=user, subject=youth, what=_("jongere bekeken"), path=request.path)
    return render(
        request,
        "youths/youth_detail.html",
        {
            "youth": youth,
            "involvements": involvements,
            "signals": selectors.signal_list_for_user(user=user, youth=youth).order_by("-observed_on", "-id")[
                :200
            ],
            "matches": [
                (m, MatchFollowUpForm(match=m) if can_follow_up and not m.is_followed_up else None)
                for m in matches
            ],
            "flags": selectors.flag_list_for_user(user=user, status=None, youth=youth, ordering="-raised_at")[
                :20
            ],
            "sees_all": selectors.reads_by_ground(user),
            "grounds": grounds_for_youth(user=user, youth=youth) if selectors.reads_by_ground(user) else [],
            "can_log": has_role_permission(user, "youths.add_signal"),
            # A partner asks the procesregisseur to discuss the youth (cases app, issue 11).
            "can_refer": has_role_permission(user, "cases.add_referral") and user.organisation_id is not None,
            "can_read_log": has_role_permission(user, "youths.view_youth_readlog"),
            "can_close": has_role_permission(user, "youths.change_signal")
            and any(i.organisation_id == user.organisation_id for i in involvements),
            **_informing_context(user, youth),
        },
    )


def _informing_context(user: Any, youth: Youth, form: FamilyInformingForm | None = None) -> dict[str, Any]:
    """The organisation's own record of informing the family, and its form when it may record it."""
    record = selectors.family_informing_for(organisation_id=user.organisation_id, youth=youth)
    may_record = has_role_permission(user, "youths.add_familyinforming") and selectors.is_involved(
        organisation_id=user.organisation_id, youth=youth
    )
    if form is None and may_record:
        initial = (
            {f: getattr(record, f) for f in FamilyInformingForm.base_fields} if record is not None else None
        )
        form = FamilyInformingForm(initial=initial)
    return {"informing": record, "informing_form": form if may_record else None}


@require_POST
@role_required("youths.add_familyinforming")
def family_informing(request: AuthenticatedRequest, youth_id: int) -> HttpResponse:
    """The organisation records whether it informed the youth and/or the parents (AVG art. 13/14)."""
    youth = selectors.youth_get_for_user(user=request.user, youth_id=youth_id)
    if youth is None:
        raise Http404
    form = FamilyInformingForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: informing_services.family_informing_record(
                actor=request.user, youth=youth, **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, _("Vastgelegd of en wanneer het gezin is geïnformeerd."))
        return redirect("youths:detail", youth_id=youth.pk)
    _flash_form_errors(request, form)
    return redirect("youths:detail", youth_id=youth.pk)


@role_required("youths.view_youth_readlog")
def youth_read_log(request: AuthenticatedRequest, youth_id: int) -> HttpResponse:
    youth = selectors.youth_get_for_privacy(user=request.user, youth_id=youth_id)
    if youth is None:
        raise Http404
    # Logged first, so that the count and the rows the page shows are of the same moment.
    log_read(user=request.user, subject=youth, what=_("leeslog bekeken"), path=request.path)
    page = Paginator(selectors.youth_read_log_for_user(user=request.user, youth=youth), 50).get_page(
        request.GET.get("pagina")
    )
    return render(request, "youths/youth_read_log.html", {"youth": youth, "page": page})


# --- Signals ---------------------------------------------------------------------------------------


@role_required(selectors.may_use_youth_pages)
def signal_list(request: AuthenticatedRequest) -> HttpResponse:
    """A partner: its own organisation's signals. The procesregisseur and projectleider: all signals."""
    sees_all = selectors.reads_by_ground(request.user)
    signals = selectors.signal_list_for_user(user=request.user, own_only=not sees_all)
    page = cursor_page(request, signals, ordering=("-created_at", "-id"))
    log_reads(
        user=request.user,
        subjects=(s.youth for s in page.items),
        what=_("lijst van signalen"),
        path=request.path,
    )
    return render(request, "youths/signal_list.html", {"page": page, "sees_all": sees_all})


@role_required("youths.add_signal")
def signal_create(request: AuthenticatedRequest) -> HttpResponse:
    youth = None
    youth_id = request.GET.get("jongere") or request.POST.get("jongere")
    if youth_id:
        youth = selectors.youth_get_for_user(user=request.user, youth_id=youth_id)
        if youth is None:
            raise Http404
    form = SignalLogForm(request.POST or None, youth=youth, initial={"observed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        signal = attempt(
            form,
            lambda: signal_services.signal_log(
                actor=request.user, youth=youth, identity_data=form.identity(), **form.signal_fields()
            ),
        )
        if signal is not None:
            messages.success(request, _("Het signaal is vastgelegd."))
            return redirect("youths:detail", youth_id=signal.youth_id)
    if youth is not None:
        log_read(user=request.user, subject=youth, what=_("signaal melden"), path=request.path)
    return render(request, "youths/signal_form.html", {"form": form, "youth": youth})


@role_required("youths.change_signal")
def signal_change(request: AuthenticatedRequest, signal_id: int) -> HttpResponse:
    signal = selectors.signal_get_for_user(user=request.user, signal_id=signal_id)
    if signal is None:
        raise Http404
    initial = {name: getattr(signal, name) for name in SignalFieldsForm.FIELDS}
    form = SignalFieldsForm(request.POST or None, initial=initial)
    correcting = request.method == "POST" and form.is_valid() and signal.withdrawn_at is None
    if (
        correcting
        and attempt(
            form,
            lambda: signal_services.signal_correct(actor=request.user, signal=signal, **form.signal_fields()),
        )
        is not None
    ):
        messages.success(request, _("Het signaal is gecorrigeerd."))
        return redirect("youths:detail", youth_id=signal.youth_id)
    log_read(user=request.user, subject=signal.youth, what=_("signaal corrigeren"), path=request.path)
    return render(
        request,
        "youths/signal_change.html",
        {"form": form, "signal": signal, "withdraw_form": SignalWithdrawForm()},
    )


@require_POST
@role_required("youths.change_signal")
def signal_withdraw(request: AuthenticatedRequest, signal_id: int) -> HttpResponse:
    signal = selectors.signal_get_for_user(user=request.user, signal_id=signal_id)
    if signal is None:
        raise Http404
    form = SignalWithdrawForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: signal_services.signal_withdraw(
                actor=request.user, signal=signal, reason=form.cleaned_data["reason"]
            ),
        )
        is not None
    ):
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


@role_required("youths.change_signal")
def signal_close(request: AuthenticatedRequest, signal_id: int) -> HttpResponse:
    """Close one of the organisation's own signals: the page says the consequence, the POST confirms."""
    signal = selectors.signal_close_get_for_user(user=request.user, signal_id=signal_id)
    if signal is None:
        raise Http404
    form = SignalCloseForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and signal.closed_at is None
        and form.is_valid()
        and attempt(
            form,
            lambda: lifecycle_services.signal_close(
                actor=request.user, signal=signal, reason=form.cleaned_data["reason"]
            ),
        )
        is not None
    ):
        messages.success(
            request, _("Het signaal is afgesloten. Het blijft in uw lijst, gemarkeerd als afgesloten.")
        )
        if selectors.youth_get_for_user(user=request.user, youth_id=signal.youth_id) is None:
            return redirect("youths:signals")
        return redirect("youths:detail", youth_id=signal.youth_id)
    log_read(user=request.user, subject=signal.youth, what=_("signaal afsluiten"), path=request.path)
    status = 400 if request.method == "POST" and signal.closed_at is None else 200
    return render(
        request,
        "youths/signal_close.html",
        {"form": form, "signal": signal, "visible_days": settings.SIGNAL_CLOSED_VISIBLE_DAYS},
        status=status,
    )


@role_required("youths.change_signal")
def involvement_close(request: AuthenticatedRequest, youth_id: int) -> HttpResponse:
    """End the organisation's involvement with a youth: all its active signals are closed."""
    youth = selectors.youth_get_for_user(user=request.user, youth_id=youth_id)
    if youth is None:
        raise Http404
    form = SignalCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        closed = attempt(
            form,
            lambda: lifecycle_services.involvement_close(
                actor=request.user, youth=youth, reason=form.cleaned_data["reason"]
            ),
        )
        if closed is not None:
            messages.success(
                request,
                _("De betrokkenheid van uw organisatie is beëindigd; %(n)d signaal/signalen afgesloten.")
                % {"n": closed},
            )
            if selectors.youth_get_for_user(user=request.user, youth_id=youth.pk) is None:
                return redirect("youths:signals")
            return redirect("youths:detail", youth_id=youth.pk)
    log_read(user=request.user, subject=youth, what=_("betrokkenheid beëindigen"), path=request.path)
    active = selectors.signal_list_for_user(user=request.user, youth=youth, own_only=True).filter(
        withdrawn_at__isnull=True, closed_at__isnull=True
    )
    return render(
        request,
        "youths/involvement_close.html",
        {
            "form": form,
            "youth": youth,
            "active_count": active.count(),
            "visible_days": settings.SIGNAL_CLOSED_VISIBLE_DAYS,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- Matches ---------------------------------------------------------------------------------------


@role_required(selectors.may_use_youth_pages)
def match_list(request: AuthenticatedRequest) -> HttpResponse:
    overdue = request.GET.get("opvolging") == "te-laat"
    days = settings.MATCH_FOLLOW_UP_DAYS
    cutoff = timezone.now() - dt.timedelta(days=days)
    matches = selectors.match_list_for_user(user=request.user, overdue_before=cutoff if overdue else None)
    matches = matches.order_by("created_at", "id") if overdue else matches.order_by("-created_at", "-id")
    page = Paginator(matches, 25).get_page(request.GET.get("pagina"))
    log_reads(
        user=request.user, subjects=(m.youth for m in page), what=_("lijst van matches"), path=request.path
    )
    return render(
        request,
        "youths/match_list.html",
        {"page": page, "overdue": overdue, "days": days, "cutoff": cutoff},
    )


@require_POST
@role_required("youths.change_match")
def match_follow_up(request: AuthenticatedRequest, match_id: int) -> HttpResponse:
    match = selectors.match_get_for_user(user=request.user, match_id=match_id)
    if match is None:
        raise Http404
    form = MatchFollowUpForm(request.POST, match=match)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: match_services.match_follow_up(
                actor=request.user,
                match=match,
                in_touch_on=form.cleaned_data["in_touch_on"],
                lead_organisation=form.cleaned_data["lead_organisation"],
                note=form.cleaned_data["note"],
            ),
        )
        is not None
    ):
        messages.success(request, _("De opvolging van de match is vastgelegd."))
        return redirect("youths:detail", youth_id=match.youth_id)
    _flash_form_errors(request, form)
    return redirect("youths:detail", youth_id=match.youth_id)


# --- Flags -----------------------------------------------------------------------------------------


@require_GET
@role_required("youths.view_flag")
def informing_overdue(request: AuthenticatedRequest) -> HttpResponse:
    """Preparing the meeting: which organisations have not informed the family in time (AVG art. 13/14).
    Counts per organisation for everyone here; the youths only where the reader may read them anyway."""
    page = Paginator(selectors.informing_overdue_for_user(user=request.user), 25).get_page(
        request.GET.get("pagina")
    )
    log_reads(
        user=request.user,
        subjects=(i.youth for i in page),
        what=_("lijst van achterstallig informeren"),
        path=request.path,
    )
    return render(
        request,
        "youths/informing_overdue.html",
        {
            "counts": selectors.informing_overdue_counts(),
            "page": page,
            "days": settings.FAMILY_INFORMING_DAYS,
            "today": timezone.localdate(),
        },
    )


@role_required("youths.view_flag")
def flag_list(request: AuthenticatedRequest) -> HttpResponse:
    """The list for the early-signal meeting: youths a rule put on it, each with the reason in words."""
    closed = request.GET.get("status") == "afgehandeld"
    ordering = request.GET.get("ordering", "")
    ordering = ordering if ordering in selectors.FLAG_ORDERINGS else selectors.FLAG_DEFAULT_ORDERING
    flags = selectors.flag_list_for_user(
        user=request.user, status="closed" if closed else "open", ordering=ordering
    )
    page = Paginator(flags, 25).get_page(request.GET.get("pagina"))
    log_reads(
        user=request.user,
        subjects=(f.youth for f in page),
        what=_("lijst voor het vroegsignaleringsoverleg"),
        path=request.path,
    )
    can_close = has_role_permission(request.user, "youths.change_flag")
    return render(
        request,
        "youths/flag_list.html",
        {
            "page": page,
            "closed": closed,
            "ordering": ordering,
            "orderings": [
                ("priority", _("Urgentie, dan oudste eerst")),
                ("-raised_at", _("Nieuwste eerst")),
                ("raised_at", _("Oudste eerst")),
            ],
            "can_close": can_close,
            "close_form": FlagCloseForm(),
        },
    )


@require_POST
@role_required("youths.change_flag")
def flag_close(request: AuthenticatedRequest, flag_id: int) -> HttpResponse:
    flag = selectors.flag_get_for_user(user=request.user, flag_id=flag_id)
    if flag is None:
        raise Http404
    form = FlagCloseForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: flag_services.flag_close(actor=request.user, flag=flag, note=form.cleaned_data["note"]),
        )
        is not None
    ):
        messages.success(request, _("De signalering is afgehandeld."))
    else:
        _flash_form_errors(request, form)
    return redirect("youths:flags")


# --- Duplicates ------------------------------------------------------------------------------------


@role_required("youths.merge_youths")
def duplicate_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.duplicate_list_for_user(user=request.user), 25).get_page(
        request.GET.get("pagina")
    )
    log_reads(
        user=request.user,
        subjects=(y for c in page for y in (c.youth_a, c.youth_b)),
        what=_("lijst van mogelijke dubbele registraties"),
        path=request.path,
    )
    return render(request, "youths/duplicate_list.html", {"page": page})


@require_POST
@role_required("youths.merge_youths")
def duplicate_merge(request: AuthenticatedRequest, candidate_id: int) -> HttpResponse:
    """The two records are one youth: the chosen one stays, the other is merged into it.

    Two steps: the user chooses the record that stays (nothing is pre-selected), sees what merging
    means for both records, and only then confirms (`bevestigd`)."""
    candidate = selectors.duplicate_get_for_user(user=request.user, candidate_id=candidate_id)
    if candidate is None:
        raise Http404
    form = DuplicateMergeForm(request.POST, candidate=candidate)
    if form.is_valid():
        survivor, duplicate = candidate.youth_a, candidate.youth_b
        if form.cleaned_data["behouden"] == candidate.youth_b_id:
            survivor, duplicate = duplicate, survivor
        if not form.cleaned_data["bevestigd"]:
            log_reads(
                user=request.user,
                subjects=(survivor, duplicate),
                what=_("samenvoegen van dubbele registraties bevestigen"),
                path=request.path,
            )
            return render(
                request,
                "youths/duplicate_confirm.html",
                {
                    "candidate": candidate,
                    "survivor": survivor,
                    "duplicate": duplicate,
                    "moving_signals": duplicate.signals.count(),
                    "moving_involvements": duplicate.involvements.filter(ended_at__isnull=True).count(),
                },
            )
        merged = attempt(
            form,
            lambda: merge_services.youth_merge(actor=request.user, survivor=survivor, duplicate=duplicate),
        )
        if merged is not None:
            messages.success(request, _("De registraties zijn samengevoegd."))
            return redirect("youths:detail", youth_id=survivor.pk)
    _flash_form_errors(request, form)
    return redirect("youths:duplicates")


@require_POST
@role_required("youths.merge_youths")
def duplicate_dismiss(request: AuthenticatedRequest, candidate_id: int) -> HttpResponse:
    """The two records are different youths: the candidate leaves the list."""
    candidate = selectors.duplicate_get_for_user(user=request.user, candidate_id=candidate_id)
    if candidate is None:
        raise Http404
    youth_services.duplicate_dismiss(actor=request.user, candidate=candidate)
    messages.success(request, _("Vastgelegd: dit zijn verschillende jongeren."))
    return redirect("youths:duplicates")


# --- Combination rules -----------------------------------------------------------------------------


@role_required("youths.view_combinationrule")
def rule_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.combination_rule_list(), 25).get_page(request.GET.get("pagina"))
    statistics = rule_statistics([rule.pk for rule in page])
    rules = [
        (rule, rule_in_words(rule, [c.name for c in rule.categories.all()]), statistics[rule.pk])
        for rule in page
    ]
    return render(
        request,
        "youths/rule_list.html",
        {
            "page": page,
            "rules": rules,
            "can_change": has_role_permission(request.user, "youths.change_combinationrule"),
        },
    )


def _rule_form(request: AuthenticatedRequest, rule: CombinationRule | None) -> HttpResponse:
    form = CombinationRuleForm.for_rule(rule, request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: flag_services.combination_rule_save(actor=request.user, rule=rule, **form.cleaned_data),
        )
        if saved is not None:
            messages.success(
                request,
                _("Regel ‘%(name)s’ is opgeslagen. Bestaande signalen worden opnieuw beoordeeld.")
                % {"name": saved.name},
            )
            return redirect("youths:rules")
    return render(request, "youths/rule_form.html", {"form": form, "rule": rule})


@role_required("youths.add_combinationrule")
def rule_create(request: AuthenticatedRequest) -> HttpResponse:
    return _rule_form(request, None)


@role_required("youths.change_combinationrule")
def rule_change(request: AuthenticatedRequest, rule_id: int) -> HttpResponse:
    rule = selectors.combination_rule_list().filter(pk=rule_id).first()
    if rule is None:
        raise Http404
    return _rule_form(request, rule)
