from datetime import UTC, datetime

from allauth.core.internal.cryptokit import compare_user_code
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from allauth.mfa.utils import decrypt
from django.db.models import Q
from django.utils import timezone


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def claim_totp_code(authenticator: Authenticator, code: str) -> bool:
    """Record that ``code`` (already found valid) was used; False if it, or a later code,
    was used before. RFC 6238 §5.2: the verifier must not accept a code twice.

    allauth remembers used codes in the cache only, which while Redis is down is each
    process's memory (kentplacements/cache.py), so another worker would take the code
    again. The database is shared: one conditional UPDATE lets exactly one use of a time
    step through, however many processes try at once."""
    secret = decrypt(authenticator.data["secret"])
    counters = yield_hotp_counters_from_time()
    step = next(
        (c for c in counters if compare_user_code(actual=code, expected=format_hotp_value(hotp_value(secret, c)))), None
    )
    if step is None:  # the clock moved past the code's step since allauth checked it: ask again
        return False
    step_start = datetime.fromtimestamp(step * mfa_settings.TOTP_PERIOD, tz=UTC)
    unused = Q(last_used_at__isnull=True) | Q(last_used_at__lt=step_start)
    return bool(Authenticator.objects.filter(unused, pk=authenticator.pk).update(last_used_at=timezone.now()))


class OneUseCodeAuthenticateForm(AuthenticateForm):
    """The TOTP step of logging in (MFA_FORMS["authenticate"]), with claim_totp_code."""

    def clean_code(self) -> str:
        code = super().clean_code()
        if self.authenticator.type == Authenticator.Type.TOTP and not claim_totp_code(self.authenticator, code):
            raise get_adapter().validation_error("incorrect_code")
        return code
