"""API shapes for follow-up actions. Input serializers validate shape only; the services apply the rules."""

from __future__ import annotations

from rest_framework import serializers

from core.api import TextField

from ..models import (
    Action,
    ActionAssessment,
    Case,
    FollowUpType,
    RiskLevel,
    VictimInvolvement,
)
from .fields import OrganisationRefSerializer, PersonField, YouthRefField


class ActionAssessmentSerializer(serializers.ModelSerializer):
    """#kansRIJK: instrument, date, outcome, LVB screening; Halt: parents and victim (the other kind's
    fields stay empty)."""

    class Meta:
        model = ActionAssessment
        fields = [
            "instrument",
            "assessed_on",
            "risk_level",
            "outcome_note",
            "lvb_screening_done",
            "parents_involved",
            "victim_involvement",
            "recorded_at",
        ]


class ActionSerializer(serializers.ModelSerializer):
    youth = YouthRefField(read_only=True)
    case: serializers.PrimaryKeyRelatedField[Case] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    follow_up_type: serializers.SlugRelatedField[FollowUpType] = serializers.SlugRelatedField(
        read_only=True, slug_field="code"
    )
    organisation = OrganisationRefSerializer(read_only=True)
    owner = PersonField(read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    assessment = ActionAssessmentSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "youth",
            "case",
            "follow_up_type",
            "organisation",
            "owner",
            "description",
            "due_on",
            "status",
            "response",
            "response_reason",
            "overdue",
            "result_note",
            "created_at",
            "assessment",
        ]


class ActionCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField(min_value=1)
    follow_up_type = serializers.SlugField()
    organisation = serializers.IntegerField(min_value=1)
    due_on = serializers.DateField(required=False, allow_null=True)
    description = TextField(required=False, allow_blank=True, max_length=2000)


class ActionRespondSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = TextField(required=False, allow_blank=True, max_length=500)


class ActionFinishSerializer(serializers.Serializer):
    done = serializers.BooleanField()
    note = TextField(required=False, allow_blank=True, max_length=500)


class ActionAssessmentInputSerializer(serializers.Serializer):
    """#kansRIJK: instrument, assessed_on, risk_level, outcome_note, lvb_screening_done.
    Halt: parents_involved, victim_involvement."""

    instrument = TextField(required=False, allow_blank=True, max_length=100)
    assessed_on = serializers.DateField(required=False, allow_null=True)
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices, required=False, allow_blank=True)
    outcome_note = TextField(required=False, allow_blank=True, max_length=2000)
    lvb_screening_done = serializers.BooleanField(required=False, allow_null=True, default=None)
    parents_involved = serializers.BooleanField(required=False, allow_null=True, default=None)
    victim_involvement = serializers.ChoiceField(
        choices=VictimInvolvement.choices, required=False, allow_blank=True
    )
