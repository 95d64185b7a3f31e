"""The detectors of placements.personal_data: personal data in the diary (protocol 3.4.3)
and the forbidden situations in notes (3.5.2): what they find and what they leave."""

import pytest

from placements.personal_data import find_forbidden_situations, find_personal_data
from placements.tests.factories import StudentOfficerFactory
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Call me on 07700 900123 later", ["07700 900123"]),
        ("mobile 07700900123.", ["07700900123"]),
        ("ring +44 7700 900123", ["+44 7700 900123"]),
        ("The front desk is 01622 777688.", ["01622 777688"]),
        ("London 020 7946 0018", ["020 7946 0018"]),
        ("Emailed sam.smith@kent.police.uk about it", ["sam.smith@kent.police.uk"]),
        ("A blue Ford, AB12 CDE, was stopped", ["AB12 CDE"]),
        ("plate ab12cde", ["ab12cde"]),
        ("Crime ref 46/12345/24 logged", ["46/12345/24"]),
        ("Reference CR/123456/24", ["CR/123456/24"]),
        ("07700 900123 and jo@example.org", ["07700 900123", "jo@example.org"]),
    ],
)
def test_personal_data_is_found(text, found):
    assert find_personal_data(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 I applied; on 19 July 2027 I started.",
        "We met at 10:30 and left at 16:45.",
        "There were 12 officers, 3 cars and 150 calls today.",
        "The briefing on 12/05/24 covered 3.5.2 of the protocol.",
        "Room B12 on floor 2, call sign KILO 21.",
        "Our team of 25 walked 12000 steps.",
        "",
    ],
)
def test_ordinary_notes_are_left_alone(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We drove past ME14 1AB on the way", ["ME14 1AB"]),
        ("postcode me141ab", ["me141ab"]),
        ("The Palace is SW1A 1AA.", ["SW1A 1AA"]),
        ("Her birthday is 12/03/2009.", ["12/03/2009"]),
        ("born 3 March 2009", ["3 March 2009"]),
        ("DOB: 12/03/09", ["12/03/09"]),
        ("date of birth 1 Jan 1990", ["1 Jan 1990"]),
        ("He lives at 12 High Street, Maidstone", ["12 High Street"]),
        ("the shop at 4a Tonbridge Rd. was shut", ["4a Tonbridge Rd."]),
        ("Visited 221 Baker Street and ME14 1AB", ["221 Baker Street", "ME14 1AB"]),
    ],
)
def test_postcodes_dates_of_birth_and_street_addresses_are_found(text, found):
    assert find_personal_data(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "I had a post of the day on the noticeboard.",
        "2 officers on the road and 3 cars down the lane",
        "The programme runs 19/07/2027 to 23/07/2027.",
        "Room B12, floor 2, ME14 is the district.",
        "We walked up the High Street at 12.",
    ],
)
def test_ordinary_notes_with_dates_places_and_streets_are_left_alone(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We talked about ERV deployments", ["ERV"]),
        ("no emergency response vehicle today", ["emergency response vehicle"]),
        ("There was a Sudden Death call we stayed away from", ["Sudden Death"]),
        ("They spoke about a post-mortem and a postmortem", ["post-mortem", "postmortem"]),
        ("a post mortem", ["post mortem"]),
    ],
)
def test_forbidden_situations_are_found(text, found):
    assert find_forbidden_situations(text) == found


@pytest.mark.parametrize(
    "text",
    ["I put up a post about the death of a famous author", "Every server in the room", "The serve was fast", ""],
)
def test_ordinary_words_are_not_forbidden_situations(text):
    assert find_forbidden_situations(text) == []


@pytest.mark.django_db
def test_the_names_of_other_people_held_in_the_system_are_found(django_assert_num_queries):
    writer = UserFactory(full_name="Alex Writer")
    UserFactory(full_name="Sam Other-Participant")
    UserFactory(full_name="Jo Post")
    StudentOfficerFactory(full_name="Kim Lee Park")
    text = "Today Sam Other-Participant and kim lee park showed me around; Alex Writer wrote this. Post was late."
    with django_assert_num_queries(1):
        found = find_personal_data(text, writer=writer)
    assert found == ["Sam Other-Participant", "kim lee park"]


@pytest.mark.django_db
def test_a_single_word_of_a_name_is_not_a_name():
    writer = UserFactory(full_name="Alex Writer")
    UserFactory(full_name="Jo Post")
    assert find_personal_data("Jo was at the post today", writer=writer) == []
