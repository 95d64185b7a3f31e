import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.models import User
from accounts.services import assign_role

PASSWORD = "Correct-Horse-Battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        given_name = factory.Faker("first_name", locale="en_GB")
        family_name = factory.Faker("last_name", locale="en_GB")

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    # Every name holds an apostrophe ("Amelia O'Hughes"), as real names do (O'Neill, D'Souza):
    # a test that looks for a name in HTML without escaping it then fails on every run, not
    # once in a few hundred when Faker happens to pick O'Neill.
    full_name = factory.LazyAttribute(lambda o: f"{o.given_name} O'{o.family_name}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            assign_role(self, role, reason="test persona")
        self.save()

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Mark the email verified (allauth) unless verified=False is passed."""
        if extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        """mfa=True registers a TOTP authenticator; the secret is kept on the object."""
        if extracted:
            self.totp_secret = generate_totp_secret()
            TOTP.activate(self, self.totp_secret)
            RecoveryCodes.activate(self)
