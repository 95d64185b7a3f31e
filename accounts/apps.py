from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import sync_role_permissions

        # Model permissions only exist after every app has migrated, so the role ->
        # permission table is applied here rather than in a data migration.
        post_migrate.connect(sync_role_permissions, sender=self)
