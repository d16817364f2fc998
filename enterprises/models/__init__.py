from .enterprise import Assessment, AssessmentItem, Enterprise, Event
from .listing import RESTRICTION_UNIT_CODES, DishonestListing, RestrictionMeasure
from .monitoring import (
    DepositUse,
    LabourCostTransfer,
    Payroll,
    PayrollLine,
    ProjectWorker,
    WageAlert,
    month_start,
)
from .project import Project, Risk, SiteInspection, Subcontractor

__all__ = [
    "RESTRICTION_UNIT_CODES",
    "Assessment",
    "AssessmentItem",
    "DepositUse",
    "DishonestListing",
    "Enterprise",
    "Event",
    "LabourCostTransfer",
    "Payroll",
    "PayrollLine",
    "Project",
    "ProjectWorker",
    "RestrictionMeasure",
    "Risk",
    "SiteInspection",
    "Subcontractor",
    "WageAlert",
    "month_start",
]
