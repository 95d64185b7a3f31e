"""After the placement (seed 000: "the officers prepare a short presentation to deliver to
their colleagues"): the officer's reflection and presentation file, who may download
the file, and the staff page with every reflection and the partners' feedback."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from kentplacements.workflow import DomainError
from placements.enums import PlacementStatus, PlacementType
from placements.models import PlacementReflection
from placements.services.placements import confirm_placement
from placements.services.presentations import give_feedback, submit_reflection
from placements.uploads import MAX_PRESENTATION_BYTES
from tests.personas import make_persona

from .factories import CommunityPlacementFactory, StudentOfficerFactory
from .form_markup import error_under_field, summary_link
from .presentation_factories import BEFORE_CUTOFF, finished_placement, offer_in_window

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64  # a Windows program


def zipped(*entries) -> bytes:
    """An archive as office files are: PowerPoint and OpenDocument files are zips."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries:
            archive.writestr(name, text)
    return buffer.getvalue()


PPTX = zipped(("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p:presentation/>"))
ODP = zipped(("mimetype", "application/vnd.oasis.opendocument.presentation"), ("content.xml", "<office:document/>"))


@pytest.fixture(autouse=True)
def _after_the_placements(time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)


@pytest.fixture
def placement(student_officer):
    return finished_placement(officer=StudentOfficerFactory(user=student_officer))


@pytest.fixture
def officer_client(client, student_officer):
    client.force_login(student_officer)
    return client


def reflection_url(placement):
    return reverse("placement_reflection", args=[placement.pk])


def file_url(placement):
    return reverse("presentation_file", args=[placement.pk])


TYPED = {"summary": "Dementia-friendly policing", "reflection": "I learned to slow down and listen."}


# --- the officer's reflection ---------------------------------------------------------


def test_the_officer_writes_a_reflection_and_uploads_a_pdf(officer_client, placement, student_officer):
    response = officer_client.post(
        reflection_url(placement), {**TYPED, "upload": SimpleUploadedFile("My talk.pdf", PDF)}, follow=True
    )

    assertContains(response, "Thank you: your reflection is saved.")
    assertContains(response, f'<a href="{file_url(placement)}">download your presentation file</a>', html=True)
    assertContains(response, "I learned to slow down and listen.</textarea>", html=False)
    reflection = PlacementReflection.objects.get(placement=placement)
    assert (reflection.summary, reflection.reflection) == (TYPED["summary"], TYPED["reflection"])
    # stored under a random name of our choosing, never the name the officer gave it
    stored = Path(reflection.presentation_file.name)
    assert stored.parent.as_posix() == "presentations/2027"
    assert stored.suffix == ".pdf" and len(stored.stem) == 32 and "talk" not in stored.name.lower()
    assert (Path(settings.MEDIA_ROOT) / stored).read_bytes() == PDF


@pytest.mark.parametrize(("content", "extension"), [(PPTX, "pptx"), (ODP, "odp")])
def test_powerpoint_and_opendocument_presentations_are_accepted(placement, student_officer, content, extension):
    upload = SimpleUploadedFile("slides.bin", content)  # the name does not matter, the content does

    reflection = submit_reflection(placement, by=student_officer, summary="", reflection="Notes", upload=upload)

    assert reflection.presentation_file.name.endswith(f".{extension}")


def test_a_program_renamed_pdf_is_refused_next_to_the_field_and_the_text_is_kept(officer_client, placement):
    response = officer_client.post(reflection_url(placement), {**TYPED, "upload": SimpleUploadedFile("talk.pdf", EXE)})

    message = "The file must be a PDF, a PowerPoint (.pptx) or an OpenDocument presentation (.odp)."
    assertContains(response, summary_link("upload", "Your presentation file (optional)", message), html=True)
    assertContains(response, error_under_field("upload", message), html=True)
    assertContains(response, "I learned to slow down and listen.</textarea>", html=False)
    assertContains(response, "Dementia-friendly policing</textarea>", html=False)
    assert not PlacementReflection.objects.exists()


def test_a_file_over_10_mb_is_refused(officer_client, placement):
    big = SimpleUploadedFile("talk.pdf", PDF + b"0" * MAX_PRESENTATION_BYTES)

    response = officer_client.post(reflection_url(placement), {**TYPED, "upload": big})

    assertContains(response, "The file is 10.0\xa0MB; it must be 10 MB or smaller.")
    assert not PlacementReflection.objects.exists()


def test_the_service_refuses_a_bad_file_and_an_empty_reflection_too(placement, student_officer):
    with pytest.raises(DomainError, match="The file must be a PDF"):
        submit_reflection(
            placement, by=student_officer, summary="", reflection="x", upload=SimpleUploadedFile("a.pdf", EXE)
        )
    with pytest.raises(DomainError, match="Write your reflection"):
        submit_reflection(placement, by=student_officer, summary="Slides only", reflection="  ")


def test_a_new_reflection_replaces_the_text_and_keeps_the_earlier_version(placement, student_officer):
    submit_reflection(placement, by=student_officer, summary="", reflection="First thoughts")
    submit_reflection(placement, by=student_officer, summary="", reflection="Second thoughts")

    reflection = PlacementReflection.objects.get(placement=placement)
    assert reflection.reflection == "Second thoughts"
    assert [h.reflection for h in reflection.history.order_by("history_date")] == ["First thoughts", "Second thoughts"]


def test_another_officers_or_an_unfinished_placement_is_not_found(officer_client, placement, student_officer):
    someone_elses = finished_placement()
    not_yet = CommunityPlacementFactory(
        officer=placement.officer, offer=offer_in_window(placement.officer.cohort, PlacementType.FOUR_DAY)
    )
    confirm_placement(not_yet, by=None)

    for other in (someone_elses, not_yet):
        assert officer_client.get(reflection_url(other)).status_code == 404
        assert officer_client.post(reflection_url(other), TYPED).status_code == 404
    assert not PlacementReflection.objects.exists()
    with pytest.raises(DomainError, match="once the placement is completed"):
        submit_reflection(not_yet, by=student_officer, summary="", reflection="Too early")


# --- who may download the file ----------------------------------------------------------


@pytest.fixture
def sent(placement, student_officer):
    submit_reflection(
        placement, by=student_officer, summary="", reflection="Notes", upload=SimpleUploadedFile("a.pdf", PDF)
    )
    return placement


@pytest.mark.parametrize("persona", ["student_officer", "diversity_officer"])
def test_the_officer_and_the_diversity_officer_download_the_file_as_an_attachment(client, sent, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(file_url(sent))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="presentation-{sent.officer.staff_number}-two_day.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("persona", ["head_of_resourcing", "partner_contact", "recruiter", "student_officer"])
def test_anyone_else_is_told_the_file_does_not_exist(client, sent, persona):
    client.force_login(make_persona(persona))  # a student officer, but not this one

    assert client.get(file_url(sent)).status_code == 404


def test_the_file_is_not_served_from_media_url(client, sent, student_officer):
    client.force_login(student_officer)
    stored = PlacementReflection.objects.get(placement=sent).presentation_file

    assert client.get(settings.MEDIA_URL + stored.name).status_code == 404


# --- staff: reflections and feedback per cohort ------------------------------------------


@pytest.fixture
def cohort_with_words(sent, partner_contact):
    give_feedback(sent, by=partner_contact, rating=5, comment="A credit to Kent Police.")
    quiet = finished_placement(officer__cohort=sent.officer.cohort, officer__full_name="Quinn Quiet")
    return sent.officer.cohort, quiet


def reflections_url(cohort):
    return reverse("cohort_reflections", args=[cohort.pk])


def test_the_diversity_officer_reads_reflections_and_feedback_and_downloads_the_file(
    client, diversity_officer, cohort_with_words, sent
):
    cohort, _ = cohort_with_words
    client.force_login(diversity_officer)

    response = client.get(reflections_url(cohort))

    assertContains(response, escape(f"{sent.officer.full_name}: 2-day placement at {sent.partner.name}"))
    assertContains(response, "<p>Notes</p>", html=True)
    assertContains(response, "<p>5 out of 5</p>", html=True)
    assertContains(response, "A credit to Kent Police.")
    assertContains(response, f'href="{file_url(sent)}"')
    assertContains(response, "Not written yet.")  # Quinn Quiet
    assertContains(response, "None yet.")
    assertContains(response, "Record that Quinn Quiet has given the presentation")


def test_the_head_of_resourcing_reads_but_neither_downloads_nor_records(
    client, head_of_resourcing, cohort_with_words, sent
):
    cohort, _ = cohort_with_words
    client.force_login(head_of_resourcing)

    response = client.get(reflections_url(cohort))

    assertContains(response, "A credit to Kent Police.")
    assertNotContains(response, f'href="{file_url(sent)}"')
    assertNotContains(response, "Record that")
    record = client.post(reverse("record_presentation_given", args=[sent.pk]))
    assert record.status_code == 403
    sent.refresh_from_db()
    assert sent.status == PlacementStatus.COMPLETED


def test_the_diversity_officer_records_that_the_officer_presented(client, diversity_officer, cohort_with_words):
    _, quiet = cohort_with_words
    client.force_login(diversity_officer)

    response = client.post(reverse("record_presentation_given", args=[quiet.pk]), follow=True)

    assertContains(response, "Recorded that Quinn Quiet has given their presentation.")
    assertNotContains(response, "Record that Quinn Quiet")
    quiet.refresh_from_db()
    assert quiet.status == PlacementStatus.PRESENTED
    again = client.post(reverse("record_presentation_given", args=[quiet.pk]), follow=True)
    assertContains(again, "This record cannot move from")


def test_the_reflections_page_query_count_is_the_same_for_1_and_50_placements(
    client, diversity_officer, placement, assert_query_count_constant
):
    client.force_login(diversity_officer)
    cohort = placement.officer.cohort

    def make_rows(n):
        for _ in range(n):
            other = finished_placement(officer__cohort=cohort)
            give_feedback(other, by=None, rating=4, comment="Good")
            submit_reflection(other, by=None, summary="S", reflection="R", upload=SimpleUploadedFile("a.pdf", PDF))

    assert_query_count_constant(client, reflections_url(cohort), make_rows, queries=6)
