from .views import dashboard, interviews, medical, public, staff

urlpatterns = [
    *public.urlpatterns,
    *staff.urlpatterns,
    *interviews.urlpatterns,
    *medical.urlpatterns,
    *dashboard.urlpatterns,
]
