from django.urls import path

from .views import sealing

urlpatterns = [
    path("agreements/verify/", sealing.verify_agreement, name="agreement_verify"),
]
