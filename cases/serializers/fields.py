"""References to people, organisations and youths that the cases API shapes share."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "contact_name", "contact_email", "contact_phone"]


# The OpenAPI shapes of the two read-only references below (drf-spectacular cannot infer a custom
# Field's output).
_PERSON_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "organisation": {"type": "string", "nullable": True},
    },
    "required": ["id", "name", "organisation"],
}
_YOUTH_REF_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "first_name": {"type": "string"},
        "last_name": {"type": "string"},
    },
    "required": ["id", "first_name", "last_name"],
}


@extend_schema_field(_PERSON_SCHEMA)
class PersonField(serializers.Field):
    def to_representation(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        return {
            "id": value.pk,
            "name": value.get_full_name() or value.username,
            "organisation": value.organisation.name if value.organisation_id else None,
        }


@extend_schema_field(_YOUTH_REF_SCHEMA)
class YouthRefField(serializers.Field):
    def to_representation(self, value: Any) -> dict[str, Any]:
        return {"id": value.pk, "first_name": value.first_name, "last_name": value.last_name}
