"""API shape of the follow-up catalogue."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import OrganisationKind
from tracks.models import Intervention

from ..models import (
    FollowUpType,
)


class FollowUpTypeSerializer(serializers.ModelSerializer):
    authorised_kinds: serializers.SlugRelatedField[OrganisationKind] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )
    intervention: serializers.SlugRelatedField[Intervention] = serializers.SlugRelatedField(
        read_only=True, allow_null=True, slug_field="code"
    )

    class Meta:
        model = FollowUpType
        fields = [
            "code",
            "name",
            "description",
            "authorised_kinds",
            "authority",
            "usual_term_days",
            "intervention",
        ]
