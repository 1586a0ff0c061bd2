"""The case's part in retention (docs/privacy.md): the reason an open case keeps a youth's data past the
retention age. Only the procesregisseur (who manages cases) records it; without it nothing is kept."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import Actor, has_role_permission
from core.audit import acting_as
from core.errors import DomainError

from ..models import Case
from .core import case_open_or_error, lock_case, text_optional


@transaction.atomic
def case_retention_hold_set(*, actor: Actor, case: Case, reason: str) -> Case:
    """Record (or, with an empty reason, lift) why this open case holds the youth's data past the
    retention age. Audited (the change log records that it changed, not the text)."""
    if not has_role_permission(actor, "cases.manage_cases"):
        raise DomainError(_("Alleen de procesregisseur legt vast waarom gegevens langer bewaard blijven."))
    case = lock_case(case)
    case_open_or_error(case, "retention_hold_reason")
    text = text_optional(reason, field="retention_hold_reason", max_length=300)
    with acting_as(actor):
        case.retention_hold_reason = text
        case.save(update_fields=["retention_hold_reason"])
    return case
