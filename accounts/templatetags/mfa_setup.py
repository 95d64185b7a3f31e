from django import template

from ..middleware import set_up_done_url

register = template.Library()


@register.simple_tag(takes_context=True)
def mfa_set_up_done_url(context):
    """templates/mfa/recovery_codes/index.html: the way on after the set-up (issue 9)."""
    return set_up_done_url(context.request)
