"""Input shape for casework around procesregie: handover, escalation, #kansRIJK and Halt data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import RadioSelect, StyledForm

from ..catalogue import AssessmentKind
from ..models import ActionAssessment, CaseEscalation, RiskLevel, VictimInvolvement
from ..selectors import core as case_selectors
from .fields import DateInput, PersonChoiceField, set_queryset

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


def yes_no(value: str) -> bool | None:
    return {"ja": True, "nee": False}.get(value)


class HandoverProposeForm(StyledForm):
    to_holder = PersonChoiceField(
        label=_("Procesregie overdragen aan"), queryset=case_selectors.procesregie_candidates()
    )
    reason = forms.CharField(
        label=_("Reden van de overdracht"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("De nieuwe procesregisseur ziet deze reden en accepteert of wijst af."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "to_holder", case_selectors.procesregie_candidates())


class HandoverAnswerForm(StyledForm):
    accept = forms.ChoiceField(
        label=_("Neemt u de procesregie over?"),
        choices=[("ja", _("Ja, ik neem de procesregie over")), ("nee", _("Nee, ik wijs de overdracht af"))],
        widget=RadioSelect,
        error_messages={"required": _("Kies of u de procesregie overneemt.")},
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        required=False,
        help_text=_("Verplicht als u afwijst."),
    )


class EscalationForm(StyledForm):
    level = forms.ChoiceField(
        label=_("Opschalen naar"),
        choices=[("", _("Kies"))] + list(CaseEscalation.Level.choices),
        error_messages={"required": _("Kies waarheen de casus wordt opgeschaald.")},
    )
    escalated_on = forms.DateField(label=_("Datum"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reden van opschaling"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class EscalationEndForm(StyledForm):
    reason = forms.CharField(label=_("Reden van afschalen"), max_length=500)


class KansrijkForm(StyledForm):
    instrument = forms.CharField(
        label=_("Instrument"),
        max_length=100,
        help_text=_("Bijvoorbeeld het gebruikte risicotaxatie-instrument."),
    )
    assessed_on = forms.DateField(label=_("Datum risicotaxatie"), widget=DateInput())
    risk_level = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("", _("Kies"))] + list(RiskLevel.choices),
        error_messages={"required": _("Kies de uitkomst van de risicotaxatie.")},
    )
    outcome_note = forms.CharField(
        label=_("Advies en toelichting"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    lvb_screening_done = forms.ChoiceField(
        label=_("Is er een LVB-screening gedaan?"),
        choices=YES_NO,
        widget=RadioSelect,
        error_messages={"required": _("Geef aan of er een LVB-screening is gedaan.")},
    )


class HaltForm(StyledForm):
    parents_involved = forms.ChoiceField(
        label=_("Waren de ouders betrokken?"),
        choices=YES_NO,
        widget=RadioSelect,
        error_messages={"required": _("Geef aan of de ouders betrokken waren.")},
    )
    victim_involvement = forms.ChoiceField(
        label=_("Slachtoffer"),
        choices=VictimInvolvement.choices,
        widget=RadioSelect,
        error_messages={"required": _("Kies wat er met het slachtoffer is gebeurd.")},
    )


def assessment_initial(assessment: ActionAssessment | None) -> dict[str, Any]:
    if assessment is None:
        return {}
    as_text = {True: "ja", False: "nee", None: ""}
    return {
        "instrument": assessment.instrument,
        "assessed_on": assessment.assessed_on,
        "risk_level": assessment.risk_level,
        "outcome_note": assessment.outcome_note,
        "lvb_screening_done": as_text[assessment.lvb_screening_done],
        "parents_involved": as_text[assessment.parents_involved],
        "victim_involvement": assessment.victim_involvement,
    }


def assessment_form(kind: AssessmentKind, *args: Any, **kwargs: Any) -> StyledForm:
    return KansrijkForm(*args, **kwargs) if kind == AssessmentKind.KANSRIJK else HaltForm(*args, **kwargs)
