"""API shapes for cases. Input serializers validate shape only; the services apply the domain rules."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import TextField
from tracks.models import Intervention
from youths.models import Youth

from ..lifecycle import CaseStatus
from ..models import (
    Case,
    CaseEscalation,
    CaseGoal,
    CaseHandover,
    CaseOrganisation,
    CaseTransition,
    ClosingReason,
    Enrolment,
    FamilyLink,
    Perspective,
    Qualification,
)
from .actions import ActionSerializer
from .fields import OrganisationRefSerializer, PersonField, YouthRefField


class CaseTransitionSerializer(serializers.ModelSerializer):
    by = PersonField(read_only=True)

    class Meta:
        model = CaseTransition
        fields = ["source", "target", "reason", "by", "at"]


class CaseOrganisationSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = CaseOrganisation
        fields = ["organisation", "role", "is_procesregie", "added_at"]


class CaseGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseGoal
        fields = ["id", "life_domain", "description", "status"]


class EnrolmentSerializer(serializers.ModelSerializer):
    intervention: serializers.SlugRelatedField[Intervention] = serializers.SlugRelatedField(
        read_only=True, slug_field="code"
    )

    class Meta:
        model = Enrolment
        fields = ["id", "intervention", "started_on", "ended_on", "result", "result_note"]


class FamilyLinkSerializer(serializers.ModelSerializer):
    linked_youth: serializers.PrimaryKeyRelatedField[Youth] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = FamilyLink
        fields = ["id", "relation", "linked_youth", "member_name"]


class CaseHandoverSerializer(serializers.ModelSerializer):
    from_holder = PersonField(read_only=True)
    to_holder = PersonField(read_only=True)

    class Meta:
        model = CaseHandover
        fields = [
            "id",
            "from_holder",
            "to_holder",
            "reason",
            "status",
            "proposed_at",
            "answered_at",
            "answer_reason",
        ]


class CaseEscalationSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseEscalation
        fields = ["id", "level", "escalated_on", "reason", "ended_on", "end_reason"]


class CaseSerializer(serializers.ModelSerializer):
    youth = YouthRefField(read_only=True)
    procesregie_holder = PersonField(read_only=True)
    overdue_actions = serializers.IntegerField(read_only=True, required=False)
    # The active escalation: "zvh", "bestuurlijk" or null (on the list; the detail has `escalations`).
    escalation_level = serializers.CharField(read_only=True, required=False, allow_null=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "youth",
            "status",
            "procesregie_holder",
            "reason",
            "opened_at",
            "status_changed_at",
            "overdue_actions",
            "escalation_level",
            "closed_at",
            "closing_reason",
            "outcome_perspective",
            "outcome_qualification",
            "outcome_network_size",
            "aftercare_check_in_on",
        ]


class CaseDetailSerializer(CaseSerializer):
    transitions = CaseTransitionSerializer(many=True, read_only=True)
    organisations = serializers.SerializerMethodField()
    goals = CaseGoalSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)
    enrolments = EnrolmentSerializer(many=True, read_only=True)
    family = FamilyLinkSerializer(source="family_links", many=True, read_only=True)
    handovers = CaseHandoverSerializer(many=True, read_only=True)
    escalations = CaseEscalationSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "transitions",
            "organisations",
            "goals",
            "actions",
            "enrolments",
            "family",
            "handovers",
            "escalations",
        ]

    @extend_schema_field(CaseOrganisationSerializer(many=True))
    def get_organisations(self, case: Case) -> list[dict[str, Any]]:
        rows = [r for r in case.organisation_roles.all() if r.ended_at is None]
        # `.data` of a many=True serializer is a ReturnList; the stubs call it a ReturnDict.
        return list(CaseOrganisationSerializer(rows, many=True).data)


class CaseCreateSerializer(serializers.Serializer):
    youth_id = serializers.IntegerField(min_value=1)
    procesregie_holder = serializers.IntegerField(min_value=1)
    reason = TextField(required=False, allow_blank=True, max_length=2000)


class CaseTransitionInputSerializer(serializers.Serializer):
    to = serializers.ChoiceField(
        choices=CaseStatus.choices,
        error_messages={
            "invalid_choice": _("Onbekende status {input}. Kies uit: %(choices)s.")
            % {"choices": ", ".join(CaseStatus.values)}
        },
    )
    reason = TextField(max_length=2000)
    # Only when ending the work (to = nazorg, or gesloten from an open status).
    closing_reason = serializers.ChoiceField(choices=ClosingReason.choices, required=False)
    outcome_perspective = serializers.ChoiceField(choices=Perspective.choices, required=False)
    outcome_qualification = serializers.ChoiceField(choices=Qualification.choices, required=False)
    outcome_network_size = serializers.IntegerField(min_value=0, max_value=100, required=False)
    # Only for aftercare (to = nazorg): the date of the check-in.
    aftercare_check_in_on = serializers.DateField(required=False)


class CaseHandoverInputSerializer(serializers.Serializer):
    to_holder = serializers.IntegerField(min_value=1)
    reason = TextField(max_length=2000)


class CaseEscalationInputSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=CaseEscalation.Level.choices)
    reason = TextField(max_length=2000)
    escalated_on = serializers.DateField(required=False, allow_null=True)
