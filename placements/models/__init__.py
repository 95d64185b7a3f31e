"""Placements: partner organisations and community placements (seed 000), and work
experience (seed 001). One module per part; import models from here."""

from .cohorts import Cohort, StudentOfficer
from .discretion import DiscretionaryException
from .monitoring import ProtocolReview
from .partners import Community, PartnerContact, PartnerOrganisation
from .placements import CommunityPlacement, HostingOffer
from .presentations import PlacementFeedback, PlacementReflection, PresentationInvitation, PresentationSession
from .work_experience import (
    KENT_POLICE_COLLEGE,
    Activity,
    AttendanceRecord,
    DiaryEntry,
    DynamicRiskAssessment,
    EligibilityQuestion,
    ExpressionOfInterest,
    RiskAssessment,
    RiskAttachment,
    SecurityBriefing,
    WorkExperienceApplication,
    WorkExperienceProgramme,
)

__all__ = [
    "KENT_POLICE_COLLEGE",
    "Activity",
    "AttendanceRecord",
    "Cohort",
    "Community",
    "CommunityPlacement",
    "DiaryEntry",
    "DiscretionaryException",
    "DynamicRiskAssessment",
    "EligibilityQuestion",
    "ExpressionOfInterest",
    "HostingOffer",
    "PartnerContact",
    "PartnerOrganisation",
    "PlacementFeedback",
    "PlacementReflection",
    "PresentationInvitation",
    "PresentationSession",
    "ProtocolReview",
    "RiskAssessment",
    "RiskAttachment",
    "SecurityBriefing",
    "StudentOfficer",
    "WorkExperienceApplication",
    "WorkExperienceProgramme",
]
