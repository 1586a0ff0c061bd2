"""Celery tasks of the cases app: thin, idempotent, calling services."""

from __future__ import annotations

from celery import shared_task

from .services import actions as action_services
from .services import family as family_services


@shared_task(name="cases.tasks.actions_overdue_notify")
def actions_overdue_notify() -> int:
    """Daily: tell the owner of every overdue action (at most once per day per action)."""
    return action_services.actions_overdue_notify()


@shared_task(name="cases.tasks.family_matches_refresh")
def family_matches_refresh() -> int:
    """Daily: family matches that arose from involvement changed since the family link was made."""
    return family_services.family_matches_refresh()
