"""Reads for youths and signals, and THE access gateway: who may see which youth, signal, match, flag.

Every HTML view, API endpoint and job gets youths and what hangs off them through the `*_for_user`
functions here, and through nothing else. The rules (docs/signals.md):

- `youths.view_grounded_youths` (procesregisseur): the youths for which a need-to-know ground holds
  (a flag, agenda item, case, group membership, duplicate to resolve, ...: youths/grounds.py), with
  every signal about them in full. The projectleider reads no youth by role (docs/privacy-rights.md).
- `youths.view_involved_youths` (partner): only youths its organisation holds the object permission
  `youths.view_youth` on (granted while it is involved); its own organisation's signals in full, of other
  organisations' signals only which organisation, when and in which domain.
- anyone else (beheerder, ministerie): nothing.

django-guardian's defaults would let a superuser or a user with the *global* `view_youth` permission
pass for every youth. The gateway therefore reads only the object permissions (the equivalent of
guardian's `with_superuser=False, accept_global_perms=False`, see `_object_permission_condition`), and
never accepts `is_superuser` for the role permissions either.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, QuerySet, Value, When

from accounts.access import has_role_permission
from core.models import ReadLogEntry
from core.readlog import read_log_for

from .grounds import ground_condition
from .identity import normalise_name
from .models import (
    CombinationRule,
    DuplicateCandidate,
    Flag,
    Involvement,
    Match,
    MatchParticipant,
    Signal,
    SignalCategory,
    Youth,
    YouthGroupObjectPermission,
    YouthMerge,
    YouthUserObjectPermission,
)

VIEW_GROUNDED = "youths.view_grounded_youths"
VIEW_INVOLVED = "youths.view_involved_youths"
VIEW_READLOG = "youths.view_youth_readlog"


def reads_by_ground(user: Any) -> bool:
    """A lead role: reads the youths a need-to-know ground covers, and their signals in full."""
    return has_role_permission(user, VIEW_GROUNDED)


def may_use_youth_pages(user: Any) -> bool:
    """Whether the youth pages and endpoints are for this user at all (else: 403, not an empty list)."""
    return reads_by_ground(user) or (
        has_role_permission(user, VIEW_INVOLVED) and user.organisation_id is not None
    )


# --- The gateway -----------------------------------------------------------------------------------


def _object_permission_condition(user: Any) -> Q:
    """The user holds `youths.view_youth` on the row: through one of its groups (its organisation's
    access group) or, in principle, directly. Object permissions only: no superuser, no global perms.

    The same rows django-guardian's `get_objects_for_user(..., with_superuser=False,
    accept_global_perms=False)` returns (tests/youths/test_access.py checks that), written as two
    correlated EXISTS on guardian's direct-foreign-key tables. guardian's own query is
    `pk IN (...) OR pk IN (...)`, which PostgreSQL can only answer by scanning every youth (~80 ms at
    200k youths); EXISTS lets a partner's list walk its involvement index and stop after one page.
    """
    view_youth = {"permission__codename": "view_youth", "permission__content_type__app_label": "youths"}
    return Q(
        Exists(
            YouthGroupObjectPermission.objects.filter(
                content_object=OuterRef("pk"), group__user=user, **view_youth
            )
        )
    ) | Q(
        Exists(
            YouthUserObjectPermission.objects.filter(content_object=OuterRef("pk"), user=user, **view_youth)
        )
    )


def _youths_in_reach(user: Any) -> QuerySet[Youth]:
    if reads_by_ground(user):
        return Youth.objects.filter(ground_condition(user))
    if not has_role_permission(user, VIEW_INVOLVED) or user.organisation_id is None:
        return Youth.objects.none()
    return Youth.objects.filter(_object_permission_condition(user))


def youth_get_for_user(*, user: Any, youth_id: int | str) -> Youth | None:
    """The youth, if the user may see it; None when it is out of reach or does not exist (same answer)."""
    try:
        pk = int(youth_id)
    except (TypeError, ValueError):
        return None
    return _youths_in_reach(user).select_related("district", "school").filter(pk=pk).first()


def youth_list_for_user(*, user: Any, search: str = "") -> QuerySet[Youth]:
    """The youths the user may see, most recent activity first, annotated with `activity_at`.

    For a partner that is its organisation's active involvements ordered by their `last_activity_at`
    (index involvement_org_activity_idx), intersected with its object permissions. No aggregation over
    signals per request; page it with a cursor (core.api.CursorPagination), not a count.
    """
    youths = _youths_in_reach(user)
    if reads_by_ground(user):
        youths = youths.annotate(activity_at=F("last_activity_at"))
    else:
        youths = youths.filter(
            involvements__organisation_id=user.organisation_id, involvements__ended_at__isnull=True
        ).annotate(activity_at=F("involvements__last_activity_at"))
    words = [normalise_name(word) for word in search.split()][:3]
    for word in filter(None, words):
        youths = youths.filter(name_key__contains=word)
    return youths.select_related("district", "school").order_by("-activity_at", "-id")


def _signal_visibility(user: Any, signals: QuerySet[Signal]) -> QuerySet[Signal]:
    """Annotate `full_access`: True where the user may see category and text; hide others' withdrawals."""
    if reads_by_ground(user):
        return signals.annotate(full_access=Value(True, output_field=BooleanField()))
    own = Q(organisation_id=user.organisation_id)
    return signals.filter(own | Q(withdrawn_at__isnull=True)).annotate(
        full_access=Case(When(own, then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def signal_list_for_user(
    *, user: Any, youth: Youth | None = None, own_only: bool = False
) -> QuerySet[Signal]:
    """Signals the user may know of, newest first. Each row has `full_access`; where it is False, show
    only the organisation, the date observed and the domain (templates and serializers obey it)."""
    if not may_use_youth_pages(user):
        return Signal.objects.none()
    signals = Signal.objects.all()
    if youth is not None:
        signals = signals.filter(youth=youth)  # the caller got `youth` from the gateway
    else:
        # Also for its own signals: after its last one was withdrawn, the youth is out of reach; for a
        # lead role, the youths without a need-to-know ground are.
        signals = signals.filter(youth__in=_youths_in_reach(user))
    if own_only:
        signals = signals.filter(organisation_id=user.organisation_id)
    return _signal_visibility(user, signals).select_related(
        "youth", "category", "organisation", "reported_by", "intervention"
    )


def signal_get_for_user(*, user: Any, signal_id: int | str) -> Signal | None:
    """A signal the user may change: its own organisation's, on a youth it can see."""
    try:
        pk = int(signal_id)
    except (TypeError, ValueError):
        return None
    if user.organisation_id is None or not has_role_permission(user, "youths.change_signal"):
        return None
    return (
        Signal.objects.filter(pk=pk, organisation_id=user.organisation_id, youth__in=_youths_in_reach(user))
        .select_related("youth", "category", "organisation", "intervention")
        .first()
    )


def involvement_list_for_youth(*, youth: Youth) -> QuerySet[Involvement]:
    """Who else is involved and whom to call (the caller got `youth` from the gateway)."""
    return (
        Involvement.objects.filter(youth=youth, ended_at__isnull=True)
        .select_related("organisation", "organisation__kind")
        .order_by("started_at", "pk")
    )


def match_list_for_user(
    *, user: Any, youth: Youth | None = None, overdue_before: Any = None
) -> QuerySet[Match]:
    """Matches the user may see, about youths in its reach: for a lead role all of them; for a partner,
    those its organisation took part in. `overdue_before`: only those not followed up since then."""
    if not may_use_youth_pages(user):
        return Match.objects.none()
    matches = Match.objects.filter(youth__in=_youths_in_reach(user))
    if not reads_by_ground(user):
        matches = matches.filter(
            Exists(
                MatchParticipant.objects.filter(match=OuterRef("pk"), organisation_id=user.organisation_id)
            ),
        )
    if youth is not None:
        matches = matches.filter(youth=youth)
    if overdue_before is not None:
        matches = matches.filter(followed_up_at__isnull=True, created_at__lt=overdue_before)
    return matches.select_related("youth", "lead_organisation", "followed_up_by").prefetch_related(
        "participants__organisation"
    )


def match_get_for_user(*, user: Any, match_id: int | str) -> Match | None:
    try:
        pk = int(match_id)
    except (TypeError, ValueError):
        return None
    return match_list_for_user(user=user).filter(pk=pk).first()


def flag_list_for_user(
    *, user: Any, status: str | None = Flag.Status.OPEN, youth: Youth | None = None
) -> QuerySet[Flag]:
    """Flags for the early-signal meeting: only for those who see all youths (the reasons name other
    organisations' signals, which a partner may not know)."""
    if not (reads_by_ground(user) and has_role_permission(user, "youths.view_flag")):
        return Flag.objects.none()
    flags = Flag.objects.filter(youth__in=_youths_in_reach(user))
    if status:
        flags = flags.filter(status=status)
    if youth is not None:
        flags = flags.filter(youth=youth)
    return flags.select_related("youth", "youth__district", "rule", "closed_by").prefetch_related(
        "signals__category", "signals__organisation"
    )


def flag_get_for_user(*, user: Any, flag_id: int | str) -> Flag | None:
    try:
        pk = int(flag_id)
    except (TypeError, ValueError):
        return None
    return flag_list_for_user(user=user, status=None).filter(pk=pk).first()


def duplicate_list_for_user(*, user: Any) -> QuerySet[DuplicateCandidate]:
    """Undecided possible duplicates, for the procesregisseur (who may merge)."""
    if not (reads_by_ground(user) and has_role_permission(user, "youths.merge_youths")):
        return DuplicateCandidate.objects.none()
    return DuplicateCandidate.objects.filter(dismissed_at__isnull=True).select_related(
        "youth_a", "youth_a__district", "youth_b", "youth_b__district"
    )


def duplicate_get_for_user(*, user: Any, candidate_id: int | str) -> DuplicateCandidate | None:
    try:
        pk = int(candidate_id)
    except (TypeError, ValueError):
        return None
    return duplicate_list_for_user(user=user).filter(pk=pk).first()


def youth_get_for_privacy(*, user: Any, youth_id: int | str) -> Youth | None:
    """The youth whose read log or data export the privacyfunctionaris opens: by that role's permission
    alone (no youth page, no ground); None for anyone else, or when it does not exist."""
    try:
        pk = int(youth_id)
    except (TypeError, ValueError):
        return None
    if not has_role_permission(user, VIEW_READLOG):
        return None
    return Youth.objects.filter(pk=pk).first()


def youth_read_log_for_user(*, user: Any, youth: Youth) -> QuerySet[ReadLogEntry]:
    """Who read this youth's data, including reads of records later merged into it (privacyfunctionaris)."""
    if not has_role_permission(user, VIEW_READLOG):
        return ReadLogEntry.objects.none()
    merged_ids = list(YouthMerge.objects.filter(survivor=youth).values_list("merged_youth_id", flat=True))
    if not merged_ids:
        return read_log_for(youth)
    return ReadLogEntry.objects.filter(
        subject_type=youth._meta.label_lower, subject_id__in=[youth.pk, *merged_ids]
    ).select_related("user")


# --- Managed lists (no personal data) --------------------------------------------------------------


def signal_category_list(*, active_only: bool = True) -> QuerySet[SignalCategory]:
    categories = SignalCategory.objects.all()
    return categories.filter(is_active=True) if active_only else categories


def combination_rule_list() -> QuerySet[CombinationRule]:
    return CombinationRule.objects.prefetch_related("categories").order_by("-is_active", "name")
