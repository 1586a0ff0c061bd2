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

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from accounts.access import has_role_permission
from core.models import ReadLogEntry
from core.readlog import read_log_for

from .grounds import ground_condition
from .identity import normalise_name
from .models import (
    CombinationRule,
    DuplicateCandidate,
    FamilyInforming,
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
    """Annotate `full_access`: True where the user may see category and text; hide others' withdrawals.
    An expired signal is shown to nobody (it only still counts in monitoring until retention removes it)."""
    signals = signals.filter(expired_at__isnull=True)
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
        # Also for its own signals: after its last one was withdrawn, the youth is out of reach (for a lead
        # role, so are the youths without a need-to-know ground). Its own
        # closed signals stay in its list until they expire, also when its involvement ended (the
        # Verwijsindex keeps a closed signal visible to its own organisation; docs/signals.md).
        own_closed = Q(
            organisation_id=user.organisation_id, closed_at__isnull=False, withdrawn_at__isnull=True
        )
        signals = signals.filter(Q(youth__in=_youths_in_reach(user)) | own_closed)
    if own_only:
        signals = signals.filter(organisation_id=user.organisation_id)
    return _signal_visibility(user, signals).select_related(
        "youth", "category", "organisation", "reported_by", "intervention"
    )


def signal_close_get_for_user(*, user: Any, signal_id: int | str) -> Signal | None:
    """A signal the user may close: its own organisation's and not expired (also after its organisation's
    access ended, so that closing twice answers the same). Another organisation's: None (404)."""
    try:
        pk = int(signal_id)
    except (TypeError, ValueError):
        return None
    if user.organisation_id is None or not has_role_permission(user, "youths.change_signal"):
        return None
    own_closed = Q(closed_at__isnull=False)
    return (
        Signal.objects.filter(pk=pk, organisation_id=user.organisation_id, expired_at__isnull=True)
        .filter(Q(youth__in=_youths_in_reach(user)) | own_closed)
        .select_related("youth", "category", "organisation", "reported_by", "intervention")
        .first()
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


#: The orders of the flag list (page and API `?ordering=`). The default, priority then oldest first, is the
#: order in which the procesregisseur works the list down (issue 11).
FLAG_ORDERINGS: dict[str, tuple[str, ...]] = {
    "priority": ("rule__priority", "raised_at", "id"),
    "-priority": ("-rule__priority", "raised_at", "id"),
    "raised_at": ("raised_at", "id"),
    "-raised_at": ("-raised_at", "-id"),
}
FLAG_DEFAULT_ORDERING = "priority"


def flag_list_for_user(
    *,
    user: Any,
    status: str | None = Flag.Status.OPEN,
    youth: Youth | None = None,
    ordering: str = FLAG_DEFAULT_ORDERING,
) -> QuerySet[Flag]:
    """Flags for the early-signal meeting: only for those who see all youths (the reasons name other
    organisations' signals, which a partner may not know). `ordering`: a key of FLAG_ORDERINGS (an
    unknown key gives the default order)."""
    if not (reads_by_ground(user) and has_role_permission(user, "youths.view_flag")):
        return Flag.objects.none()
    flags = Flag.objects.filter(youth__in=_youths_in_reach(user))
    if status:
        flags = flags.filter(status=status)
    if youth is not None:
        flags = flags.filter(youth=youth)
    order = FLAG_ORDERINGS.get(ordering, FLAG_ORDERINGS[FLAG_DEFAULT_ORDERING])
    return (
        flags.select_related("youth", "youth__district", "rule", "closed_by")
        .prefetch_related("signals__category", "signals__organisation")
        .order_by(*order)
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


# --- Informing the family (AVG art. 13/14) ---------------------------------------------------------


def family_informing_for(*, organisation_id: int | None, youth: Youth) -> FamilyInforming | None:
    """The organisation's own informing record for a youth the caller got from the gateway."""
    if organisation_id is None:
        return None
    return FamilyInforming.objects.filter(organisation_id=organisation_id, youth=youth).first()


def _informing_overdue(*, today: dt.date | None = None) -> QuerySet[Any]:
    """Active involvements whose organisation has not informed the youth or parents in time: no date
    informed and either no postponement `FAMILY_INFORMING_DAYS` after the organisation's first signal,
    or a postponement whose look-again date has passed. Annotated with `first_signal_at`, `look_again_on`.
    """
    today = today or timezone.localdate()
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    cutoff = start_of_today - dt.timedelta(days=settings.FAMILY_INFORMING_DAYS - 1)
    records = FamilyInforming.objects.filter(
        youth=OuterRef("youth_id"), organisation=OuterRef("organisation_id")
    )
    first_signal = Signal.objects.filter(
        youth=OuterRef("youth_id"), organisation=OuterRef("organisation_id"), withdrawn_at__isnull=True
    ).order_by("created_at")
    return (
        Involvement.objects.filter(ended_at__isnull=True)
        .annotate(
            first_signal_at=Subquery(first_signal.values("created_at")[:1]),
            look_again_on=Subquery(records.values("look_again_on")[:1]),
            informed=Exists(
                records.filter(Q(youth_informed_on__isnull=False) | Q(parents_informed_on__isnull=False))
            ),
        )
        .filter(first_signal_at__isnull=False, informed=False)
        .filter(Q(look_again_on__isnull=True, first_signal_at__lt=cutoff) | Q(look_again_on__lt=today))
    )


def informing_overdue_counts(*, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Per organisation, how many youths it has not informed in time: counts only, no personal data."""
    rows = (
        _informing_overdue(today=today)
        .values("organisation_id", "organisation__name")
        .annotate(overdue=Count("id"))
        .order_by("organisation__name")
    )
    return [dict(row) for row in rows]


def informing_overdue_for_user(*, user: Any, today: dt.date | None = None) -> QuerySet[Any]:
    """The overdue informings about youths the user may read anyway (the youth gateway decides): the
    list names a youth only where the reader already has a ground to see it."""
    return (
        _informing_overdue(today=today)
        .filter(youth__in=_youths_in_reach(user))
        .select_related("organisation", "youth")
        .order_by("first_signal_at", "id")
    )


def is_involved(*, organisation_id: int | None, youth: Youth) -> bool:
    return organisation_id is not None and (
        Involvement.objects.filter(
            organisation_id=organisation_id, youth=youth, ended_at__isnull=True
        ).exists()
    )
