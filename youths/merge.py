"""Merge steps: what the apps built on this one do when two records of one youth are merged.

The youths app cannot import the apps above it (cases, monitoring), yet their records about a duplicate
youth must move to the survivor in the same transaction. Such an app registers a step in its
`AppConfig.ready()`; `youths.services.merging.youth_merge` calls every registered step inside its
transaction, in registration order, before the duplicate is deleted. A step may refuse the merge by
raising DomainError (the whole merge is rolled back).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from accounts.access import Actor

    from .models import Youth


class MergeStepFunction(Protocol):
    def __call__(self, *, actor: Actor, duplicate: Youth, survivor: Youth) -> dict[str, int]: ...


@dataclass(frozen=True)
class MergeStep:
    #: The key under which the step's counts go into `YouthMerge.moved`.
    name: str
    move: MergeStepFunction


_steps: dict[str, MergeStep] = {}


def register_merge_step(name: str, move: MergeStepFunction) -> None:
    """Register `move` under `name`. Registering a name again replaces its step and keeps its place."""
    _steps[name] = MergeStep(name=name, move=move)


def merge_steps() -> list[MergeStep]:
    return list(_steps.values())
