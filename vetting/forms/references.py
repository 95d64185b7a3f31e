"""The referee's form and staff's request form. They check what was typed and show it
next to the field; the services make the change (and refuse it again if a form is
bypassed). Drawn like every form of the site (kentplacements.forms, issue 8 §6)."""

from django import forms

from kentplacements.forms import RenderedForm, group

from ..enums import Recommendation

MAX_ANSWER = 5000


class ReferenceRequestForm(RenderedForm):
    button_label = "Ask for this reference"

    referee_name = forms.CharField(
        label="Referee's full name", max_length=200, error_messages={"required": "Enter the referee's full name."}
    )
    referee_email = forms.EmailField(
        label="Referee's email address",
        error_messages={"required": "Enter the referee's email address.", "invalid": "Enter a valid email address."},
    )
    relationship = forms.CharField(
        label="Relationship to the applicant",
        max_length=200,
        help_text="For example: form tutor, employer, sports coach.",
        error_messages={"required": "Enter how the referee knows the applicant."},
    )


class ReferenceAnswersForm(RenderedForm):
    """The questions a referee answers for a work-experience participant. The protocol asks
    the team to "consider the individuals' suitability" (3.3.1) against the force's Standards
    of Professional Behaviour and Code of Ethics (2.4), before placing someone who may be
    16 with officers and staff (3.5): so how long and how the referee knows them, their
    suitability, and anything the force should know."""

    known_for = forms.CharField(
        label="How long have you known the applicant?",
        max_length=200,
        help_text="For example: 3 years.",
        error_messages={"required": "Say how long you have known the applicant."},
    )
    known_as = forms.CharField(
        label="In what capacity do you know them?",
        max_length=200,
        help_text="For example: as their form tutor at school.",
        error_messages={"required": "Say in what capacity you know the applicant."},
    )
    suitability = forms.CharField(
        label="How suitable is the applicant for a work experience placement with the police?",
        max_length=MAX_ANSWER,
        help_text="Their reliability, honesty, maturity and how they treat other people.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Tell us how suitable the applicant is for a placement."},
    )
    recommendation = forms.ChoiceField(
        label="Would you recommend them for a placement?",
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you would recommend them for a placement."},
    )
    anything_else = forms.CharField(
        label="Is there anything else Kent Police should know? (optional)",
        max_length=MAX_ANSWER,
        required=False,
        help_text="For example a concern about their conduct, or support they may need.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    button_label = "Send your reference"

    def layout(self):
        # the recommendation's radio group carries the id the error summary links to
        return [group(self, name) if name == "recommendation" else name for name in self.fields]
