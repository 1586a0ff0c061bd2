"""Template helpers for NL Design System (Utrecht) form controls."""

from __future__ import annotations

import copy
from typing import Any

from django import template
from django.forms import BoundField

register = template.Library()

_CLASSES = {
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radioselect": "utrecht-radio-button utrecht-radio-button--html-input",
    "checkboxselectmultiple": "utrecht-checkbox utrecht-checkbox--html-input",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
# Groups of options: Django would put a class on the wrapper <div> as well as on every option.
_GROUPS = {"radioselect", "checkboxselectmultiple"}


@register.simple_tag
def control(field: BoundField, **attrs: str) -> str:
    """Render a form field's widget with Utrecht classes and the ARIA links to its help and error."""
    widget_type = field.widget_type
    css = _CLASSES.get(widget_type, _TEXTBOX)
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        css = " ".join(
            f"{c} {c}--invalid" if c.startswith("utrecht-") and "--" not in c else c for c in css.split()
        )
    final = {"class": f"{css} utrecht-form-field__input".strip(), **attrs}
    if described:
        final["aria-describedby"] = " ".join(described)
    if field.errors:
        final["aria-invalid"] = "true"
    if widget_type in _GROUPS:
        # Each option gets the component class; `utrecht-form-field__input` (a grid area of the form
        # field) would move the box behind its label text, so it is left off.
        final.pop("class")
        return field.as_widget(widget=_options_classed(field, css), attrs=final)
    return field.as_widget(attrs=final)


def _options_classed(field: BoundField, css: str) -> Any:
    """A copy of the group widget that puts the component class on each option only."""
    widget = copy.copy(field.field.widget)
    # A class set on the widget itself (core.forms.StyledForm) would land on the wrapper <div> too.
    widget.attrs = {k: v for k, v in widget.attrs.items() if k != "class"}
    create_option = widget.create_option

    def create_classed_option(*args: Any, **kwargs: Any) -> dict[str, Any]:
        option = create_option(*args, **kwargs)
        option["attrs"]["class"] = css
        return option

    widget.create_option = create_classed_option
    return widget
