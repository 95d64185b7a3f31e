"""Placements: partner organisations and community placements (seed 000), and work
experience (seed 001). One module per part; import models from here."""

from .cohorts import Cohort, StudentOfficer
from .partners import Community, PartnerContact, PartnerOrganisation
from .placements import CommunityPlacement, HostingOffer
from .presentations import PlacementFeedback, PlacementReflection, PresentationInvitation, PresentationSession
from .work_experience import KENT_POLICE_COLLEGE, WorkExperienceProgramme

__all__ = [
    "KENT_POLICE_COLLEGE",
    "Cohort",
    "Community",
    "CommunityPlacement",
    "HostingOffer",
    "PartnerContact",
    "PartnerOrganisation",
    "PlacementFeedback",
    "PlacementReflection",
    "PresentationInvitation",
    "PresentationSession",
    "StudentOfficer",
    "WorkExperienceProgramme",
]
