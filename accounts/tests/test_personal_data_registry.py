"""Every model that holds personal data is in the subject-access registry (accounts.personal_data,
issue 13), or listed below with the reason it needs no entry: a new model with an email, a
person's name, phone, address or date of birth, a link to an account or an uploaded file fails
this test until someone decides how a person's rows in it are found, exported and erased."""

import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from accounts.personal_data import registered

# "names" too (a list of people: PresentationInvitation.attendee_names) and the one a message
# goes to ("recipient")
LOOKS_PERSONAL = re.compile(r"(^|_)(names?|phone|address|postcode|date_of_birth|email|recipient)($|_)")
# a person named in words as the one something was given to or by ("issued_to", "given_by"):
# a text, not a link to an account, so only the field's name says it is a person
NAMED_IN_WORDS = re.compile(r"_(to|by)$")

# model -> why it needs no entry of its own
NOT_PERSONAL = {
    # names of things, not of people
    "auth.Permission": "a permission's name",
    "auth.Group": "a role's name",
    "placements.Cohort": "an intake of student officers, named like 'September 2026'",
    "volunteers.VolunteerRole": "a volunteer role's name",
    "outreach.ProgrammeIntake": "an intake of the Positive Action Programme",
    # an organisation's details, not a person's: its people are PartnerContact rows (registered)
    "placements.PartnerOrganisation": "an organisation's name and address",
    "outreach.OutreachEvent": "the venue's address",
    # a staff member's link as the one who did something, not data about a person asking: a staff
    # account is never erased here (it is closed through HR), and the row holds nothing about them
    "vetting.AgreementVersion": "the agreement's text, and the staff member who published it",
    "placements.ProtocolReview": "a review of the protocol, and the staff member who recorded it",
    "volunteers.TrainingCourse": "a course's dates, and the staff member who set it up",
    # covered via its parent
    "account.EmailConfirmation": "deleted with its EmailAddress (registered; on_delete=CASCADE)",
}


def looks_personal(model) -> bool:
    user_model = get_user_model()
    for field in model._meta.concrete_fields:
        if isinstance(field, models.EmailField | models.FileField) or LOOKS_PERSONAL.search(field.name):
            return True
        if isinstance(field, models.CharField | models.TextField) and NAMED_IN_WORDS.search(field.name):
            return True
        if field.is_relation and field.related_model is user_model:
            return True
    return False


def history_of(model):
    """The model whose earlier versions ``model`` keeps (simple-history), or None. For the copies
    of a many-to-many link (a user's roles), the model of the historical row they hang from."""
    original = getattr(model, "instance_type", None)
    if original is not None and original._meta.auto_created:  # User_groups: the link's own table
        history = model._meta.get_field("history").related_model
        return history.instance_type
    return original


def covered(model, labels) -> bool:
    original = history_of(model)
    if original is not None:
        # simple-history's copies go with the rows they copy (personal_data._erase_rows purges them)
        # and are never exported (the current row is); a copy of a model that holds nothing personal
        # holds only the staff member who made the change (history_user)
        return original._meta.label in labels or original._meta.label in NOT_PERSONAL or not looks_personal(original)
    return model._meta.label in labels or model._meta.label in NOT_PERSONAL


def test_every_model_with_personal_data_is_registered_or_explained():
    labels = {entry.model for entry in registered()}
    missing = [m._meta.label for m in apps.get_models() if looks_personal(m) and not covered(m, labels)]
    assert missing == [], f"not in accounts.personal_data's registry, nor in NOT_PERSONAL: {missing}"


def test_the_explained_list_names_real_models_not_registered_too():
    labels = {entry.model for entry in registered()}
    for label in NOT_PERSONAL:
        apps.get_model(label)
        assert label not in labels, f"{label} is registered: take it off NOT_PERSONAL"


def test_every_entry_names_fields_that_exist_and_says_how_to_find_and_erase():
    for entry in registered():
        model = entry.model_class
        for name in (*entry.fields, *entry.erase, *entry.files):
            model._meta.get_field(name)
        assert entry.user or entry.email or entry.find, entry
        assert entry.delete or entry.erase or entry.erase_row or entry.kept, f"{entry.heading}: erasure says nothing"
        secrets = {"password", "token_hash", "data", "calendar_token", "unsubscribe_token", "idempotency_key"}
        assert not secrets & set(entry.fields), f"{entry.heading} would export a secret"
        if entry.model == "vetting.VettingCheck":  # vetting detail is the vetting officer's alone
            assert "notes" not in entry.fields


def test_the_walk_finds_names_in_words_and_lists_of_names():
    """The two fields the first walk missed (issue 13): a list of people's names, and the name a
    sealed document was issued to."""
    from placements.models import PresentationInvitation, SecurityBriefing
    from vetting.models import IssuedDocument

    assert looks_personal(PresentationInvitation) and looks_personal(IssuedDocument)
    assert looks_personal(SecurityBriefing)  # given_by: the nominated local contact's name
    assert not looks_personal(apps.get_model("placements", "HostingOffer"))  # places and dates
