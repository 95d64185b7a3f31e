from .views import interviews, medical, public, staff, training

urlpatterns = [
    *public.urlpatterns,
    *staff.urlpatterns,
    *interviews.urlpatterns,
    *medical.urlpatterns,
    *training.urlpatterns,
]
