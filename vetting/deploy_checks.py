"""`check --deploy`: the seal key for Work Placement Agreements (vetting/sealing.py).

Unset, it is not an error: a site may run without issuing agreements (and CI checks the
production settings without one). Sealing then fails loudly (SealNotConfigured), and this
check says so as information. Set but unusable — a missing file, a wrong passphrase — is an
error: the first agreement would otherwise fail only when a participant has signed. So is
a previous certificate (after a key rotation) that cannot be read: the verify page would
tell whoever checks an agreement it sealed that it was not issued here."""

from django.conf import settings
from django.core import checks

from .sealing import SealNotConfigured, load_signer, seal_certificate, seal_files


@checks.register(checks.Tags.security, deploy=True)
def check_seal_key(app_configs=None, **kwargs):
    try:
        seal_files()
    except SealNotConfigured as unset:
        return [checks.Info(f"{unset} Until then no agreement can be issued.", id="vetting.I001")]
    try:
        load_signer()
    except SealNotConfigured as problem:
        return [checks.Error(str(problem), id="vetting.E001")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_previous_seal_certificates(app_configs=None, **kwargs):
    problems = []
    for path in settings.AGREEMENT_SEAL_PREVIOUS_CERTS:
        try:
            seal_certificate(path)
        except (OSError, ValueError) as error:
            problems.append(
                checks.Error(
                    f"AGREEMENT_SEAL_PREVIOUS_CERTS names {path}, which cannot be read as a certificate "
                    f"({error}): agreements it sealed would be shown as not issued here.",
                    id="vetting.E002",
                )
            )
    return problems
