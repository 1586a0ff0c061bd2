"""Template helpers for NL Design System (Utrecht) form controls."""

from __future__ import annotations

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
    return field.as_widget(attrs=final)
