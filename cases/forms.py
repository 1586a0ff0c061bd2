"""Input shape for the HTML pages. Domain rules live in services.py; these only parse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from core.forms import CheckboxSelectMultiple, RadioSelect, StyledForm
from tracks.models import Intervention

from . import selectors
from .groupsteps import StepDefinition
from .lifecycle import CaseStatus
from .models import (
    Action,
    AgendaItem,
    CaseGoal,
    ClosingReason,
    Enrolment,
    FamilyLink,
    FollowUpType,
    LifeDomain,
    Meeting,
    Perspective,
    Qualification,
    YouthGroup,
    YouthGroupMember,
    YouthGroupStep,
)


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
            field.iterator = _SharedChoicesIterator
            field.shared_objects = objects  # type: ignore[attr-defined]
            field.widget.choices = field.choices  # type: ignore[attr-defined]
    return form


def active_organisations() -> Any:
    return Organisation.objects.filter(is_active=True).select_related("kind").order_by("name")


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
        return f"{obj.name} ({kinds})"


# --- Meetings -------------------------------------------------------------------------------------


class MeetingForm(StyledForm):
    kind = forms.ChoiceField(label=_("Soort overleg"), choices=Meeting.Kind.choices)
    starts_at = forms.DateTimeField(label=_("Datum en tijd"), widget=DateTimeInput())
    location = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    chair = PersonChoiceField(label=_("Voorzitter"), queryset=selectors.procesregie_candidates())
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
        self.fields["chair"].queryset = selectors.procesregie_candidates()
        self.fields["organisations"].queryset = active_organisations()
        self.fields["attendees"].queryset = selectors.procesregie_candidates()


class AttendanceForm(StyledForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Aanwezige organisaties"),
        queryset=Organisation.objects.none(),
        widget=CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = active_organisations()


class AgendaAddForm(StyledForm):
    case = forms.IntegerField(label=_("Casusnummer"), required=False, min_value=1)
    youth_group = forms.ModelChoiceField(label=_("Groep"), queryset=YouthGroup.objects.none(), required=False)

    def __init__(self, *args: Any, groups: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["youth_group"].queryset = groups if groups is not None else YouthGroup.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("case")) == bool(data.get("youth_group")):
            raise forms.ValidationError(_("Kies een casus of een groep."))
        return data


class LegalBasisForm(StyledForm):
    legal_basis = forms.ModelChoiceField(label=_("Grondslag"), queryset=selectors.legal_bases_active())
    note = forms.CharField(label=_("Toelichting grondslag"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["legal_basis"].queryset = selectors.legal_bases_active()


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
        self.fields["absent_organisations"].queryset = meeting.attending_organisations.order_by("name")


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
        self.fields["follow_up_type"].queryset = selectors.follow_up_types_for()
        self.fields["organisation"].queryset = active_organisations()
        if goals is not None:
            self.fields["goal"] = forms.ModelChoiceField(label=_("Bij doel"), queryset=goals, required=False)


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
        label=_("Procesregie (bij casus openen)"), queryset=selectors.procesregie_candidates(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procesregie_holder"].queryset = selectors.procesregie_candidates()


# --- Cases ----------------------------------------------------------------------------------------


class CaseOpenForm(StyledForm):
    procesregie_holder = PersonChoiceField(
        label=_("Procesregie"), queryset=selectors.procesregie_candidates()
    )
    reason = forms.CharField(
        label=_("Aanleiding"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procesregie_holder"].queryset = selectors.procesregie_candidates()


class ProcesregieForm(StyledForm):
    holder = PersonChoiceField(label=_("Procesregie naar"), queryset=selectors.procesregie_candidates())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = selectors.procesregie_candidates()


class TransitionForm(StyledForm):
    """A step along the status table; the choices are the steps possible now (closing has its own form)."""

    to = forms.ChoiceField(label=_("Volgende stap"), choices=CaseStatus.choices)
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args: Any, steps: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if steps is not None:
            self.fields["to"].choices = [
                (t.target.value, f"{t.label} ({t.target.label.lower()})") for t in steps
            ]


class CloseForm(StyledForm):
    reason = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    closing_reason = forms.ChoiceField(label=_("Reden van sluiten"), choices=ClosingReason.choices)
    outcome_perspective = forms.ChoiceField(
        label=_("Duurzaam perspectief"), choices=Perspective.choices, widget=RadioSelect
    )
    outcome_qualification = forms.ChoiceField(
        label=_("Diploma, (deel)certificaat of praktijkverklaring"),
        choices=Qualification.choices,
        widget=RadioSelect,
    )
    outcome_network_size = forms.IntegerField(
        label=_("Aantal mensen in het netwerk"),
        min_value=0,
        max_value=100,
        help_text=_("Mensen op wie de jongere kan terugvallen (het plan vraagt er minstens 3)."),
    )


class CaseOrganisationForm(StyledForm):
    organisation = OrganisationChoiceField(label=_("Organisatie"), queryset=Organisation.objects.none())
    role = forms.CharField(label=_("Rol in de casus"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()


class GoalForm(StyledForm):
    life_domain = forms.ChoiceField(label=_("Leefgebied"), choices=LifeDomain.choices)
    description = forms.CharField(label=_("Doel"), max_length=500)


class GoalStatusForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=CaseGoal.Status.choices)


class EnrolmentForm(StyledForm):
    intervention = forms.ModelChoiceField(label=_("Interventie"), queryset=Intervention.objects.none())
    started_on = forms.DateField(label=_("Start"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = Intervention.objects.order_by("order")


class EnrolmentEndForm(StyledForm):
    ended_on = forms.DateField(label=_("Einde"), widget=DateInput())
    result = forms.ChoiceField(label=_("Resultaat"), choices=Enrolment.Result.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


class FamilyLinkForm(StyledForm):
    relation = forms.ChoiceField(label=_("Relatie"), choices=FamilyLink.Relation.choices)
    linked_youth = forms.IntegerField(widget=forms.HiddenInput, required=False)
    member_name = forms.CharField(
        label=_("Roepnaam gezinslid"),
        max_length=100,
        required=False,
        help_text=_("Alleen voor een gezinslid dat niet als jongere op het platform staat."),
    )


class YouthSearchForm(StyledForm):
    q = forms.CharField(label=_("Zoek jongere op naam"), max_length=100, required=False)


# --- Actions --------------------------------------------------------------------------------------


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
        self.fields["organisation"].queryset = selectors.organisations_authorised_for(
            follow_up_type=action.follow_up_type
        ).select_related("kind")


# --- Groups ---------------------------------------------------------------------------------------


class YouthGroupForm(StyledForm):
    name = forms.CharField(label=_("Naam van de groep"), max_length=200)
    area = forms.CharField(label=_("Gebied"), max_length=200, help_text=_("Wijk, plek of hangplek."))
    coordinator = PersonChoiceField(
        label=_("Regisseur groepsaanpak"), queryset=selectors.procesregie_candidates()
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Deelnemende organisaties"),
        queryset=Organisation.objects.none(),
        widget=CheckboxSelectMultiple,
        required=False,
    )
    legacy_shortlist_label = forms.ChoiceField(
        label=_("Shortlist-label (oud, alleen voor de historie)"),
        choices=[("", _("Geen"))] + list(YouthGroup.ShortlistLabel.choices),
        required=False,
        help_text=_("Sinds 2023 werken de stappen met de groepsscan en de duiding."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = selectors.procesregie_candidates()
        self.fields["organisations"].queryset = active_organisations()


class GroupOrganisationForm(StyledForm):
    organisation = OrganisationChoiceField(label=_("Organisatie"), queryset=Organisation.objects.none())
    role = forms.CharField(label=_("Rol"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()


class MemberForm(StyledForm):
    youth = forms.IntegerField(widget=forms.HiddenInput, required=False)
    role = forms.ChoiceField(label=_("Rol in de groep"), choices=YouthGroupMember.Role.choices)
    namenlijst_position = forms.IntegerField(label=_("Plek op de namenlijst"), min_value=1, required=False)
    left_on = forms.DateField(label=_("Uit de groep op"), widget=DateInput(), required=False)


class MemberCaseForm(StyledForm):
    procesregie_holder = PersonChoiceField(
        label=_("Procesregie"), queryset=selectors.procesregie_candidates()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procesregie_holder"].queryset = selectors.procesregie_candidates()


class StepForm(StyledForm):
    """The fields of one step; `step_form` adds one field per detail of the step's definition."""

    status = forms.ChoiceField(label=_("Status"), choices=YouthGroupStep.Status.choices)
    owner = PersonChoiceField(
        label=_("Eigenaar"), queryset=selectors.procesregie_candidates(), required=False
    )
    notes = forms.CharField(
        label=_("Aantekeningen"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    definition: StepDefinition

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.procesregie_candidates()

    def details(self) -> dict[str, str]:
        out = {}
        for f in self.definition.fields:
            value = self.cleaned_data.get(f"detail_{f.code}")
            out[f.code] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
        return out


def step_form(definition: StepDefinition, *args: Any, **kwargs: Any) -> StepForm:
    """A StepForm with the step's detail fields (declared on a subclass, so StyledForm styles them)."""
    fields: dict[str, Any] = {"definition": definition}
    for f in definition.fields:
        label = f"{f.part}: {f.label}" if f.part else f.label
        if f.kind == "date":
            field: forms.Field = forms.DateField(label=label, widget=DateInput(), required=False)
        else:
            field = forms.CharField(
                label=label, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
            )
        needed = _("Nodig om de stap af te ronden.") if f.required else ""
        field.help_text = " ".join(str(t) for t in (f.help_text, needed) if t)
        fields[f"detail_{f.code}"] = field
    form_class = type(f"Step{definition.number}Form", (StepForm,), fields)
    return form_class(*args, **kwargs)
