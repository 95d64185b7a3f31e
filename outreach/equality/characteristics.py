"""The nine protected characteristics of the Equality Act 2010 (seed 004, "Age, Disability,
Gender reassignment, Marriage and civil partnership, Pregnancy and maternity, Race, Religion
or belief, Sex, Sexual orientation"), each asked as one optional question with "Prefer not
to say" (issue 12).

The answers are broad groups (the ONS 2021 Census's high-level ones), not the detailed
lists: counts are published only in aggregate with anything under 5 hidden, and finer groups
would hide almost everything in a campaign of a few dozen people. There is no free text:
words typed about oneself could name the person, which no count can."""

from dataclasses import dataclass

from django.db import models

PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")
NOT_ANSWERED = "Not answered"  # the report's row for a question left out (stored as "")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", "Under 18"
    FROM_18 = "18_24", "18 to 24"
    FROM_25 = "25_34", "25 to 34"
    FROM_35 = "35_44", "35 to 44"
    FROM_45 = "45_54", "45 to 54"
    FROM_55 = "55_64", "55 to 64"
    FROM_65 = "65_over", "65 or over"
    PREFER_NOT = PREFER_NOT_TO_SAY


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Partnership(models.TextChoices):
    MARRIED = "married", "Married"
    CIVIL_PARTNERSHIP = "civil_partnership", "In a civil partnership"
    NEITHER = "neither", "Neither"
    PREFER_NOT = PREFER_NOT_TO_SAY


class EthnicGroup(models.TextChoices):
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Another ethnic group"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    BUDDHIST = "buddhist", "Buddhist"
    CHRISTIAN = "christian", "Christian"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Another religion or belief"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", "Straight or heterosexual"
    GAY_OR_LESBIAN = "gay_or_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    PREFER_NOT = PREFER_NOT_TO_SAY


@dataclass(frozen=True)
class Characteristic:
    field: str  # the EqualityResponse column and the form field
    name: str  # as the Equality Act and the reports say it
    question: str  # as the person is asked
    choices: type[models.TextChoices]
    help_text: str = ""

    @property
    def answers(self) -> list[tuple[str, str]]:
        """(code, label) of every answer, then the report's "Not answered" (stored as "")."""
        return [*self.choices.choices, ("", NOT_ANSWERED)]


CHARACTERISTICS = (
    Characteristic("age_band", "Age", "How old are you?", AgeBand),
    Characteristic(
        "disability",
        "Disability",
        "Do you consider yourself to have a disability?",
        YesNo,
        "A physical or mental impairment with a substantial and long-term effect on your day-to-day activities.",
    ),
    Characteristic(
        "gender_reassignment",
        "Gender reassignment",
        "Is the gender you identify with different from the sex you were registered at birth?",
        YesNo,
    ),
    Characteristic(
        "marriage_or_civil_partnership",
        "Marriage and civil partnership",
        "Are you married or in a civil partnership?",
        Partnership,
    ),
    Characteristic(
        "pregnancy_or_maternity",
        "Pregnancy and maternity",
        "Are you pregnant, or have you given birth in the last 26 weeks?",
        YesNo,
    ),
    Characteristic("ethnic_group", "Race (ethnic group)", "What is your ethnic group?", EthnicGroup),
    Characteristic("religion_or_belief", "Religion or belief", "What is your religion or belief?", Religion),
    Characteristic("sex", "Sex", "What is your sex?", Sex),
    Characteristic(
        "sexual_orientation",
        "Sexual orientation",
        "Which of these best describes your sexual orientation?",
        SexualOrientation,
    ),
)
FIELDS = tuple(characteristic.field for characteristic in CHARACTERISTICS)
BY_FIELD = {characteristic.field: characteristic for characteristic in CHARACTERISTICS}
