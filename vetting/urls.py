from django.urls import path

from .views import agreements, checks, references, sealing

urlpatterns = [
    path("agreements/verify/", sealing.verify_agreement, name="agreement_verify"),
    *agreements.urlpatterns,
    *checks.urlpatterns,
    *references.urlpatterns,
]
