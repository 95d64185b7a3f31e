"""Accounts in the retention schedule (issue 13; the periods in settings.RETENTION): closed
accounts, and accounts nobody needs any more.

An account is closed when staff deactivated it (is_active off: the back office, or an
erasure). Nothing records when that happened but the account's own history (simple-history
keeps each change, the deactivation with it) and its last sign-in, so the period runs from
the later of the two: a closed account cannot sign in, so that is its last sign of use.

The account is anonymised as an erasure leaves it (accounts.personal_data._erase_account),
not deleted: applications, agreements and the action log point at it (on_delete=PROTECT
keeps the force's record of who did what), and after it they point at "Erased person". A
staff member's or a superuser's account is never disposed of here: it is the force's
record of who decided what, closed through HR (as erasure refuses it)."""

from collections.abc import Callable

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery, Value
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


def _people():
    """Accounts the schedule may dispose of: never a superuser's, never one that holds or held a
    staff role, not one already erased."""
    # a former staff member whose roles were taken away when they left is still one: their
    # account names them in the action log as the one who decided
    staff_once = _role_history().objects.filter(user=OuterRef("pk"), group__name__in=STAFF_ROLES)
    history = User.history.model.objects.filter(id=OuterRef("pk"))
    return (
        User.objects.filter(is_superuser=False)
        .exclude(groups__name__in=STAFF_ROLES)
        .exclude(Exists(staff_once))
        .exclude(Exists(history.filter(is_superuser=True)))
        .exclude(email__endswith=ERASED_DOMAIN)
    )


def closed_accounts_before(cutoff):
    last_change = User.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    return (
        _people()
        .filter(is_active=False)
        .annotate(
            closed_at=Greatest(
                Coalesce(F("last_login"), F("date_joined")),
                Coalesce(Subquery(last_change.values("history_date")[:1]), F("date_joined")),
            )
        )
        .filter(closed_at__lt=cutoff)
    )


# --- accounts nobody needs any more -----------------------------------------------------------
# A record that names a person through their account keeps the account while it holds their
# personal data: a live application, a signed agreement, a partner's contact. Once the schedule
# has anonymised the last of them, an account left with the person's name and address would
# undo the anonymising ("Ann Smith applied and was declined"), so it goes too. Each app says
# which of its records need the account, from its retention module, as it registers its rules.
_NEEDED_BY: list[tuple[str, str, Callable[[], Q]]] = []


def needed_by(model: str, user_field: str, still_held: Callable[[], Q] = Q) -> None:
    """Rows of ``model`` ("app_label.Model") keep the account their ``user_field`` names while
    ``still_held()`` matches them (by default, as long as the row exists)."""
    _NEEDED_BY.append((model, user_field, still_held))


def unused_accounts_before(cutoff):
    """Active accounts not used since ``cutoff`` that no record needs: someone who signed up and
    never applied, or whose every record the schedule has anonymised."""
    accounts = (
        _people()
        .filter(is_active=True)
        .annotate(last_used=Coalesce(F("last_login"), F("date_joined")))
        .filter(last_used__lt=cutoff)
    )
    for model, user_field, still_held in _NEEDED_BY:
        rows = apps.get_model(model)._default_manager.filter(still_held(), **{user_field: OuterRef("pk")})
        accounts = accounts.exclude(Exists(rows))
    return accounts


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
        is_active=False,
    )


ANONYMISED_WHY = (
    'Anonymised, not deleted: records and the action log point at it, and then name "Erased person";'
    " its email addresses and second factors are deleted."
)

register(
    Rule(
        kind="closed_accounts",
        label="Closed accounts (deactivated; never a staff member's)",
        action=ANONYMISE,
        due=closed_accounts_before,
        anonymise=_anonymise_accounts,
        counted_from="the account was closed (its last change or sign-in)",
        why=ANONYMISED_WHY,
    )
)

register(
    Rule(
        kind="unused_accounts",
        label="Accounts no record needs any more (never a staff member's)",
        action=ANONYMISE,
        due=unused_accounts_before,
        anonymise=_anonymise_accounts,
        counted_from="its last sign-in (or, never signed in, its making), once no record needs it",
        why=ANONYMISED_WHY + " An account whose last record goes tonight goes the night after.",
    )
)
