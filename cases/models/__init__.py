from .case import Case, CaseEvent, CaseQuerySet, Instalment, PoliceReferral, RepaymentAgreement, WorkerClaim
from .documents import CaseDocument, DocumentPeriod, DocumentSequence
from .intake import Petition, PoliceWarning, PublicReport
from .interview import Interview
from .joint import JointDisagreement, JointHandling, JointProposal

__all__ = [
    "Case",
    "CaseDocument",
    "CaseEvent",
    "CaseQuerySet",
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
    "RepaymentAgreement",
    "WorkerClaim",
]
