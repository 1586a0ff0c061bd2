"""Shapes of the privacy API (docs/api.md)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.api import TextField

from .models import DataSubjectRequest, RequestRouting


class RequestRoutingSerializer(serializers.ModelSerializer[RequestRouting]):
    organisation = serializers.CharField(source="organisation.name")

    class Meta:
        model = RequestRouting
        fields = ["organisation", "routed_at", "answer", "answered_at"]


class DataSubjectRequestSerializer(serializers.ModelSerializer[DataSubjectRequest]):
    overdue = serializers.SerializerMethodField()
    routings = RequestRoutingSerializer(many=True, read_only=True)

    class Meta:
        model = DataSubjectRequest
        fields = [
            "id",
            "kind",
            "youth_id",
            "received_on",
            "requester",
            "description",
            "deadline",
            "extension_reason",
            "status",
            "overdue",
            "outcome",
            "outcome_note",
            "closed_at",
            "routings",
        ]

    def get_overdue(self, obj: Any) -> bool:
        return bool(getattr(obj, "overdue", obj.is_overdue))


class DataSubjectRequestCreateSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=DataSubjectRequest.Kind.choices)
    received_on = serializers.DateField()
    requester = TextField(max_length=300)
    description = TextField(required=False, allow_blank=True, default="")
    youth_first_name = TextField(max_length=100)
    youth_last_name = TextField(max_length=100)
    youth_date_of_birth = serializers.DateField()
