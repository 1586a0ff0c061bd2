"""Input shape for the group approach pages, including the per-step form built from cases.groupsteps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.forms import CheckboxSelectMultiple, StyledForm

from ..groupsteps import StepDefinition
from ..models import (
    YouthGroupMember,
    YouthGroupStep,
)
from ..selectors import core as case_selectors
from .fields import (
    DateInput,
    OrganisationChoiceField,
    PersonChoiceField,
    active_organisations,
    set_queryset,
)


class YouthGroupForm(StyledForm):
    name = forms.CharField(label=_("Naam van de groep"), max_length=200)
    area = forms.CharField(label=_("Gebied"), max_length=200, help_text=_("Wijk, plek of hangplek."))
    coordinator = PersonChoiceField(
        label=_("Regisseur groepsaanpak"), queryset=case_selectors.procesregie_candidates()
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Deelnemende organisaties"),
        queryset=Organisation.objects.none(),
        widget=CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "coordinator", case_selectors.procesregie_candidates())
        set_queryset(self, "organisations", active_organisations())


class GroupOrganisationForm(StyledForm):
    organisation = OrganisationChoiceField(label=_("Organisatie"), queryset=Organisation.objects.none())
    role = forms.CharField(label=_("Rol"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "organisation", active_organisations())


class MemberForm(StyledForm):
    youth = forms.IntegerField(widget=forms.HiddenInput, required=False)
    role = forms.ChoiceField(label=_("Rol in de groep"), choices=YouthGroupMember.Role.choices)
    namenlijst_position = forms.IntegerField(label=_("Plek op de namenlijst"), min_value=1, required=False)
    left_on = forms.DateField(label=_("Uit de groep op"), widget=DateInput(), required=False)


class MemberCaseForm(StyledForm):
    procesregie_holder = PersonChoiceField(
        label=_("Procesregie"), queryset=case_selectors.procesregie_candidates()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "procesregie_holder", case_selectors.procesregie_candidates())


class StepForm(StyledForm):
    """The fields of one step; `step_form` adds one field per detail of the step's definition."""

    status = forms.ChoiceField(label=_("Status"), choices=YouthGroupStep.Status.choices)
    owner = PersonChoiceField(
        label=_("Eigenaar"), queryset=case_selectors.procesregie_candidates(), required=False
    )
    notes = forms.CharField(
        label=_("Aantekeningen"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    definition: StepDefinition

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "owner", case_selectors.procesregie_candidates())

    def details(self) -> dict[str, str]:
        out = {}
        for f in self.definition.fields:
            value = self.cleaned_data.get(f"detail_{f.code}")
            if isinstance(value, dt.date):
                out[f.code] = value.isoformat()
            elif isinstance(value, int):
                out[f.code] = str(value)
            else:
                out[f.code] = value or ""
        return out


class SignalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return (
            f"{obj.observed_on:%d-%m-%Y} · {obj.youth.first_name} {obj.youth.last_name} · "
            f"{obj.category.name} ({obj.organisation.name})"
        )


def step_form(definition: StepDefinition, *args: Any, signals: Any = None, **kwargs: Any) -> StepForm:
    """A StepForm with the step's detail fields (declared on a subclass, so StyledForm styles them).

    `signals`: for step 1, the members' signals the user may read, to link to the step."""
    fields: dict[str, Any] = {"definition": definition}
    if signals is not None:
        fields["signals"] = SignalChoiceField(
            label=_("Signalen op het platform"),
            queryset=signals,
            widget=CheckboxSelectMultiple,
            required=False,
            help_text=_("Signalen over leden van de groep die u mag lezen."),
        )
    for f in definition.fields:
        label = f"{f.part}: {f.label}" if f.part else str(f.label)
        if f.kind == "date":
            field: forms.Field = forms.DateField(label=label, widget=DateInput(), required=False)
        elif f.kind == "number":
            field = forms.IntegerField(label=label, min_value=0, max_value=10000, required=False)
        else:
            field = forms.CharField(
                label=label, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
            )
        needed = _("Nodig om de stap af te ronden.") if f.required else ""
        field.help_text = " ".join(str(t) for t in (f.help_text, needed) if t)
        fields[f"detail_{f.code}"] = field
    form_class = type(f"Step{definition.number}Form", (StepForm,), fields)
    return form_class(*args, **kwargs)
