from allauth.account.adapter import DefaultAccountAdapter

from notifications.services import queue_rendered


class AccountAdapter(DefaultAccountAdapter):
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
