from .views import dashboard, hours, interviews, medical, offers, public, staff, training

urlpatterns = [
    *public.urlpatterns,
    *staff.urlpatterns,
    *interviews.urlpatterns,
    *medical.urlpatterns,
    *offers.urlpatterns,
    *dashboard.urlpatterns,
    *training.urlpatterns,
    *hours.urlpatterns,
]
