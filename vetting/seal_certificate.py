"""A self-signed seal certificate for development and tests (issue 10: "`make run`
generates a development certificate"). Production uses a certificate the force obtains:
its files are named by AGREEMENT_SEAL_KEY and AGREEMENT_SEAL_CERT (README "Running in
production")."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

KEY_FILE = "seal-key.pem"
CERT_FILE = "seal-cert.pem"
VALID_FOR = timedelta(days=5 * 365)


SEAL_KEY_USAGE = x509.KeyUsage(
    digital_signature=True,
    content_commitment=True,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)


def make_certificate(directory: Path, *, common_name: str) -> tuple[Path, Path]:
    """Write an EC P-256 key and a self-signed certificate for it into ``directory`` and
    return their paths. EC keeps it fast: the test session makes one each run."""
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kent Police"),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"),
    ])  # fmt: skip
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + VALID_FOR)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        # pyHanko's validation asks for non-repudiation ("content commitment") on a signer
        .add_extension(SEAL_KEY_USAGE, critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / KEY_FILE, directory / CERT_FILE
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path
