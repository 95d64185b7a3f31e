"""The Work Placement Agreement in the back office (issue 10). Publishing a version is the one
change made here, through the service; agreements and signatures are read only. Evidence (IP
address, user agent) is personal data: it shows to the recruitment team, who hold this admin's
view permission, and no export carries it (there is no export of signatures). The guardian's
link is never shown, only its state."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from kentplacements.workflow import DomainError

from ..models import AgreementVersion, Signature, WorkPlacementAgreement
from ..services.agreements import current_version, first_version_text, publish_version


class PublishVersionForm(forms.ModelForm):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 30}),
        help_text="Published versions cannot be changed. Agreements already opened keep their version.",
    )

    class Meta:
        model = AgreementVersion
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = current_version()
        self.fields["text"].initial = latest.text if latest else first_version_text()

    def clean(self):
        # The service publishes here so a refusal shows on the form, not as a 500.
        cleaned = super().clean()
        if "text" in cleaned:
            try:
                self.published = publish_version(cleaned["text"], by=self.user)
            except DomainError as exc:
                raise forms.ValidationError(str(exc)) from None
        return cleaned


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ("number", "published_at", "published_by")
    readonly_fields = ("number", "published_at", "published_by", "text_sha256", "text")
    search_fields = ("text",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        return type("PublishVersionForm", (PublishVersionForm,), {"user": request.user})

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ("text",)

    def save_model(self, request, obj, form, change):
        # publish_version wrote the row (form.clean); the admin's redirect needs its id.
        obj.pk = form.published.pk

    def has_change_permission(self, request, obj=None):
        return False

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
