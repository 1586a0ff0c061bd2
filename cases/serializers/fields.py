"""References to people, organisations and youths that the cases API shapes share."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from accounts.models import Organisation

# The OpenAPI document says what these references are (objects, not strings), so that clients and the
# schemathesis run (tests/pgaanpak/test_api_fuzz.py) can check every response against it.
_PERSON_SCHEMA = inline_serializer(
    name="PersonRef",
    fields={
        "id": serializers.IntegerField(),
        "name": serializers.CharField(),
        "organisation": serializers.CharField(allow_null=True),
    },
    allow_null=True,
)
_YOUTH_SCHEMA = inline_serializer(
    name="YouthRef",
    fields={
        "id": serializers.IntegerField(),
        "first_name": serializers.CharField(),
        "last_name": serializers.CharField(),
    },
)


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "contact_name", "contact_email", "contact_phone"]


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


@extend_schema_field(_YOUTH_SCHEMA)
class YouthRefField(serializers.Field):
    def to_representation(self, value: Any) -> dict[str, Any]:
        return {"id": value.pk, "first_name": value.first_name, "last_name": value.last_name}
