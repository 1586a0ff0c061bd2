"""Input shape for the case pages. Domain rules live in cases.services; these only parse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.forms import RadioSelect, StyledForm
from core.validators import not_in_the_future
from tracks.models import Intervention

from ..lifecycle import CaseStatus
from ..models import (
    CaseGoal,
    ClosingReason,
    Enrolment,
    FamilyLink,
    LifeDomain,
    Perspective,
    Qualification,
)
from ..selectors import core as case_selectors
from ..services.core import Leaving
from .fields import (
    DateInput,
    OrganisationChoiceField,
    PersonChoiceField,
    active_organisations,
    set_queryset,
)


class CaseOpenForm(StyledForm):
    procesregie_holder = PersonChoiceField(
        label=_("Procesregie"), queryset=case_selectors.procesregie_candidates()
    )
    reason = forms.CharField(
        label=_("Aanleiding"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "procesregie_holder", case_selectors.procesregie_candidates())


class ProcesregieForm(StyledForm):
    holder = PersonChoiceField(label=_("Procesregie naar"), queryset=case_selectors.procesregie_candidates())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "holder", case_selectors.procesregie_candidates())


class TransitionForm(StyledForm):
    """A step along the status table; the choices are the steps possible now (closing has its own form)."""

    to = forms.ChoiceField(label=_("Volgende stap"), choices=CaseStatus.choices)
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args: Any, steps: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if steps is not None:
            to = self.fields["to"]
            if isinstance(to, forms.ChoiceField):
                to.choices = [(t.target.value, f"{t.label} ({t.target.label.lower()})") for t in steps]


class CloseForm(StyledForm):
    reason = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    # No preset: the empty choice makes the user pick the reason.
    closing_reason = forms.ChoiceField(
        label=_("Reden van sluiten"),
        choices=[("", _("Kies een reden"))] + list(ClosingReason.choices),
        error_messages={"required": _("Kies de reden van sluiten.")},
    )
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
    aftercare_check_in_on = forms.DateField(
        label=_("Nazorg: contact op"),
        widget=DateInput(),
        required=False,
        help_text=_(
            "Vul een datum in om de casus eerst in nazorg te zetten: u neemt op die datum nog contact op "
            "voordat de casus echt sluit. Leeg: de casus sluit meteen."
        ),
    )

    def __init__(self, *args: Any, aftercare: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not aftercare:  # aftercare follows a plan: not from aangemeld or in onderzoek
            del self.fields["aftercare_check_in_on"]


class AftercareCloseForm(StyledForm):
    """Closing a case in aftercare: the outcome was recorded when the aftercare began."""

    reason = forms.CharField(
        label=_("Hoe ging het nazorgcontact?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class CaseOrganisationForm(StyledForm):
    organisation = OrganisationChoiceField(label=_("Organisatie"), queryset=Organisation.objects.none())
    role = forms.CharField(label=_("Rol in de casus"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "organisation", active_organisations())


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
        set_queryset(self, "intervention", Intervention.objects.order_by("order"))


class EnrolmentEndForm(StyledForm):
    ended_on = forms.DateField(label=_("Einde"), widget=DateInput())
    result = forms.ChoiceField(label=_("Resultaat"), choices=Enrolment.Result.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)
    # Plan 3.2 (OOZA): asked when the intervention has measurable results; the service says so.
    end_reason = forms.ChoiceField(
        label=_("Reden van uitstroom"),
        choices=[("", "—"), *Enrolment.EndReason.choices],
        required=False,
    )
    left_education = forms.TypedChoiceField(
        label=_("Verlaat de jongere het onderwijs?"),
        choices=[("", "—"), ("ja", _("Ja")), ("nee", _("Nee, blijft in het onderwijs"))],
        coerce=lambda v: v == "ja",
        empty_value=None,
        required=False,
    )
    outcome_perspective = forms.ChoiceField(
        label=_("Duurzaam perspectief"), choices=[("", "—"), *Perspective.choices], required=False
    )
    outcome_qualification = forms.ChoiceField(
        label=_("Diploma, certificaat of praktijkverklaring"),
        choices=[("", "—"), *Qualification.choices],
        required=False,
    )
    outcome_network_size = forms.IntegerField(
        label=_("Aantal mensen in het netwerk"), min_value=0, max_value=100, required=False
    )

    def leaving(self) -> Leaving | None:
        data = self.cleaned_data
        if not data.get("end_reason"):
            return None
        return Leaving(
            reason=data["end_reason"],
            left_education=bool(data.get("left_education")),
            perspective=data.get("outcome_perspective") or "",
            qualification=data.get("outcome_qualification") or "",
            network_size=data.get("outcome_network_size"),
        )


class FamilyLinkForm(StyledForm):
    relation = forms.ChoiceField(label=_("Relatie"), choices=FamilyLink.Relation.choices)
    linked_youth = forms.IntegerField(label=_("Jongere"), widget=forms.HiddenInput, required=False)
    member_name = forms.CharField(
        label=_("Roepnaam gezinslid"),
        max_length=100,
        required=False,
        help_text=_("Alleen voor een gezinslid dat niet als jongere op het platform staat."),
    )


class FamilyMatchFollowUpForm(StyledForm):
    """The follow-up of a family match: in touch on, who takes the lead, the agreement (no content)."""

    in_touch_on = forms.DateField(
        label=_("Contact gehad op"),
        widget=DateInput(),
        validators=[not_in_the_future],
        error_messages={
            "required": _("Vul de datum van het contact in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    lead_organisation = forms.ModelChoiceField(
        label=_("Wie neemt het voortouw?"),
        queryset=Organisation.objects.none(),  # the family match's organisations, set per link
        empty_label=_("Kies een organisatie"),
        error_messages={"required": _("Kies de organisatie die het voortouw neemt.")},
    )
    note = forms.CharField(
        label=_("Afspraak (niet verplicht)"),
        help_text=_("Kort, zonder inhoud van signalen; bijvoorbeeld ‘wijkteam houdt contact met moeder’."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, organisation_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lead_organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = Organisation.objects.filter(pk__in=organisation_ids).order_by("name")
