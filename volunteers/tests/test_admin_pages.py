"""The back office's interview times, fitness tests and medical certificates (issue 11): found
by the candidate's name, filtered, exported in words; every field a service writes read-only,
none added by hand; the actions refuse what their services refuse, by name. A medical
certificate's file, and its stored name, on no admin page, export or history."""

import pytest
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.test_exports import export
from volunteers.enums import FitnessResult, MedicalCertificateStatus, VolunteerApplicationStatus
from volunteers.models import FitnessTest, MedicalCertificate
from volunteers.services.fitness import record_fitness_result
from volunteers.services.medical import (
    accept_medical_certificate,
    ask_for_another_certificate,
    upload_medical_certificate,
)

from .factories import (
    MEDICAL_PDF,
    InterviewSlotFactory,
    certificate_to_check,
    fitness_test_to_record,
    interview_to_record,
)

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus


def admin_url(model, view="changelist", *args):
    return reverse(f"admin:volunteers_{model}_{view}", args=args)


def listed(client, model, query=""):
    response = client.get(admin_url(model) + query)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def run_action(client, model, action, records, **answers):
    """Run an admin action on ``records``; answers fill in its own page. Returns the messages."""
    chosen = {"action": action, ACTION_CHECKBOX_NAME: [r.pk for r in records], "index": 0}
    if answers:
        chosen |= {"apply": "1", **answers}
    response = client.post(admin_url(model), chosen, follow=True)
    assert response.status_code == 200
    return [(m.level, m.message) for m in response.context["messages"]]


def named(application, name):
    application.applicant.full_name = name
    application.applicant.save()
    return application


# --- interview times ------------------------------------------------------------------


def test_interview_times_found_by_candidate_and_filtered_by_booking_when_and_campaign(client, recruiter):
    held = named(interview_to_record(), "Val Jones").interview_slot  # begun two hours ago, booked
    free = InterviewSlotFactory()  # to come, free
    client.force_login(recruiter)
    assert listed(client, "interviewslot", "?q=Val") == [held]
    assert listed(client, "interviewslot", "?booked=no") == [free]
    assert listed(client, "interviewslot", "?booked=yes") == [held]
    assert listed(client, "interviewslot", "?when=past") == [held]
    assert listed(client, "interviewslot", "?when=coming") == [free]
    assert listed(client, "interviewslot", f"?campaign={free.campaign_id}") == [free]
    page = client.get(admin_url("interviewslot")).content.decode()
    assert "Val Jones" in page and "Free" in page


def test_an_interview_time_is_read_only_and_never_added_by_hand(client, recruiter):
    slot = interview_to_record().interview_slot
    client.force_login(recruiter)
    form = client.get(admin_url("interviewslot", "change", slot.pk)).context["adminform"].form
    assert set(form.fields) == set()
    assert client.get(admin_url("interviewslot", "add")).status_code == 403


def test_the_interview_times_export_reads_in_words(client, recruiter):
    slot = named(interview_to_record(), "Val Jones").interview_slot
    client.force_login(recruiter)
    _, [row] = export(client, "volunteers/interviewslot", "csv")
    assert (row["Booked by"], row["Their application"]) == ("Val Jones", "Interview booked")
    assert row["Where"] == slot.location
    assert row["Starts"] == f"{timezone.localtime(slot.starts_at):%d/%m/%Y %H:%M}"


def test_recording_an_outcome_on_a_free_time_is_refused_by_name(client, recruiter):
    held = interview_to_record().interview_slot
    free = InterviewSlotFactory()
    client.force_login(recruiter)
    said = run_action(client, "interviewslot", "record_outcome", [held, free], outcome="failed", reason="Late.")
    assert (messages.WARNING, f"{free}: Nobody booked this interview time.") in said
    assert (messages.SUCCESS, "1 interview slot recorded; each candidate has been emailed.") in said
    held.application.refresh_from_db()
    assert (held.application.status, held.application.rejection_reason) == (S.REJECTED, "Late.")


def test_the_outcome_page_asks_for_a_reason_when_not_passed(client, recruiter):
    held = interview_to_record().interview_slot
    client.force_login(recruiter)
    chosen = {"action": "record_outcome", ACTION_CHECKBOX_NAME: [held.pk], "index": 0}
    response = client.post(admin_url("interviewslot"), {**chosen, "apply": "1", "outcome": "failed", "reason": ""})
    assert "Give the reason the candidate did not pass." in response.content.decode()
    held.application.refresh_from_db()
    assert held.application.status == S.INTERVIEW_BOOKED


# --- fitness tests ----------------------------------------------------------------------


def test_fitness_tests_found_filtered_exported_and_read_only(client, recruiter):
    waiting = fitness_test_to_record()
    named(waiting.application, "Val Jones")
    passed = fitness_test_to_record()
    named(passed.application, "Ola Brown")  # not a generated name that "Val" finds too
    record_fitness_result(passed.application, by=recruiter, passed=True, assessor="PC Jo Hart")
    client.force_login(recruiter)
    assert listed(client, "fitnesstest", "?q=Val") == [waiting]
    assert listed(client, "fitnesstest", "?result=passed") == [passed]
    assert listed(client, "fitnesstest", f"?campaign={passed.application.campaign_id}") == [passed]
    form = client.get(admin_url("fitnesstest", "change", waiting.pk)).context["adminform"].form
    assert set(form.fields) == set()  # a booking moved here would not be emailed to the applicant
    assert client.get(admin_url("fitnesstest", "add")).status_code == 403
    _, rows = export(client, "volunteers/fitnesstest", "csv")
    by_applicant = {row["Applicant"]: row for row in rows}
    assert (by_applicant["Val Jones"]["Result"], by_applicant["Val Jones"]["Place"]) == (
        "",
        "Maidstone Police Station gym",
    )
    recorded = by_applicant[str(passed.application.applicant)]
    assert (recorded["Result"], recorded["Assessor"], recorded["Result recorded by"]) == (
        "Passed",
        "PC Jo Hart",
        str(recruiter),
    )


def test_a_result_recorded_already_is_refused_and_a_fail_needs_its_reason(client, recruiter):
    done, waiting = fitness_test_to_record(), fitness_test_to_record()
    record_fitness_result(done.application, by=recruiter, passed=True, assessor="PC Jo Hart")
    client.force_login(recruiter)
    chosen = {"action": "record_result", ACTION_CHECKBOX_NAME: [waiting.pk], "index": 0}
    response = client.post(admin_url("fitnesstest"), {**chosen, "apply": "1", "result": "failed", "assessor": "PC Jo"})
    assert "Give the reason the applicant did not pass." in response.content.decode()
    said = run_action(
        client, "fitnesstest", "record_result", [done, waiting], result="passed", assessor="PC Ali Khan", reason=""
    )
    assert (messages.WARNING, f"{done}: The fitness test's result is already recorded.") in said
    assert FitnessTest.objects.get(pk=done.pk).assessor == "PC Jo Hart"
    assert FitnessTest.objects.get(pk=waiting.pk).result == FitnessResult.PASSED


# --- medical certificates --------------------------------------------------------------


def test_certificates_found_filtered_and_exported_without_the_file(client, recruiter):
    waiting = named(certificate_to_check(), "Val Jones").medical_certificate
    accepted = named(certificate_to_check(), "Ola Brown").medical_certificate  # "Val" finds no other
    accept_medical_certificate(accepted, by=recruiter)
    client.force_login(recruiter)
    assert listed(client, "medicalcertificate", "?q=Val") == [waiting]
    assert listed(client, "medicalcertificate", "?status=accepted") == [accepted]
    assert listed(client, "medicalcertificate", f"?campaign={waiting.application.campaign_id}") == [waiting]
    _, rows = export(client, "volunteers/medicalcertificate", "csv")
    assert set(rows[0]) == {"Campaign", "Applicant", "Status", "Why another was asked for", "Uploaded"} | {
        "Checked by",
        "Checked",
    }
    statuses = {row["Applicant"]: (row["Status"], row["Checked by"]) for row in rows}
    assert statuses["Val Jones"] == ("Waiting to be checked", "")
    assert statuses[str(accepted.application.applicant)] == ("Accepted", str(recruiter))


def test_the_change_page_is_read_only_and_links_the_logged_download(client, recruiter):
    certificate = certificate_to_check().medical_certificate
    client.force_login(recruiter)
    response = client.get(admin_url("medicalcertificate", "change", certificate.pk))
    assert set(response.context["adminform"].form.fields) == set()
    assert reverse("volunteer_medical_file", args=[certificate.application_id]) in response.content.decode()
    assert client.get(admin_url("medicalcertificate", "add")).status_code == 403


def test_accept_and_ask_for_another_call_the_services_and_refuse_by_name(client, recruiter):
    first, second = (certificate_to_check().medical_certificate for _ in range(2))
    accept_medical_certificate(first, by=recruiter)
    client.force_login(recruiter)
    said = run_action(client, "medicalcertificate", "accept_selected", [first, second])
    assert (messages.SUCCESS, "1 medical certificate accepted.") in said
    assert [level for level, _ in said].count(messages.WARNING) == 1
    second.refresh_from_db()
    assert (second.status, second.checked_by) == (MedicalCertificateStatus.ACCEPTED, recruiter)
    assert second.application.status == S.MEDICAL_RECEIVED

    third = certificate_to_check().medical_certificate
    chosen = {"action": "ask_for_another", ACTION_CHECKBOX_NAME: [third.pk], "index": 0}
    response = client.post(admin_url("medicalcertificate"), {**chosen, "apply": "1", "reason": ""})
    assert "Say why another certificate is needed." in response.content.decode()
    run_action(client, "medicalcertificate", "ask_for_another", [third], reason="It is not signed.")
    third.refresh_from_db()
    assert (third.status, third.another_reason, third.file.name) == (
        MedicalCertificateStatus.ANOTHER_REQUESTED,
        "It is not signed.",
        "",
    )


def test_the_stored_name_of_a_certificate_is_on_no_admin_page_export_or_history(client, recruiter):
    """The sentinel: a certificate refused (its file deleted) and sent again, so two stored
    names have existed; as the recruitment team and as a superuser, every back-office page
    about it, its list searched and filtered, its exports and the action log's."""
    application = certificate_to_check()
    certificate = application.medical_certificate
    names = {certificate.file.name}
    ask_for_another_certificate(certificate, by=recruiter, reason="It is not signed.")
    upload = SimpleUploadedFile("my-heart-condition.pdf", MEDICAL_PDF)
    certificate = upload_medical_certificate(application, by=application.applicant, upload=upload)
    names.add(certificate.file.name)
    sentinels = names | {name.rsplit("/", 1)[-1] for name in names} | {"my-heart-condition"}
    assert len(names) == 2

    history_id = MedicalCertificate.history.filter(id=certificate.pk).order_by("history_id").first().history_id
    pages = [
        admin_url("medicalcertificate"),
        admin_url("medicalcertificate") + "?status=uploaded&q=" + application.applicant.email,
        admin_url("medicalcertificate", "change", certificate.pk),
        admin_url("medicalcertificate", "history", certificate.pk),
        admin_url("medicalcertificate", "simple_history", certificate.pk, history_id),
        reverse("admin:accounts_actionlog_changelist"),
    ]
    for person in (recruiter, UserFactory(is_superuser=True, mfa=True)):
        client.force_login(person)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            assert not [s for s in sentinels if s in response.content.decode()], url
        for key in ("volunteers/medicalcertificate", "accounts/actionlog"):
            for file_format in ("csv", "json"):
                response, rows = export(client, key, file_format)
                assert rows, (key, file_format)
                assert not [s for s in sentinels if s in response.content.decode("utf-8-sig")], (key, file_format)
        # searching by the stored name finds nothing: the name is not a field the list searches
        for name in names:
            assert listed(client, "medicalcertificate", f"?q={name.rsplit('/', 1)[-1]}") == []
