"""Merging two records of one youth (the procesregisseur decides on a possible duplicate)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from accounts.access import Actor
from accounts.services import organisation_access_group
from core.audit import acting_as
from core.errors import DomainError

from ..merge import merge_steps
from ..models import Flag, Involvement, Match, Signal, Youth, YouthMerge
from .flags import flag_close, flags_evaluate
from .involvement import involved_organisations
from .matches import match_fold, match_record
from .youths import VIEW_YOUTH


@transaction.atomic
def youth_merge(*, actor: Actor, survivor: Youth, duplicate: Youth) -> YouthMerge:
    """Fold `duplicate` into `survivor`: signals, involvement (and access), matches and flags move; the
    duplicate record is deleted; a YouthMerge row and the audit log record what happened.

    When the merge brings organisations together that did not know of each other, that is a match.
    """
    if survivor.pk == duplicate.pk:
        raise DomainError(_("Kies twee verschillende registraties."), field="duplicate")
    first, second = sorted((survivor.pk, duplicate.pk))
    locked = {
        y.pk: y for y in Youth.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")
    }
    if len(locked) != 2:
        raise DomainError(_("Een van de registraties bestaat niet meer."), field="duplicate")
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
    if survivor.bsn_hash and duplicate.bsn_hash and survivor.bsn_hash != duplicate.bsn_hash:
        raise DomainError(
            _("De registraties hebben een verschillend BSN: het zijn verschillende personen."),
            field="duplicate",
        )
    if survivor.date_of_birth != duplicate.date_of_birth:
        raise DomainError(
            _("De geboortedata verschillen. Samenvoegen kan alleen bij dezelfde geboortedatum."),
            field="duplicate",
        )
    with acting_as(actor):
        survivor_orgs = {o.pk for o in involved_organisations(survivor)}
        duplicate_orgs = {o.pk for o in involved_organisations(duplicate)}
        moved_signals = list(Signal.objects.filter(youth=duplicate).values_list("pk", flat=True))
        Signal.objects.filter(youth=duplicate).update(youth=survivor)
        for involvement in Involvement.objects.filter(youth=duplicate).select_related("organisation"):
            kept = Involvement.objects.filter(youth=survivor, organisation=involvement.organisation).first()
            if kept is None:
                involvement.youth = survivor
                involvement.save(update_fields=["youth"])
                kept = involvement
            else:
                involvement.reasons.update(involvement=kept)
                kept.started_at = min(kept.started_at, involvement.started_at)
                kept.last_activity_at = max(kept.last_activity_at, involvement.last_activity_at)
                if involvement.ended_at is None:
                    kept.ended_at = None
                kept.save(update_fields=["started_at", "last_activity_at", "ended_at"])
                involvement.delete()
            if kept.ended_at is None:
                assign_perm(VIEW_YOUTH, organisation_access_group(kept.organisation), survivor)
        open_rules = set(
            Flag.objects.filter(youth=survivor, status=Flag.Status.OPEN).values_list("rule_id", flat=True)
        )
        for flag in Flag.objects.filter(youth=duplicate, status=Flag.Status.OPEN, rule_id__in=open_rules):
            flag_close(
                actor=actor, flag=flag, note=_("Samengevoegd: dezelfde regel staat al open bij de jongere.")
            )
        moved_flags = Flag.objects.filter(youth=duplicate).update(youth=survivor)
        # One open match per youth: the duplicate's open match joins the survivor's (if it has one).
        open_match = Match.objects.filter(youth=survivor, followed_up_at__isnull=True).first()
        if open_match is not None:
            for other in Match.objects.filter(youth=duplicate, followed_up_at__isnull=True):
                match_fold(into=open_match, other=other)
        moved_matches = Match.objects.filter(youth=duplicate).update(youth=survivor)
        for field in ("gender", "district_id", "school_id", "bsn_hash"):
            if not getattr(survivor, field) and getattr(duplicate, field):
                setattr(survivor, field, getattr(duplicate, field))
        survivor.created_at = min(survivor.created_at, duplicate.created_at)
        survivor.last_activity_at = max(survivor.last_activity_at, duplicate.last_activity_at)
        merge = YouthMerge.objects.create(
            survivor=survivor,
            merged_youth_id=duplicate.pk,
            merged_by=actor,
            moved={"signals": moved_signals, "flags": moved_flags, "matches": moved_matches},
        )
        # What the apps built on this one hold about the duplicate moves too (the cases app: cases,
        # actions, agenda items, groups, family), each step under its own key of `moved`.
        for step in merge_steps():
            merge.moved[step.name] = step.move(actor=actor, duplicate=duplicate, survivor=survivor)
        merge.save(update_fields=["moved"])
        duplicate.bsn_hash = ""  # free the unique BSN hash before the survivor takes it over
        duplicate.save(update_fields=["bsn_hash"])
        duplicate.delete()  # its grants go with it (direct foreign keys)
        survivor.save(
            update_fields=["gender", "district", "school", "bsn_hash", "created_at", "last_activity_at"]
        )
        if (survivor_orgs | duplicate_orgs) - survivor_orgs and (
            survivor_orgs | duplicate_orgs
        ) - duplicate_orgs:
            match_record(
                youth=survivor,
                newcomers=(survivor_orgs | duplicate_orgs) - (survivor_orgs & duplicate_orgs),
                cause=Match.Cause.MERGE,
            )
        flags_evaluate(youth=survivor)
    return merge
