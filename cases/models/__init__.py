from .campaigns import Campaign
from .case import Case, CaseEvent, CaseQuerySet, Instalment, PoliceReferral, RepaymentAgreement, WorkerClaim
from .clues import Clue, ClueColumn
from .documents import CaseDocument, DocumentPeriod, DocumentSequence
from .handover import CaseHandover
from .intake import Petition, PoliceWarning, PublicReport
from .interview import Interview, RectificationReminderSent
from .joint import JointDisagreement, JointHandling, JointProposal

__all__ = [
    "Campaign",
    "Case",
    "CaseDocument",
    "CaseEvent",
    "CaseHandover",
    "CaseQuerySet",
    "Clue",
    "ClueColumn",
    "DocumentPeriod",
    "DocumentSequence",
    "Instalment",
    "Interview",
    "JointDisagreement",
    "JointHandling",
    "JointProposal",
    "Petition",
    "PoliceReferral",
    "PoliceWarning",
    "PublicReport",
    "RectificationReminderSent",
    "RepaymentAgreement",
    "WorkerClaim",
]
