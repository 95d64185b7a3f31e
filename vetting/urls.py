from django.urls import path

from .views import agreements, checks, sealing

urlpatterns = [
    path("agreements/verify/", sealing.verify_agreement, name="agreement_verify"),
    *agreements.urlpatterns,
    *checks.urlpatterns,
]
