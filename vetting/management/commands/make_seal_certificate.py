"""`manage.py make_seal_certificate`: the development seal key and certificate that `make
run` needs to issue sealed agreements. Idempotent: existing files are kept, so agreements
sealed earlier still verify."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vetting.seal_certificate import CERT_FILE, KEY_FILE, make_certificate


class Command(BaseCommand):
    help = "Generate a self-signed seal key and certificate for development, unless they exist."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The development seal certificate is for DEBUG only; production sets AGREEMENT_SEAL_KEY."
            )
        directory = settings.SEAL_DEVELOPMENT_DIR
        if (directory / KEY_FILE).exists() and (directory / CERT_FILE).exists():
            self.stdout.write(f"The development seal certificate is already in {directory}.")
            return
        make_certificate(directory, common_name="Kent Placements seal (development only)")
        self.stdout.write(f"Made a development seal key and certificate in {directory}.")
