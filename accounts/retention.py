"""Closed accounts in the retention schedule (issue 13; the period in settings.RETENTION).

An account is closed when staff deactivated it (is_active off: the back office, or an
erasure). Nothing records when that happened but the account's own history (simple-history
keeps each change, the deactivation with it) and its last sign-in, so the period runs from
the later of the two: a closed account cannot sign in, so that is its last sign of use.

The account is anonymised as an erasure leaves it (accounts.personal_data._erase_account),
not deleted: applications, agreements and the action log point at it (on_delete=PROTECT
keeps the force's record of who did what), and after it they point at "Erased person". A
staff member's or a superuser's account is never disposed of here: it is the force's
record of who decided what, closed through HR (as erasure refuses it)."""

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db.models import CharField, Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Greatest

from retention.registry import ANONYMISE, Rule, register

from .models import User
from .personal_data import ERASED_DOMAIN, ERASED_NAME
from .roles import STAFF_ROLES

# allauth's rows of the account: its addresses and second factors go with it (as erasure deletes them)
OWN_ROWS = ("account.EmailAddress", "mfa.Authenticator")


def _role_history():
    """simple-history's copies of the account's roles (User.history, m2m_fields=["groups"])."""
    return apps.get_model("accounts", "HistoricalUser_groups")


def closed_accounts_before(cutoff):
    history = User.history.model.objects.filter(id=OuterRef("pk"))
    last_change = history.order_by("-history_date")
    # a former staff member whose roles were taken away when they left is still one: their
    # account names them in the action log as the one who decided
    staff_once = _role_history().objects.filter(user=OuterRef("pk"), group__name__in=STAFF_ROLES)
    return (
        User.objects.filter(is_active=False, is_superuser=False)
        .exclude(groups__name__in=STAFF_ROLES)
        .exclude(Exists(staff_once))
        .exclude(Exists(history.filter(is_superuser=True)))
        .exclude(email__endswith=ERASED_DOMAIN)
        .annotate(
            closed_at=Greatest(
                Coalesce(F("last_login"), F("date_joined")),
                Coalesce(Subquery(last_change.values("history_date")[:1]), F("date_joined")),
            )
        )
        .filter(closed_at__lt=cutoff)
    )


def _anonymise_accounts(queryset):
    for label in OWN_ROWS:
        apps.get_model(label).objects.filter(user__in=queryset).delete()
    User.groups.through.objects.filter(user__in=queryset).delete()
    _role_history().objects.filter(user__in=queryset).delete()  # the copies of its roles (history goes too)
    User.user_permissions.through.objects.filter(user__in=queryset).delete()
    queryset.update(
        email=Concat(Value("erased-user-"), Cast("pk", CharField()), Value(ERASED_DOMAIN)),
        full_name=ERASED_NAME,
        password=make_password(None),  # unusable: nobody signs in with it
        last_login=None,
    )


register(
    Rule(
        kind="closed_accounts",
        label="Closed accounts (deactivated; never a staff member's)",
        action=ANONYMISE,
        due=closed_accounts_before,
        anonymise=_anonymise_accounts,
        counted_from="the account was closed (its last change or sign-in)",
        why='Anonymised, not deleted: records and the action log point at it, and then name "Erased person";'
        " its email addresses and second factors are deleted.",
    )
)
