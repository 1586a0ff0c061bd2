"""API shapes for youths and signals. A signal row the user may not read in full (`full_access` False,
set by the gateway) is serialised with only its organisation, dates and domain."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation
from core.api import TextField
from core.validators import not_in_the_future
from tracks.models import Intervention

from .models import (
    SIGNAL_DESCRIPTION_MAX_LENGTH,
    District,
    Domain,
    FamilyInforming,
    Flag,
    Gender,
    Involvement,
    Match,
    School,
    Signal,
    SignalCategory,
    Youth,
)

_DOMAIN_MESSAGE = _("Onbekend leefgebied „{input}”. Kies home, street, school of online.")


class OrganisationContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "contact_name", "contact_email", "contact_phone"]


class SignalCloseSerializer(serializers.Serializer):
    """`POST /api/v1/signals/{id}/close/`: why the organisation's involvement through this signal ended."""

    reason = TextField(
        max_length=300,
        error_messages={
            "required": _("Geef kort aan waarom de betrokkenheid van uw organisatie is beëindigd."),
            "blank": _("Geef kort aan waarom de betrokkenheid van uw organisatie is beëindigd."),
        },
    )


class SignalCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = SignalCategory
        fields = ["code", "name", "description", "weight"]


class SignalSerializer(serializers.ModelSerializer):
    """Full for the reporting organisation and for view_all users; otherwise only who, when and where."""

    LIMITED_FIELDS = (
        "id",
        "youth_id",
        "organisation",
        "domain",
        "observed_on",
        "created_at",
        "visibility",
        "status",
    )

    youth_id = serializers.IntegerField(read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    category: serializers.SlugRelatedField[SignalCategory] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    category_name = serializers.CharField(source="category.name", read_only=True)
    reported_by = serializers.CharField(source="reported_by.get_full_name", read_only=True)
    intervention: serializers.SlugRelatedField[Intervention] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    withdrawn = serializers.SerializerMethodField(
        help_text="Ingetrokken: alleen voor een ten onrechte gemeld signaal."
    )
    status = serializers.ChoiceField(
        choices=Signal.Status.choices,
        read_only=True,
        help_text="active; closed: de betrokkenheid van de organisatie is beëindigd (telt nog mee); "
        "withdrawn: ten onrechte gemeld (telt niet mee).",
    )
    sharing_basis = serializers.CharField(
        source="sharing_basis_text",
        read_only=True,
        help_text="De grondslag waarop de organisatie het signaal deelde, zoals die bij het melden gold.",
    )
    visibility = serializers.SerializerMethodField(
        help_text="full: alles; limited: alleen wie, wanneer en waar."
    )

    class Meta:
        model = Signal
        fields = [
            "id",
            "youth_id",
            "organisation",
            "domain",
            "observed_on",
            "created_at",
            "visibility",
            "category",
            "category_name",
            "description",
            "intervention",
            "reported_by",
            "corrected_at",
            "status",
            "closed_at",
            "closure_reason",
            "withdrawn",
            "withdrawn_at",
            "withdrawal_reason",
            "sharing_basis",
        ]

    def get_withdrawn(self, signal: Signal) -> bool:
        return signal.withdrawn_at is not None

    def get_visibility(self, signal: Signal) -> str:
        return "full" if getattr(signal, "full_access", False) else "limited"

    def to_representation(self, instance: Signal) -> dict[str, Any]:
        data = super().to_representation(instance)
        if getattr(instance, "full_access", False) is not True:
            return {key: data[key] for key in self.LIMITED_FIELDS}
        return data


class YouthSerializer(serializers.ModelSerializer):
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    school = serializers.CharField(source="school.name", read_only=True, allow_null=True, default=None)
    last_activity_at = serializers.SerializerMethodField()

    class Meta:
        model = Youth
        fields = [
            "id",
            "first_name",
            "last_name",
            "date_of_birth",
            "gender",
            "district",
            "school",
            "last_activity_at",
        ]

    @extend_schema_field(serializers.DateTimeField())
    def get_last_activity_at(self, youth: Youth) -> Any:
        value = getattr(youth, "activity_at", None) or youth.last_activity_at
        return serializers.DateTimeField().to_representation(value)


class InvolvementSerializer(serializers.ModelSerializer):
    organisation = OrganisationContactSerializer(read_only=True)

    class Meta:
        model = Involvement
        fields = ["organisation", "started_at"]


class YouthDetailSerializer(YouthSerializer):
    involved_organisations = serializers.SerializerMethodField()
    signals = serializers.SerializerMethodField()

    class Meta(YouthSerializer.Meta):
        fields = [*YouthSerializer.Meta.fields, "involved_organisations", "signals"]

    @extend_schema_field(InvolvementSerializer(many=True))
    def get_involved_organisations(
        self, youth: Youth
    ) -> Any:  # the stubs type `.data` of many=True as one dict
        return InvolvementSerializer(self.context["involvements"], many=True).data

    @extend_schema_field(SignalSerializer(many=True))
    def get_signals(self, youth: Youth) -> Any:  # the stubs type `.data` of many=True as one dict
        return SignalSerializer(self.context["signals"], many=True).data


class MatchSerializer(serializers.ModelSerializer):
    youth_id = serializers.IntegerField(read_only=True)
    organisations = serializers.SerializerMethodField()
    lead_organisation = serializers.CharField(
        source="lead_organisation.name", read_only=True, allow_null=True, default=None
    )
    followed_up = serializers.BooleanField(source="is_followed_up", read_only=True)

    class Meta:
        model = Match
        fields = [
            "id",
            "youth_id",
            "created_at",
            "cause",
            "organisations",
            "followed_up",
            "in_touch_on",
            "lead_organisation",
            "follow_up_note",
        ]

    @extend_schema_field(OrganisationContactSerializer(many=True))
    def get_organisations(self, match: Match) -> Any:  # the stubs type `.data` of many=True as one dict
        return OrganisationContactSerializer(
            [p.organisation for p in match.participants.all()], many=True
        ).data


class FlagSignalSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    category: serializers.SlugRelatedField[SignalCategory] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    withdrawn = serializers.SerializerMethodField()

    class Meta:
        model = Signal
        fields = ["id", "organisation", "category", "domain", "observed_on", "withdrawn", "status"]

    def get_withdrawn(self, signal: Signal) -> bool:
        return signal.withdrawn_at is not None


class FlagSerializer(serializers.ModelSerializer):
    youth = YouthSerializer(read_only=True)
    rule = serializers.CharField(source="rule.name", read_only=True)
    priority = serializers.IntegerField(
        source="rule.priority", read_only=True, help_text="1 urgent, 2 hoog, 3 normaal"
    )
    priority_label = serializers.CharField(source="rule.get_priority_display", read_only=True)
    age_days = serializers.IntegerField(read_only=True)
    signals = FlagSignalSerializer(many=True, read_only=True)

    class Meta:
        model = Flag
        fields = [
            "id",
            "youth",
            "rule",
            "priority",
            "priority_label",
            "raised_at",
            "age_days",
            "explanation",
            "status",
            "signals",
            "closed_at",
            "closing_note",
        ]


class YouthIdentityInputSerializer(serializers.Serializer):
    first_name = TextField(max_length=100, label=_("voornaam"))
    last_name = TextField(max_length=100, label=_("achternaam"))
    date_of_birth = serializers.DateField(label=_("geboortedatum"), validators=[not_in_the_future])
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    district = serializers.SlugRelatedField(
        slug_field="code",
        queryset=District.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Onbekende wijk „{value}”.")},
    )
    school = serializers.PrimaryKeyRelatedField(
        queryset=School.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Onbekende school {pk_value}.")},
    )
    bsn = TextField(max_length=12, required=False, allow_blank=True, write_only=True)


class SignalCreateSerializer(serializers.Serializer):
    """POST /api/v1/signals/: the youth by `youth` (identity) or `youth_id`; never the reporter."""

    youth = YouthIdentityInputSerializer(required=False)
    youth_id = serializers.IntegerField(required=False, min_value=1)
    category = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SignalCategory.objects.filter(is_active=True),
        error_messages={
            "does_not_exist": _("Onbekende categorie „{value}”. Zie /api/v1/signal-categories/."),
            "required": _("Geef de categorie (code)."),
        },
    )
    domain = serializers.ChoiceField(
        choices=Domain.choices,
        # `required` has no {input} to fill in (DRF formats it without one): a message of its own.
        error_messages={
            "invalid_choice": _DOMAIN_MESSAGE,
            "required": _("Geef het leefgebied: home, street, school of online."),
        },
    )
    observed_on = serializers.DateField(
        validators=[not_in_the_future],
        error_messages={
            "invalid": _("Geef de datum van waarnemen als JJJJ-MM-DD."),
            "required": _("Geef de datum van waarnemen (JJJJ-MM-DD)."),
        },
    )
    description = TextField(
        max_length=SIGNAL_DESCRIPTION_MAX_LENGTH,
        error_messages={
            "blank": _("Beschrijf kort en feitelijk wat u hebt gezien of gehoord."),
            "required": _("Beschrijf kort en feitelijk wat u hebt gezien of gehoord."),
            "max_length": _("De omschrijving is te lang: maximaal {max_length} tekens."),
        },
    )
    intervention = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Intervention.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Onbekende interventie „{value}”.")},
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("youth" in attrs) == ("youth_id" in attrs):
            raise serializers.ValidationError(
                {"youth": [_("Geef óf `youth` (voornaam, achternaam, geboortedatum) óf `youth_id`.")]}
            )
        return attrs


class FamilyInformingSerializer(serializers.ModelSerializer):
    """The own organisation's record of informing the family (AVG art. 13/14)."""

    youth_id = serializers.IntegerField(read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    informed = serializers.BooleanField(source="is_informed", read_only=True)

    class Meta:
        model = FamilyInforming
        fields = [
            "youth_id",
            "organisation",
            "informed",
            "youth_informed_on",
            "parents_informed_on",
            "postpone_reason",
            "look_again_on",
            "updated_at",
        ]
        read_only_fields = fields


class FamilyInformingInputSerializer(serializers.Serializer):
    """Either a date informed (youth and/or parents), or a reason to postpone with a date to look again."""

    youth_informed_on = serializers.DateField(required=False, allow_null=True, validators=[not_in_the_future])
    parents_informed_on = serializers.DateField(
        required=False, allow_null=True, validators=[not_in_the_future]
    )
    postpone_reason = TextField(required=False, allow_blank=True, max_length=500, default="")
    look_again_on = serializers.DateField(required=False, allow_null=True)
