"""API shapes for referrals (aanmeldingen)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import TextField
from youths.models import Domain

from ..models import Referral
from ..models.referrals import REFERRAL_QUESTION_MAX_LENGTH, REFERRAL_TEXT_MAX_LENGTH
from .fields import PersonField, YouthRefField


class ReferralSerializer(serializers.ModelSerializer):
    youth = YouthRefField(read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    requested_by = PersonField(read_only=True)
    triaged_by = PersonField(read_only=True)
    status = serializers.SerializerMethodField()
    meeting = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "youth",
            "organisation",
            "requested_by",
            "created_at",
            "question",
            "domains",
            "tried",
            "status",
            "outcome",
            "route",
            "outcome_text",
            "meeting",
            "triaged_at",
            "triaged_by",
        ]

    def get_status(self, referral: Referral) -> str:
        return "open" if referral.is_open else "beoordeeld"

    def get_meeting(self, referral: Referral) -> int | None:
        items = list(referral.agenda_items.all())
        return items[-1].meeting_id if items else None


class ReferralCreateSerializer(serializers.Serializer):
    youth_id = serializers.IntegerField(label=_("jongere"))
    question = TextField(max_length=REFERRAL_QUESTION_MAX_LENGTH, label=_("vraag"))
    domains = serializers.ListField(
        child=serializers.ChoiceField(choices=Domain.choices),
        required=False,
        max_length=4,
        label=_("leefgebieden"),
    )
    tried = TextField(
        max_length=REFERRAL_TEXT_MAX_LENGTH, required=False, allow_blank=True, label=_("geprobeerd")
    )


class ReferralTriageSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Referral.Outcome.choices, label=_("uitkomst"))
    text = TextField(
        max_length=REFERRAL_TEXT_MAX_LENGTH, required=False, allow_blank=True, label=_("toelichting")
    )
    route = serializers.ChoiceField(choices=Referral.Route.choices, required=False, allow_blank=True)
    meeting = serializers.IntegerField(required=False, allow_null=True, label=_("overleg"))
