"""The allocation pages' forms: from the review rows staff move a proposed placement to another
offer, or cancel one with a reason; on the cohort page they accept a placement for the partner."""

from django import forms
from django.urls import reverse

from kentplacements.forms import RenderedForm

from .partners import REASON_TEXT


class RowForm(RenderedForm):
    """A form for one row of the review table, on its own page or drawn into the row by htmx:
    its ids carry the placement's number (so the review page's ids stay unique) and it posts to
    ``url_name`` for that placement. ``autofocus``: drawn into the row in place of the link the
    person pressed, its first field takes the focus (htmx moves it there)."""

    url_name = ""

    def __init__(self, *args, placement=None, autofocus=False, **kwargs):
        if placement is not None:
            kwargs.setdefault("auto_id", f"id_%s_{placement.pk}")
            self.form_action = reverse(self.url_name, args=[placement.pk])
        super().__init__(*args, **kwargs)
        if autofocus:
            next(iter(self.fields.values())).widget.attrs["autofocus"] = True


class MoveProposalForm(RowForm):
    """Staff move a proposed placement to another offer (and start date) by hand. The seed's rules are
    the service's (move_proposal); the view shows its refusal next to the field it names."""

    url_name = "placement_move"
    button_label, button_class = "Move", "btn btn-sm btn-outline-primary"

    offer = forms.TypedChoiceField(label="Organisation", coerce=int)
    starts_on = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, offers, placement=None, **kwargs):
        self.placement = placement
        if placement is not None:
            kwargs.setdefault("initial", {"offer": placement.offer_id, "starts_on": placement.starts_on})
        super().__init__(*args, placement=placement, **kwargs)
        self.offers = {offer.pk: offer for offer in offers}
        self.fields["offer"].choices = [(pk, self._label(offer)) for pk, offer in self.offers.items()]
        if placement is not None:  # labels a screen reader can tell apart, row by row
            self.fields["offer"].label = f"Organisation for {placement.officer.full_name}"
            self.fields["starts_on"].label = f"First day for {placement.officer.full_name}"

    @staticmethod
    def _label(offer):
        return (
            f"{offer.partner} — {offer.places_free} free, {offer.available_from:%-d %b}–{offer.available_until:%-d %b}"
        )

    def clean_offer(self):
        return self.offers[self.cleaned_data["offer"]]


class ReasonForm(RowForm):
    url_name = "placement_cancel"
    button_label, button_class = "Cancel placement", "btn btn-sm btn-outline-danger"

    reason = forms.CharField(label="Reason to cancel", max_length=500, widget=forms.TextInput)

    def __init__(self, *args, placement=None, **kwargs):
        super().__init__(*args, placement=placement, **kwargs)
        if placement is not None:
            self.fields["reason"].label = f"Reason to cancel {placement.officer.full_name}'s placement"


class AcceptForPartnerForm(RowForm):
    """Issue 9 (seed 000 rules): the partner accepted another way ("agreed by phone"); staff record how, on the
    cohort page or in the back office's action."""

    url_name = "placement_accept_for_partner"
    button_label, button_class = "Accept for the partner", "btn btn-sm btn-outline-primary"

    reason = forms.CharField(
        label="How did the partner accept?",
        max_length=REASON_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: agreed by phone with the manager. The partner's contacts read this in our email.",
        error_messages={"required": "Say how the partner accepted (for example, agreed by phone)."},
    )

    def __init__(self, *args, placement=None, **kwargs):
        self.placement = placement
        super().__init__(*args, placement=placement, **kwargs)
        if placement is not None:
            self.fields["reason"].label = f"How did {placement.partner} accept {placement.officer.full_name}?"
