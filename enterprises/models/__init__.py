from .enterprise import Assessment, AssessmentItem, Enterprise, Event
from .listing import RESTRICTION_UNIT_CODES, DishonestListing, RestrictionMeasure
from .project import Project, Risk, SiteInspection, Subcontractor

__all__ = [
    "RESTRICTION_UNIT_CODES",
    "Assessment",
    "AssessmentItem",
    "DishonestListing",
    "Enterprise",
    "Event",
    "Project",
    "RestrictionMeasure",
    "Risk",
    "SiteInspection",
    "Subcontractor",
]
