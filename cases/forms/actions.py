"""Input shape for giving and handling follow-up actions (on a meeting item, on a case, on the action)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.forms import RadioSelect, StyledForm

from ..models import (
    Action,
    FollowUpType,
)
from ..selectors import lists as list_selectors
from .fields import (
    DateInput,
    FollowUpTypeChoiceField,
    OrganisationChoiceField,
    active_organisations,
    set_queryset,
)


class ActionForm(StyledForm):
    follow_up_type = FollowUpTypeChoiceField(label=_("Soort actie"), queryset=FollowUpType.objects.none())
    organisation = OrganisationChoiceField(label=_("Organisatie"), queryset=Organisation.objects.none())
    due_on = forms.DateField(
        label=_("Uiterlijk op"),
        widget=DateInput(),
        required=False,
        help_text=_("Leeg: de gebruikelijke termijn van deze soort actie."),
    )
    description = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )

    def __init__(self, *args: Any, goals: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "follow_up_type", list_selectors.follow_up_types_for())
        set_queryset(self, "organisation", active_organisations())
        if goals is not None:
            self.fields["goal"] = forms.ModelChoiceField(label=_("Bij doel"), queryset=goals, required=False)


class RespondForm(StyledForm):
    accept = forms.TypedChoiceField(
        label=_("Reactie"),
        choices=[("ja", _("Accepteren")), ("nee", _("Weigeren"))],
        coerce=lambda v: v == "ja",
        widget=RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden"), max_length=500, required=False, help_text=_("Verplicht bij weigeren.")
    )


class FinishForm(StyledForm):
    done = forms.TypedChoiceField(
        label=_("Afronden"),
        choices=[("ja", _("Uitgevoerd")), ("nee", _("Annuleren"))],
        coerce=lambda v: v == "ja",
        widget=RadioSelect,
    )
    note = forms.CharField(
        label=_("Resultaat of reden"), max_length=500, required=False, help_text=_("Verplicht bij annuleren.")
    )


class ReassignForm(StyledForm):
    organisation = OrganisationChoiceField(
        label=_("Nieuwe organisatie"), queryset=Organisation.objects.none()
    )
    due_on = forms.DateField(label=_("Uiterlijk op"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(
            self,
            "organisation",
            list_selectors.organisations_authorised_for(follow_up_type=action.follow_up_type).select_related(
                "kind"
            ),
        )
