"""Input shape for the youth pages. Domain rules are the services'; these only parse and check types."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.forms import CheckboxSelectMultiple, DateInput, RadioSelect, StyledForm
from core.validators import not_in_the_future
from tracks.models import Intervention

from .models import (
    SIGNAL_DESCRIPTION_MAX_LENGTH,
    CombinationRule,
    District,
    Domain,
    DuplicateCandidate,
    Gender,
    Match,
    RulePriority,
    School,
    SignalCategory,
)
from .selectors import signal_category_list
from .services.youths import YouthIdentity


class SignalFieldsForm(StyledForm):
    category = forms.ModelChoiceField(
        label=_("Waar gaat het over?"),
        queryset=signal_category_list(),
        empty_label=_("Kies een categorie"),
        error_messages={
            "required": _("Kies een categorie."),
            "invalid_choice": _("Kies een categorie uit de lijst."),
        },
    )
    domain = forms.ChoiceField(
        label=_("Waar speelde het?"),
        choices=Domain.choices,
        widget=RadioSelect,
        error_messages={
            "required": _("Kies waar het speelde: thuis, straat, school of online."),
            "invalid_choice": _("Kies waar het speelde: thuis, straat, school of online."),
        },
    )
    observed_on = forms.DateField(
        label=_("Wanneer hebt u het gezien of gehoord?"),
        widget=DateInput(),
        validators=[not_in_the_future],
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
    )
    description = forms.CharField(
        label=_("Wat hebt u gezien of gehoord?"),
        help_text=_(
            "Kort en feitelijk: wat, waar, wie erbij was. Geen vermoedens of diagnoses. "
            "Maximaal %(max)d tekens."
        )
        % {"max": SIGNAL_DESCRIPTION_MAX_LENGTH},
        max_length=SIGNAL_DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Beschrijf kort en feitelijk wat u hebt gezien of gehoord."),
            "max_length": _("Maximaal %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
    intervention = forms.ModelChoiceField(
        label=_("Interventie uit het plan"),
        help_text=_("Alleen als het signaal binnen een van de interventies van het plan is opgevangen."),
        queryset=Intervention.objects.order_by("order"),
        required=False,
        empty_label=_("Geen"),
    )

    FIELDS = ("category", "domain", "observed_on", "description", "intervention")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["observed_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["description"].widget.attrs["maxlength"] = SIGNAL_DESCRIPTION_MAX_LENGTH

    def signal_fields(self) -> dict[str, Any]:
        """The cleaned signal fields, as keyword arguments for signal_log and signal_correct."""
        return {name: self.cleaned_data.get(name) for name in self.FIELDS}


class SignalLogForm(SignalFieldsForm):
    """Log a signal: about a known youth (`youth` given) or about a youth described by name and birth date."""

    IDENTITY_FIELDS = ("first_name", "last_name", "date_of_birth", "gender", "district", "school", "bsn")

    first_name = forms.CharField(
        label=_("Voornaam"), max_length=100, error_messages={"required": _("Vul de voornaam in.")}
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        help_text=_("Met tussenvoegsel, bijvoorbeeld ‘de Vries’."),
        max_length=100,
        error_messages={"required": _("Vul de achternaam in.")},
    )
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        widget=DateInput(),
        validators=[not_in_the_future],
        error_messages={"required": _("Vul de geboortedatum in."), "invalid": _("Vul een geldige datum in.")},
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—"), *Gender.choices], required=False)
    district = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=District.objects.filter(is_active=True),
        required=False,
        empty_label=_("Onbekend"),
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.filter(is_active=True),
        required=False,
        empty_label=_("Onbekend"),
    )
    bsn = forms.CharField(
        label=_("BSN"),
        help_text=_(
            "Alleen als u het zeker weet. Het BSN wordt niet bewaard, alleen een versleutelde code "
            "om dezelfde jongere terug te vinden."
        ),
        max_length=12,
        required=False,
    )

    field_order = [*IDENTITY_FIELDS, "category", "domain", "observed_on", "description", "intervention"]

    def __init__(self, *args: Any, youth: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.youth = youth
        if youth is not None:
            for name in self.IDENTITY_FIELDS:
                del self.fields[name]
        else:
            self.fields["date_of_birth"].widget.attrs["max"] = timezone.localdate().isoformat()
            self.fields["bsn"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
            for name in ("first_name", "last_name"):
                self.fields[name].widget.attrs["autocomplete"] = "off"

    def identity(self) -> YouthIdentity | None:
        if self.youth is not None:
            return None
        data = self.cleaned_data
        return YouthIdentity(
            first_name=data["first_name"],
            last_name=data["last_name"],
            date_of_birth=data["date_of_birth"],
            gender=data.get("gender") or "",
            district=data.get("district"),
            school=data.get("school"),
            bsn=data.get("bsn") or "",
        )


class SignalCloseForm(StyledForm):
    """Closing a signal or the whole involvement: why the organisation's involvement ended."""

    reason = forms.CharField(
        label=_("Waarom is de betrokkenheid van uw organisatie beëindigd?"),
        help_text=_(
            "Bijvoorbeeld: hulp afgerond, overgedragen, zorg weggenomen. Geen inhoud over de jongere."
        ),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Geef kort aan waarom de betrokkenheid van uw organisatie is beëindigd.")
        },
    )


class SignalWithdrawForm(StyledForm):
    reason = forms.CharField(
        label=_("Waarom is dit signaal ten onrechte gemeld?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef kort aan waarom u het signaal intrekt.")},
    )


class MatchFollowUpForm(StyledForm):
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
        queryset=Organisation.objects.none(),  # the match's organisations, set per match
        empty_label=_("Kies een organisatie"),
        error_messages={"required": _("Kies de organisatie die het voortouw neemt.")},
    )
    note = forms.CharField(
        label=_("Afspraak"),
        help_text=_(
            "Kort, zonder inhoud van signalen; bijvoorbeeld ‘jongerenwerk houdt contact met de ouders’."
        ),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, match: Match, prefix: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, prefix=prefix or f"match-{match.pk}", **kwargs)
        cast(forms.ModelChoiceField, self.fields["lead_organisation"]).queryset = Organisation.objects.filter(
            pk__in=[p.organisation_id for p in match.participants.all()]
        )
        self.fields["in_touch_on"].initial = timezone.localdate()
        self.fields["in_touch_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class FlagCloseForm(StyledForm):
    note = forms.CharField(
        label=_("Wat is er besloten?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Leg kort vast wat er met de signalering is gedaan.")},
    )


class DuplicateMergeForm(StyledForm):
    """Which of a possible duplicate's two records stays (the other is merged into it)."""

    behouden = forms.TypedChoiceField(
        label=_("Welke registratie blijft bestaan?"),
        coerce=int,
        error_messages={
            "required": _("Kies welke registratie blijft bestaan."),
            "invalid_choice": _("Kies welke registratie blijft bestaan."),
        },
    )

    # Merging cannot be undone: the first post shows the consequences, the second (bevestigd) merges.
    bevestigd = forms.BooleanField(label=_("Ik heb de gevolgen gelezen en voeg samen"), required=False)

    def __init__(self, *args: Any, candidate: DuplicateCandidate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["behouden"]).choices = [
            (candidate.youth_a_id, ""),
            (candidate.youth_b_id, ""),
        ]


class SignalCategoryMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Names the special data a category holds, so a rule never weighs them unknowingly."""

    def label_from_instance(self, obj: SignalCategory) -> str:
        if not obj.is_special:
            return str(obj)
        return f"{obj} ({_('bijzondere gegevens')}: {obj.get_special_category_display()})"


class CombinationRuleForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Waarom deze combinatie reden is om een jongere te bespreken; in gewone woorden."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    window_days = forms.IntegerField(label=_("Venster (dagen)"), min_value=1, max_value=730)
    min_signals = forms.IntegerField(
        label=_("Minimaal aantal signalen"), min_value=1, max_value=100, initial=2
    )
    min_organisations = forms.IntegerField(
        label=_("Minimaal aantal organisaties"), min_value=1, max_value=100, initial=1
    )
    min_domains = forms.IntegerField(
        label=_("Minimaal aantal leefgebieden"), min_value=1, max_value=4, initial=1
    )
    categories = SignalCategoryMultipleChoiceField(
        label=_("Minstens één signaal in een van deze categorieën"),
        help_text=_("Leeg laten als de categorie niet uitmaakt."),
        queryset=signal_category_list(),
        widget=CheckboxSelectMultiple,
        required=False,
    )
    min_total_weight = forms.IntegerField(
        label=_("Minimaal totaalgewicht"),
        help_text=_("De som van de gewichten van de signalen in het venster; 0 = telt niet mee."),
        min_value=0,
        max_value=1000,
        initial=0,
    )
    dpia_reference = forms.CharField(
        label=_("DPIA-kenmerk"),
        max_length=200,
        required=False,
        help_text=_(
            "Verplicht als de regel een categorie met bijzondere of strafrechtelijke gegevens weegt "
            "(gemarkeerd in de lijst hierboven)."
        ),
    )
    priority = forms.TypedChoiceField(
        label=_("Urgentie"),
        help_text=_("De lijst voor het vroegsignaleringsoverleg begint bij de urgentste signaleringen."),
        choices=RulePriority.choices,
        coerce=int,
        initial=RulePriority.NORMAL,
        required=False,
    )
    is_active = forms.BooleanField(label=_("Actief"), required=False, initial=True)

    def clean_priority(self) -> int:
        # Not given (an older client, a form without the field): normal.
        return int(self.cleaned_data.get("priority") or RulePriority.NORMAL)

    @classmethod
    def for_rule(cls, rule: CombinationRule | None, data: Any = None) -> CombinationRuleForm:
        if rule is None:
            return cls(data)
        initial = {
            field: getattr(rule, field)
            for field in (
                "name",
                "description",
                "window_days",
                "min_signals",
                "min_organisations",
                "min_domains",
                "min_total_weight",
                "dpia_reference",
                "priority",
                "is_active",
            )
        }
        initial["categories"] = list(rule.categories.all())
        return cls(data, initial=initial)


class FamilyInformingForm(StyledForm):
    """Whether the youth and/or the parents were informed (AVG art. 13/14), or why and until when not."""

    youth_informed_on = forms.DateField(
        label=_("Jongere geïnformeerd op"),
        widget=DateInput(),
        required=False,
        validators=[not_in_the_future],
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    parents_informed_on = forms.DateField(
        label=_("Ouders geïnformeerd op"),
        widget=DateInput(),
        required=False,
        validators=[not_in_the_future],
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    postpone_reason = forms.CharField(
        label=_("Of: reden om het informeren uit te stellen"),
        help_text=_("Bijvoorbeeld: informeren brengt de jongere in gevaar. Zonder inhoud van signalen."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    look_again_on = forms.DateField(
        label=_("Opnieuw bekijken op"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
