from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from notifications.services import queue_rendered


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """Issue 8: allauth's email fields (sign-up, password reset, adding an address) have
        no length limit, and a 255-320 character address reached the database (and the
        outbox) as a DataError. Refused here, next to the field, for all of them."""
        longest = get_user_model()._meta.get_field("email").max_length
        if len(email) > longest:
            raise ValidationError(f"An email address can be up to {longest} characters long: check this one.")
        return super().clean_email(email)

    def send_mail(self, template_prefix, email, context):
        """allauth's mails (verification, password reset) go through our outbox too,
        so they are retried like every other notification. Those with a personal link
        are marked sensitive by the outbox (notifications/sensitive.py): staff see that
        they were sent, never their text."""
        message = self.render_mail(template_prefix, email, context)
        html = next((body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
        queue_rendered(
            recipient=email,
            template=template_prefix,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
        )
