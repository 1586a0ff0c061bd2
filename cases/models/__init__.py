"""Meetings, cases (casussen) with procesregie, the follow-up catalogue and the group approach.

One module per sub-domain; every model is imported here, so Django's app registry and
`from cases.models import X` see them all (app label and tables unchanged).

Managed lists (legal bases, the follow-up catalogue) are seeded by `load_case_lists` and kept by the
projectleider in the admin: they live in a case-data app, which the beheerder never touches
(accounts.roles.CASE_DATA_APPS).
"""

from .actions import Action
from .casework import (
    ActionAssessment,
    CaseEscalation,
    CaseHandover,
    GroupStepSignal,
    RiskLevel,
    VictimInvolvement,
)
from .core import (
    Case,
    CaseGoal,
    CaseGroupObjectPermission,
    CaseOrganisation,
    CaseTransition,
    CaseUserObjectPermission,
    ClosingReason,
    Enrolment,
    FamilyLink,
    FamilyMatchParticipant,
    LifeDomain,
    Perspective,
    Qualification,
)
from .groups import YouthGroup, YouthGroupMember, YouthGroupOrganisation, YouthGroupStep
from .lists import FollowUpType, LegalBasis
from .meetings import AgendaItem, Meeting
from .referrals import Referral

__all__ = [
    "Action",
    "ActionAssessment",
    "AgendaItem",
    "Case",
    "CaseEscalation",
    "CaseGoal",
    "CaseGroupObjectPermission",
    "CaseHandover",
    "CaseOrganisation",
    "CaseTransition",
    "CaseUserObjectPermission",
    "ClosingReason",
    "Enrolment",
    "FamilyLink",
    "FamilyMatchParticipant",
    "FollowUpType",
    "GroupStepSignal",
    "LegalBasis",
    "LifeDomain",
    "Meeting",
    "Perspective",
    "Qualification",
    "Referral",
    "RiskLevel",
    "VictimInvolvement",
    "YouthGroup",
    "YouthGroupMember",
    "YouthGroupOrganisation",
    "YouthGroupStep",
]
