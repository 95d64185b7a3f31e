"""A replaced upload's old file goes from storage (issue 13: "today nine files sit on disk
for two current reflections"): once the new one is saved, and not if the change rolls back."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from kentplacements.workflow import DomainError
from placements.services.presentations import submit_reflection
from placements.tests.factories import StudentOfficerFactory
from placements.tests.presentation_factories import BEFORE_CUTOFF, finished_placement
from tests.factories import UserFactory

from .kinds import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_placements(time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)


def stored_presentations():
    folder = Path(settings.MEDIA_ROOT) / "presentations"
    return sorted(path.relative_to(settings.MEDIA_ROOT).as_posix() for path in folder.rglob("*") if path.is_file())


def test_each_new_upload_removes_the_one_it_replaces(django_capture_on_commit_callbacks):
    officers = [StudentOfficerFactory(user=UserFactory(roles=[Role.STUDENT_OFFICER])) for _ in range(2)]
    placements = [finished_placement(officer=officer) for officer in officers]
    for placement in placements:
        student_officer = placement.officer.user
        for talk in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                reflection = submit_reflection(
                    placement,
                    by=student_officer,
                    summary=f"Talk {talk}",
                    reflection="Notes",
                    upload=SimpleUploadedFile("talk.pdf", PDF),
                )
        # rewriting the text without a new file keeps the file
        with django_capture_on_commit_callbacks(execute=True):
            submit_reflection(placement, by=student_officer, summary="Final", reflection="More notes")
    current = sorted(placement.reflection.presentation_file.name for placement in placements)
    assert stored_presentations() == current  # two reflections, two files
    assert reflection.history.count() == 4  # the history still tells the story, without the files


def test_a_refused_replacement_keeps_the_file(student_officer, django_capture_on_commit_callbacks):
    placement = finished_placement(officer=StudentOfficerFactory(user=student_officer))
    with django_capture_on_commit_callbacks(execute=True):
        first = submit_reflection(
            placement, by=student_officer, summary="", reflection="Notes", upload=SimpleUploadedFile("a.pdf", PDF)
        )
    with pytest.raises(DomainError), django_capture_on_commit_callbacks(execute=True):
        submit_reflection(
            placement, by=student_officer, summary="", reflection=" ", upload=SimpleUploadedFile("b.pdf", PDF)
        )
    assert stored_presentations() == [first.presentation_file.name]
