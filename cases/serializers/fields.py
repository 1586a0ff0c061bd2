"""References to people, organisations and youths that the cases API shapes share."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from accounts.models import Organisation


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "contact_name", "contact_email", "contact_phone"]


class PersonField(serializers.Field):
    def to_representation(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        return {
            "id": value.pk,
            "name": value.get_full_name() or value.username,
            "organisation": value.organisation.name if value.organisation_id else None,
        }


class YouthRefField(serializers.Field):
    def to_representation(self, value: Any) -> dict[str, Any]:
        return {"id": value.pk, "first_name": value.first_name, "last_name": value.last_name}
