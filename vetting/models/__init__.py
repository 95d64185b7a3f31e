# Vetting checks, references, consent and Work Placement Agreements (DOMAIN.md §3
# "Vetting, consent and agreements"): one module per topic, imported here.
from .agreements import AgreementStatus, AgreementVersion, Signature, SignerRole, WorkPlacementAgreement
from .checks import VettingCheck
from .references import Reference
from .sealing import IssuedDocument

__all__ = [
    "AgreementStatus",
    "AgreementVersion",
    "IssuedDocument",
    "Reference",
    "Signature",
    "SignerRole",
    "VettingCheck",
    "WorkPlacementAgreement",
]
