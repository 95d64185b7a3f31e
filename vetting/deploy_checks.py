"""`check --deploy`: the seal key for Work Placement Agreements (vetting/sealing.py).

Unset, it is not an error: a site may run without issuing agreements (and CI checks the
production settings without one). Sealing then fails loudly (SealNotConfigured), and this
check says so as information. Set but unusable — a missing file, a wrong passphrase — is an
error: the first agreement would otherwise fail only when a participant has signed."""

from django.core import checks

from .sealing import SealNotConfigured, load_signer, seal_files


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
