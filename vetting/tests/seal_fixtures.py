"""The seal in tests: a fresh self-signed EC certificate for each test session, in a
temporary directory, so no test depends on the development files of `make run`.
Imported by the root conftest.py, so browser tests have it too."""

import pytest
from django.test import override_settings

from vetting.seal_certificate import make_certificate


@pytest.fixture(scope="session", autouse=True)
def seal_certificate(tmp_path_factory):
    """(key path, certificate path) of the seal every test seals with."""
    key, cert = make_certificate(tmp_path_factory.mktemp("seal"), common_name="Kent Placements seal (tests)")
    with override_settings(
        AGREEMENT_SEAL_KEY=str(key),
        AGREEMENT_SEAL_CERT=str(cert),
        AGREEMENT_SEAL_KEY_PASSPHRASE="",
        AGREEMENT_SEAL_PREVIOUS_CERTS=[],
    ):
        yield key, cert


@pytest.fixture(scope="session")
def unsealed_pdf():
    """A small agreement-like PDF, rendered once per session (WeasyPrint is the slow part)."""
    import weasyprint  # here, not at the top: most test sessions never render a PDF

    html = "<h1>Work Placement Agreement</h1><p>Participant: Alex Applicant</p><p>Programme: Summer week</p>"
    return weasyprint.HTML(string=html).write_pdf()
