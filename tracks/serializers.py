from __future__ import annotations

from typing import Any

from rest_framework import serializers

from .models import Intervention, MeasurableResult, Track


class MeasurableResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeasurableResult
        fields = ["code", "text", "target_percentage", "minimum_network_size", "reference"]


EVIDENCE_FIELDS = ["evidence_level", "evidence_level_label", "evidence_source", "evidence_date"]


class InterventionSerializer(serializers.ModelSerializer):
    track = serializers.CharField(source="track.code", read_only=True)
    measurable_results = MeasurableResultSerializer(many=True, read_only=True)
    evidence_level_label = serializers.CharField(source="get_evidence_level_display", read_only=True)

    class Meta:
        model = Intervention
        fields = [
            "id",
            "code",
            "name",
            "target_group",
            "description",
            "track",
            "measurable_results",
            *EVIDENCE_FIELDS,
        ]


class NestedInterventionSerializer(serializers.ModelSerializer):
    evidence_level_label = serializers.CharField(source="get_evidence_level_display", read_only=True)

    class Meta:
        model = Intervention
        fields = ["id", "code", "name", "target_group", *EVIDENCE_FIELDS]


class TrackSerializer(serializers.ModelSerializer):
    interventions = NestedInterventionSerializer(many=True, read_only=True)
    desired_results: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="text"
    )
    partners: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )

    class Meta:
        model = Track
        fields = [
            "id",
            "code",
            "kind",
            "name",
            "target_group",
            "description",
            "desired_results",
            "partners",
            "interventions",
        ]
