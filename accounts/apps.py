from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import (
            personal_data,  # noqa: F401  (the account's own kinds of personal data, issue 13)
            retention,  # noqa: F401  (closed accounts in the retention schedule, issue 13)
        )
        from .roles import sync_role_permissions

        # Model permissions are created app by app after migrating, so the role ->
        # permission table is applied after each app's post_migrate (it is idempotent)
        # rather than in a data migration.
        post_migrate.connect(sync_role_permissions, dispatch_uid="accounts.sync_role_permissions")
