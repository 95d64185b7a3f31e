from django import forms


class MoveProposalForm(forms.Form):
    """Staff move a proposed placement to another offer (and start date) by hand."""

    offer = forms.ModelChoiceField(queryset=None, label="Organisation", empty_label=None)
    starts_on = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = lambda offer: (
            f"{offer.partner} — {offer.places_free} free, {offer.available_from:%-d %b}–{offer.available_until:%-d %b}"
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=500, widget=forms.TextInput)
