"""API shapes for the group approach: groups, members and steps."""

from __future__ import annotations

from rest_framework import serializers

from ..groupsteps import step_definition
from ..models import (
    Case,
    YouthGroup,
    YouthGroupMember,
    YouthGroupStep,
)
from .fields import OrganisationRefSerializer, PersonField, YouthRefField


class YouthGroupMemberSerializer(serializers.ModelSerializer):
    youth = YouthRefField(read_only=True)
    case: serializers.PrimaryKeyRelatedField[Case] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = YouthGroupMember
        fields = ["id", "youth", "role", "namenlijst_position", "left_on", "case"]


class YouthGroupStepSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    owner = PersonField(read_only=True)

    class Meta:
        model = YouthGroupStep
        fields = ["number", "title", "status", "started_on", "completed_on", "owner", "notes", "details"]

    def get_title(self, step: YouthGroupStep) -> str:
        return str(step_definition(step.number).title)


class YouthGroupSerializer(serializers.ModelSerializer):
    coordinator = PersonField(read_only=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = YouthGroup
        fields = [
            "id",
            "name",
            "area",
            "status",
            "coordinator",
            "member_count",
            "updated_at",
        ]


class YouthGroupDetailSerializer(YouthGroupSerializer):
    members = YouthGroupMemberSerializer(many=True, read_only=True)
    steps = YouthGroupStepSerializer(many=True, read_only=True)
    organisations = OrganisationRefSerializer(many=True, read_only=True)

    class Meta(YouthGroupSerializer.Meta):
        fields = [*YouthGroupSerializer.Meta.fields, "members", "steps", "organisations"]
