"""The Content-Security-Policy header, built once per process (issue 13: public pages keep
half of a bare Django's throughput). django-csp builds the same string from the settings on
every response: a fifth of the time of a page served from the cache
(kentplacements/anonymous_cache.py) in the profile. No view of ours changes the policy and
none uses a nonce, so the string never changes while the process runs. A response that a
django-csp decorator marks, or a request that asked for a nonce, is still built by
django-csp itself, so adding either later keeps working."""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

# What django-csp's decorators set on a response to change or drop its policy.
PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


class FixedPolicyCSPMiddleware(CSPMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        self._headers = None  # built at the first response, from the settings then in force

    def process_response(self, request, response):
        if (
            # django-csp leaves Django's own debug pages (404, 500) alone
            (settings.DEBUG and response.status_code in (404, 500))
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in PER_RESPONSE)
        ):
            return super().process_response(request, response)
        for header, value, prefixes in self._fixed_headers():
            if value and header not in response and not request.path_info.startswith(prefixes):
                response[header] = value
        # As django-csp does: asking for a nonce once the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _fixed_headers(self):
        if self._headers is None:
            self._headers = [
                (header, build_policy(report_only=report_only), tuple(policy.get("EXCLUDE_URL_PREFIXES") or ()))
                for header, report_only, policy in (
                    (HEADER, False, getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}),
                    (HEADER_REPORT_ONLY, True, getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {}),
                )
            ]
        return self._headers
