from .agreements import AgreementStatus, AgreementVersion, Signature, SignerRole, WorkPlacementAgreement

__all__ = ["AgreementStatus", "AgreementVersion", "Signature", "SignerRole", "WorkPlacementAgreement"]
