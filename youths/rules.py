"""Evaluating a combination rule over a youth's signals, and saying in plain words why it held.

Pure functions over already loaded objects, so that the signal log (one youth) and the nightly job (many
youths per batch) evaluate the same way without extra queries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Protocol

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import CombinationRule, Domain, Signal


class _RuleLike(Protocol):
    pk: int
    window_days: int
    min_signals: int
    min_organisations: int
    min_domains: int
    min_total_weight: int


def window_start(rule: _RuleLike, today: dt.date) -> dt.date:
    """The first day of the window: signals observed on this day or later, up to today, count."""
    return today - dt.timedelta(days=rule.window_days - 1)


def matching_signals(
    rule: _RuleLike, category_ids: set[int], signals: Sequence[Signal], today: dt.date
) -> list[Signal] | None:
    """The signals that make `rule` hold on `today`, or None when it does not hold.

    `signals` are the youth's active (not withdrawn) signals; those observed inside the window count.
    When the rule names categories, at least one counted signal must be in one of them; all signals in
    the window count towards the numbers.
    """
    start = window_start(rule, today)
    counted = sorted(
        (s for s in signals if start <= s.observed_on <= today and s.withdrawn_at is None),
        key=lambda s: (s.observed_on, s.pk),
    )
    if len(counted) < rule.min_signals:
        return None
    if len({s.organisation_id for s in counted}) < rule.min_organisations:
        return None
    if len({s.domain for s in counted}) < rule.min_domains:
        return None
    if category_ids and not any(s.category_id in category_ids for s in counted):
        return None
    if sum(s.category.weight for s in counted) < rule.min_total_weight:
        return None
    return counted


def trigger_key(rule: _RuleLike, signals: Sequence[Signal]) -> str:
    ids = ",".join(str(pk) for pk in sorted(s.pk for s in signals))
    return hashlib.sha256(f"{rule.pk}:{ids}".encode()).hexdigest()


def rule_in_words(rule: CombinationRule, category_names: Sequence[str]) -> str:
    """The rule as one Dutch sentence, for the rules page and the flag's explanation."""
    parts = [
        ngettext(
            "minstens %(n)d signaal",
            "minstens %(n)d signalen",
            rule.min_signals,
        )
        % {"n": rule.min_signals}
    ]
    if rule.min_organisations > 1:
        parts.append(_("van minstens %(n)d verschillende organisaties") % {"n": rule.min_organisations})
    if rule.min_domains > 1:
        parts.append(_("in minstens %(n)d verschillende leefgebieden") % {"n": rule.min_domains})
    sentence = " ".join(parts)
    sentence += " " + (
        ngettext(
            "binnen %(n)d dag",
            "binnen %(n)d dagen",
            rule.window_days,
        )
        % {"n": rule.window_days}
    )
    extra = []
    if category_names:
        extra.append(_("waarvan minstens één over: %(names)s") % {"names": ", ".join(category_names)})
    if rule.min_total_weight:
        extra.append(_("met een totaalgewicht van minstens %(n)d") % {"n": rule.min_total_weight})
    if extra:
        sentence += ", " + _(" en ").join(extra)
    return sentence[0].upper() + sentence[1:] + "."


def flag_explanation(
    rule: CombinationRule, category_names: Sequence[str], signals: Sequence[Signal], today: dt.date
) -> str:
    """Why a flag was raised, in plain words, frozen on the flag (the rule may change later)."""
    organisations = sorted({s.organisation.name for s in signals})
    domains = [label for value, label in Domain.choices if value in {s.domain for s in signals}]
    first, last = signals[0].observed_on, signals[-1].observed_on
    return _(
        "Regel ‘%(rule)s’ is van toepassing: %(words)s "
        "Gevonden: %(count)d signalen van %(org_count)d organisatie(s) (%(orgs)s), in %(domains)s, "
        "waargenomen tussen %(first)s en %(last)s (totaalgewicht %(weight)d). "
        "Dit is geen oordeel: het overleg beslist of en wat er nodig is."
    ) % {
        "rule": rule.name,
        "words": rule_in_words(rule, category_names),
        "count": len(signals),
        "org_count": len(organisations),
        "orgs": "; ".join(organisations),
        "domains": ", ".join(str(d).lower() for d in domains),
        "first": date_format(first, "j F Y"),
        "last": date_format(last, "j F Y"),
        "weight": sum(s.category.weight for s in signals),
    }
