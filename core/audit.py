"""`acting_as(actor)`: django-auditlog's set_actor, safe to nest.

auditlog's own `set_actor` does not restore the outer context when an inner one exits, so every change
after a nested service call (or after a service called inside AuditlogMiddleware's request context)
would be logged without its actor. Services call each other, so they use this instead.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from auditlog.context import auditlog_value, set_actor
from django.contrib.auth.base_user import AbstractBaseUser


@contextlib.contextmanager
def acting_as(actor: AbstractBaseUser | None) -> Iterator[None]:
    try:
        outer = auditlog_value.get()
    except LookupError:
        outer = None
    if outer is not None and outer.get("actor") is actor:
        yield  # already acting as this actor: nothing to change
        return
    try:
        with set_actor(actor):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)


def hide_text(value: str) -> str:
    """auditlog's mask callable (AUDITLOG_MASK_CALLABLE) for free-text fields: the change log shows that a
    description, note or reason was filled in or changed, never what it says (docs/operations.md)."""
    return value if value in ("", "None") else "[tekst]"
