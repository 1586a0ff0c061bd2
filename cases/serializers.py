"""API shapes for meetings, cases, actions, groups and the follow-up catalogue.

Input serializers validate shape only; the services apply the domain rules. Output of an agenda item
hides its subject and minutes from a user who was not present for it (`visible`, set by the gateway).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation

from .groupsteps import step_definition
from .lifecycle import CaseStatus
from .models import (
    Action,
    AgendaItem,
    Case,
    CaseGoal,
    CaseOrganisation,
    CaseTransition,
    ClosingReason,
    Enrolment,
    FamilyLink,
    FollowUpType,
    Meeting,
    Perspective,
    Qualification,
    YouthGroup,
    YouthGroupMember,
    YouthGroupStep,
)


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


# --- Catalogue ------------------------------------------------------------------------------------


class FollowUpTypeSerializer(serializers.ModelSerializer):
    authorised_kinds = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    intervention = serializers.SlugRelatedField(read_only=True, slug_field="code")

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


# --- Actions --------------------------------------------------------------------------------------


class ActionSerializer(serializers.ModelSerializer):
    youth = YouthRefField(read_only=True)
    case = serializers.PrimaryKeyRelatedField(read_only=True)
    follow_up_type = serializers.SlugRelatedField(read_only=True, slug_field="code")
    organisation = OrganisationRefSerializer(read_only=True)
    owner = PersonField(read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "youth",
            "case",
            "follow_up_type",
            "organisation",
            "owner",
            "description",
            "due_on",
            "status",
            "response",
            "response_reason",
            "overdue",
            "result_note",
            "created_at",
        ]


class ActionCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField(min_value=1)
    follow_up_type = serializers.SlugField()
    organisation = serializers.IntegerField(min_value=1)
    due_on = serializers.DateField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ActionRespondSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ActionFinishSerializer(serializers.Serializer):
    done = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


# --- Cases ----------------------------------------------------------------------------------------


class CaseTransitionSerializer(serializers.ModelSerializer):
    by = PersonField(read_only=True)

    class Meta:
        model = CaseTransition
        fields = ["source", "target", "reason", "by", "at"]


class CaseOrganisationSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = CaseOrganisation
        fields = ["organisation", "role", "is_procesregie", "added_at"]


class CaseGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseGoal
        fields = ["id", "life_domain", "description", "status"]


class EnrolmentSerializer(serializers.ModelSerializer):
    intervention = serializers.SlugRelatedField(read_only=True, slug_field="code")

    class Meta:
        model = Enrolment
        fields = ["id", "intervention", "started_on", "ended_on", "result", "result_note"]


class FamilyLinkSerializer(serializers.ModelSerializer):
    linked_youth = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = FamilyLink
        fields = ["id", "relation", "linked_youth", "member_name"]


class CaseSerializer(serializers.ModelSerializer):
    youth = YouthRefField(read_only=True)
    procesregie_holder = PersonField(read_only=True)
    overdue_actions = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Case
        fields = [
            "id",
            "youth",
            "status",
            "procesregie_holder",
            "reason",
            "opened_at",
            "status_changed_at",
            "overdue_actions",
            "closed_at",
            "closing_reason",
            "outcome_perspective",
            "outcome_qualification",
            "outcome_network_size",
        ]


class CaseDetailSerializer(CaseSerializer):
    transitions = CaseTransitionSerializer(many=True, read_only=True)
    organisations = serializers.SerializerMethodField()
    goals = CaseGoalSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)
    enrolments = EnrolmentSerializer(many=True, read_only=True)
    family = FamilyLinkSerializer(source="family_links", many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "transitions",
            "organisations",
            "goals",
            "actions",
            "enrolments",
            "family",
        ]

    @extend_schema_field(CaseOrganisationSerializer(many=True))
    def get_organisations(self, case: Case) -> list[dict[str, Any]]:
        rows = [r for r in case.organisation_roles.all() if r.ended_at is None]
        return CaseOrganisationSerializer(rows, many=True).data


class CaseCreateSerializer(serializers.Serializer):
    youth_id = serializers.IntegerField(min_value=1)
    procesregie_holder = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class CaseTransitionInputSerializer(serializers.Serializer):
    to = serializers.ChoiceField(
        choices=CaseStatus.choices,
        error_messages={
            "invalid_choice": _("Onbekende status {input}. Kies uit: %(choices)s.")
            % {"choices": ", ".join(CaseStatus.values)}
        },
    )
    reason = serializers.CharField(max_length=2000)
    # Only when closing (to = gesloten).
    closing_reason = serializers.ChoiceField(choices=ClosingReason.choices, required=False)
    outcome_perspective = serializers.ChoiceField(choices=Perspective.choices, required=False)
    outcome_qualification = serializers.ChoiceField(choices=Qualification.choices, required=False)
    outcome_network_size = serializers.IntegerField(min_value=0, max_value=100, required=False)


# --- Meetings -------------------------------------------------------------------------------------


class AgendaItemSerializer(serializers.ModelSerializer):
    subject = serializers.SerializerMethodField()
    legal_basis = serializers.SlugRelatedField(read_only=True, slug_field="code")
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
        if item.youth_group_id:
            return {"type": "group", "id": item.youth_group_id, "name": item.youth_group.name}
        subject = {
            "type": "flag" if item.flag_id else "case",
            "youth": YouthRefField().to_representation(item.youth),
        }
        subject["id"] = item.flag_id or item.case_id
        if item.flag_id:
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
    attending_organisations = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
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
        return AgendaItemSerializer(self.context["agenda"], many=True).data


# --- Groups ---------------------------------------------------------------------------------------


class YouthGroupMemberSerializer(serializers.ModelSerializer):
    youth = YouthRefField(read_only=True)
    case = serializers.PrimaryKeyRelatedField(read_only=True)

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
            "legacy_shortlist_label",
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
