"""API shapes for meetings. An agenda item hides its subject and minutes from a user who was not present
for it (`visible`, set by the gateway).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation

from ..models import (
    AgendaItem,
    LegalBasis,
    Meeting,
)
from .fields import PersonField, YouthRefField


class AgendaItemSerializer(serializers.ModelSerializer):
    subject = serializers.SerializerMethodField()
    legal_basis: serializers.SlugRelatedField[LegalBasis] = serializers.SlugRelatedField(
        read_only=True, allow_null=True, slug_field="code"
    )
    minutes = serializers.SerializerMethodField()
    visible = serializers.SerializerMethodField(help_text="false: u was niet aanwezig bij dit punt.")
    opened_case = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "position",
            "visible",
            "subject",
            "legal_basis",
            "minutes",
            "decision",
            "decision_reason",
            "decided_at",
            "opened_case",
        ]

    def _visible(self, item: AgendaItem) -> bool:
        return bool(getattr(item, "visible", False))

    def get_visible(self, item: AgendaItem) -> bool:
        return self._visible(item)

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_subject(self, item: AgendaItem) -> dict[str, Any] | None:
        if not self._visible(item):
            return None
        if item.youth_group is not None:
            return {"type": "group", "id": item.youth_group_id, "name": item.youth_group.name}
        kind = "flag" if item.flag_id else "referral" if item.referral_id else "case"
        subject: dict[str, Any] = {"type": kind, "youth": YouthRefField().to_representation(item.youth)}
        subject["id"] = item.flag_id or item.referral_id or item.case_id
        if item.flag is not None:
            subject["rule"] = item.flag.rule.name
        return subject

    def get_minutes(self, item: AgendaItem) -> str | None:
        return item.minutes if self._visible(item) else None

    def get_opened_case(self, item: AgendaItem) -> int | None:
        cases = list(item.opened_cases.all())
        return cases[0].pk if cases and self._visible(item) else None

    def to_representation(self, item: AgendaItem) -> dict[str, Any]:
        data = super().to_representation(item)
        if not self._visible(item):
            for key in ("legal_basis", "decision_reason"):
                data[key] = None
        return data


class MeetingSerializer(serializers.ModelSerializer):
    chair = PersonField(read_only=True)
    attending_organisations: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )
    item_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "kind", "starts_at", "location", "chair", "attending_organisations", "item_count"]


class MeetingDetailSerializer(MeetingSerializer):
    agenda = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "agenda"]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting: Meeting) -> list[dict[str, Any]]:
        # `.data` of a many=True serializer is a ReturnList; the stubs call it a ReturnDict.
        return list(AgendaItemSerializer(self.context["agenda"], many=True).data)
