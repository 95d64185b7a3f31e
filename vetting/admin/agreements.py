"""The Work Placement Agreement in the back office (issue 10). Publishing a version is the one
change made here, by an action calling the service; agreements and signatures are read only. Evidence (IP
address, user agent) is personal data: it shows to the recruitment team, who hold this admin's
view permission, and no export carries it (there is no export of signatures). The guardian's
link is never shown, only its state."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_with_form

from ..models import AgreementVersion, Signature, WorkPlacementAgreement
from ..services.agreements import publish_version


class PublishVersionForm(forms.Form):
    """The text of the new version: what publish_version takes. It starts from the text of
    the version chosen in the list (``starting_text``, set by the action)."""

    starting_text = ""
    new_text = forms.CharField(
        label="Text of the new version",
        widget=forms.Textarea(attrs={"rows": 30}),
        help_text="Published versions cannot be changed. Agreements already opened keep their version.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_text"].initial = self.starting_text


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ServiceOwnedFieldsMixin, admin.ModelAdmin):
    list_display = ("number", "published_at", "published_by")
    list_select_related = ("published_by",)
    fields = ("number", "published_at", "published_by", "text_sha256", "text")
    readonly_fields = fields
    search_fields = ("text",)
    actions = ["publish_new_version"]

    @admin.action(description="Publish a new version, starting from this one", permissions=["change"])
    def publish_new_version(self, request, queryset):
        if len(queryset) != 1:
            self.message_user(request, "Choose the one version to start from.", messages.WARNING)
            return None
        form_class = type("PublishVersionForm", (PublishVersionForm,), {"starting_text": queryset[0].text})
        return run_with_form(
            self,
            request,
            queryset,
            form_class=form_class,
            service=lambda _version, new_text: publish_version(new_text, by=request.user),
            done="published as a new version",
            title="Publish a new version of the Work Placement Agreement",
            explanation="The new version is used for agreements opened from now on; signed ones keep theirs.",
            submit_label="Publish the new version",
        )

    def has_add_permission(self, request):
        return False  # a version is published through the action above (publish_version)

    def has_delete_permission(self, request, obj=None):
        return False


class SignatureInline(admin.TabularInline):
    model = Signature
    fields = ("role", "name", "email", "signed_at", "ip_address", "user_agent", "version", "text_sha256")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WorkPlacementAgreement)
class WorkPlacementAgreementAdmin(admin.ModelAdmin):
    list_display = ("__str__", "participant", "version", "status", "guardian_needed", "signed_at", "ready_at")
    list_filter = ("status", "guardian_needed", "version")
    list_select_related = ("participant", "version")
    search_fields = ("participant__email", "participant__full_name", "signatures__name")
    exclude = ("token_hash", "pdf")
    readonly_fields = (
        "participant", "version", "status", "guardian_needed", "guardian_email", "link_state",
        "signed_at", "ready_at", "pdf_sha256", "download",
    )  # fmt: skip
    inlines = [SignatureInline]

    @admin.display(description="Guardian's consent link")
    def link_state(self, agreement):
        return agreement.link_state if agreement.guardian_needed else "Not needed"

    @admin.display(description="Signed PDF")
    def download(self, agreement):
        if not agreement.pdf:
            return "Not ready"
        return format_html('<a href="{}">Download</a>', reverse("agreement_download", args=[agreement.pk]))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
