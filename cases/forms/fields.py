"""Widgets and choice fields the cases forms share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from accounts.models import Organisation

from ..models import (
    FollowUpType,
    LegalBasis,
)
from ..services.core import API_ONLY_ORGANISATION_KINDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class _SharedChoicesIterator(forms.models.ModelChoiceIterator):
    """Choices from a list loaded once per page (`field.shared_objects`), when there is one.

    The meeting page renders the same selects for every agenda item; without this each select would
    query its choices again and the page's queries would grow with the agenda.
    """

    def __iter__(self) -> Any:
        shared = getattr(self.field, "shared_objects", None)
        if shared is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in shared:
            yield self.choice(obj)

    def __len__(self) -> int:
        shared = getattr(self.field, "shared_objects", None)
        if shared is None:
            return super().__len__()
        return len(shared) + (1 if self.field.empty_label is not None else 0)


def share_choices(form: forms.Form, shared: dict[str, list[Any]]) -> forms.Form:
    """Render these fields' choices from already loaded objects (see _SharedChoicesIterator)."""
    for name, objects in shared.items():
        if name in form.fields:
            field = form.fields[name]
            if not isinstance(field, forms.ModelChoiceField):
                raise TypeError(f"{name} is not a model choice field")
            field.iterator = _SharedChoicesIterator
            field.shared_objects = objects  # type: ignore[attr-defined]
            field.widget.choices = field.choices
    return form


def set_queryset(form: forms.Form, name: str, queryset: Any) -> None:
    """Give a model choice field of `form` its queryset (`form.fields` is typed as plain Fields)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


def active_organisations() -> Any:
    """Organisations that can take part in casework (meetings, cases, actions, groups): active, and not
    an API-only organisation such as the ministry, which only reads aggregated figures."""
    return (
        Organisation.objects.filter(is_active=True)
        .exclude(kind__code__in=API_ONLY_ORGANISATION_KINDS)
        .select_related("kind")
        .order_by("name")
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.kind.name})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} – {obj.organisation.name}" if obj.organisation_id else name


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} – {obj.organisation.name}" if obj.organisation_id else name


class FollowUpTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FollowUpType) -> str:
        kinds = ", ".join(k.name for k in obj.authorised_kinds.all())
        draft = "" if obj.is_agreed else f" – {_('concept')}"  # not yet agreed by the partners
        return f"{obj.name} ({kinds}){draft}"


class LegalBasisChoiceField(forms.ModelChoiceField):
    """Marks a legal basis the partners have not agreed yet, so it is never chosen unknowingly."""

    def label_from_instance(self, obj: LegalBasis) -> str:
        return str(obj) if obj.is_agreed else f"{obj} – {_('concept, nog niet afgesproken')}"
