"""Input shape for the meeting pages. Domain rules live in cases.services; these only parse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from core.forms import CheckboxSelectMultiple, RadioSelect, StyledForm

from ..models import (
    AgendaItem,
    Case,
    Meeting,
    YouthGroup,
)
from ..selectors import core as case_selectors
from ..selectors import lists as list_selectors
from .fields import (
    DateTimeInput,
    LegalBasisChoiceField,
    PersonChoiceField,
    PersonMultipleChoiceField,
    active_organisations,
    set_queryset,
)


class MeetingForm(StyledForm):
    kind = forms.ChoiceField(label=_("Soort overleg"), choices=Meeting.Kind.choices)
    starts_at = forms.DateTimeField(label=_("Datum en tijd"), widget=DateTimeInput())
    location = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    chair = PersonChoiceField(label=_("Voorzitter"), queryset=case_selectors.procesregie_candidates())
    organisations = forms.ModelMultipleChoiceField(
        label=_("Aanwezige organisaties"),
        queryset=active_organisations(),
        widget=CheckboxSelectMultiple,
        required=False,
    )
    attendees = PersonMultipleChoiceField(
        label=_("Aanwezige personen"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Hun organisaties gelden ook als aanwezig."),
    )
    other_attendees = forms.CharField(
        label=_("Overige aanwezigen"),
        max_length=500,
        required=False,
        help_text=_("Namen en organisatie van aanwezigen zonder account."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "chair", case_selectors.procesregie_candidates())
        set_queryset(self, "organisations", active_organisations())
        set_queryset(self, "attendees", case_selectors.procesregie_candidates())


class AttendanceForm(StyledForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Aanwezige organisaties"),
        queryset=Organisation.objects.none(),
        widget=CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "organisations", active_organisations())


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Case) -> str:
        youth = obj.youth
        return f"{_('Casus')} {obj.pk}: {youth.first_name} {youth.last_name} ({obj.get_status_display()})"


class AgendaAddForm(StyledForm):
    """A case or a group for the agenda, chosen from the open cases and active groups the user sees."""

    case = CaseChoiceField(
        label=_("Casus"),
        queryset=Case.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Kies een open casus uit de lijst.")},
    )
    youth_group = forms.ModelChoiceField(label=_("Groep"), queryset=YouthGroup.objects.none(), required=False)

    def __init__(self, *args: Any, groups: Any = None, cases: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "case", cases if cases is not None else Case.objects.none())
        set_queryset(self, "youth_group", groups if groups is not None else YouthGroup.objects.none())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if bool(data.get("case")) == bool(data.get("youth_group")):
            raise forms.ValidationError(_("Kies een casus of een groep."))
        return data


class LegalBasisForm(StyledForm):
    legal_basis = LegalBasisChoiceField(label=_("Grondslag"), queryset=list_selectors.legal_bases_active())
    note = forms.CharField(label=_("Toelichting grondslag"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "legal_basis", list_selectors.legal_bases_active())


class MinutesForm(StyledForm):
    minutes = forms.CharField(
        label=_("Notulen"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    absent_organisations = forms.ModelMultipleChoiceField(
        label=_("Niet aanwezig bij dit punt"),
        queryset=Organisation.objects.none(),
        widget=CheckboxSelectMultiple,
        required=False,
        help_text=_("Deze organisaties zien de notulen van dit punt niet."),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "absent_organisations", meeting.attending_organisations.order_by("name"))


class DecisionForm(StyledForm):
    decision = forms.ChoiceField(label=_("Besluit"), choices=AgendaItem.Decision.choices, widget=RadioSelect)
    reason = forms.CharField(
        label=_("Toelichting besluit"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_("Verplicht bij 'geen verdere actie'."),
    )
    procesregie_holder = PersonChoiceField(
        label=_("Procesregie (bij casus openen)"),
        queryset=case_selectors.procesregie_candidates(),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "procesregie_holder", case_selectors.procesregie_candidates())
