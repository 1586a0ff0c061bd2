from __future__ import annotations

from typing import Any

from rest_framework import serializers

from .models import Organisation, SharingBasis


class SharingBasisSerializer(serializers.ModelSerializer):
    """An organisation's sharing basis and whether the partners agreed it (docs/privacy-basis.md)."""

    class Meta:
        model = SharingBasis
        fields = ["covenant", "articles", "agreement_date", "agreement_status", "agreed_by", "agreed_on"]


class OrganisationSerializer(serializers.ModelSerializer):
    kind: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    sharing_basis = SharingBasisSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "kind_name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "is_active",
            "sharing_basis",
        ]
