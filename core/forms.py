"""Form helpers shared by every app: NL Design System classes on widgets, domain errors onto forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms

from .errors import DomainError

T = TypeVar("T")

# Checked in order: the first class the widget is an instance of wins (subclasses first).
_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
]


class DateInput(forms.DateInput):
    """The browser's own date picker (works well on phones); ISO value as the input requires."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StyledForm(forms.Form):
    """Adds the Utrecht component classes to every widget (and `--invalid` to fields with errors).

    No `required` attributes: the forms are `novalidate` and the server answers in Dutch, and the
    component CSS would paint every empty required field red (`:invalid`) before anyone typed.
    """

    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_type, css in _WIDGET_CLASSES:
                if isinstance(field.widget, widget_type):
                    if isinstance(field.widget, ChoiceGroupMixin):
                        # Django puts a group widget's class on the wrapper <div> as well as on each
                        # option; the component classes belong on the options only.
                        field.widget.option_class = css
                    else:
                        field.widget.attrs["class"] = f"{css} utrecht-form-field__input"
                    break

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                base = widget.attrs.get("class", "")
                if "--invalid" not in base and base:
                    first = base.split()[0]
                    widget.attrs["class"] = f"{base} {first}--invalid"


class ChoiceGroupMixin:
    """For RadioSelect and CheckboxSelectMultiple: the Utrecht class on each option, not the wrapper."""

    option_class = ""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)  # type: ignore[misc]
        if self.option_class:
            option["attrs"]["class"] = self.option_class
        return option


class RadioSelect(ChoiceGroupMixin, forms.RadioSelect):
    pass


class CheckboxSelectMultiple(ChoiceGroupMixin, forms.CheckboxSelectMultiple):
    pass


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's DomainError at its field, or above the form when the field is not on it."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def attempt(form: forms.Form, call: Callable[[], T]) -> T | None:
    """The one way a view shows a service's refusal: run `call`; on a DomainError put its message on
    `form` (at its field, else above the form) and return None, so the view re-renders the form with
    status 400. A POST without input fields still posts a (field-less) form, so its refusal shows the
    same way."""
    try:
        return call()
    except DomainError as error:
        add_domain_error(form, error)
        return None
