"""The diary's personal-data detector (protocol 3.4.3): what it finds and what it leaves."""

import pytest

from placements.personal_data import find_personal_data


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
