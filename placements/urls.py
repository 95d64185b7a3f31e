from .views import (
    allocation,
    calendars,
    cohorts,
    monitoring,
    officers,
    partners,
    placement_days,
    presentation_staff,
    presentations,
    work_experience,
    work_experience_staff,
)

urlpatterns = [
    *partners.urlpatterns,
    *allocation.urlpatterns,
    *cohorts.urlpatterns,
    *officers.urlpatterns,
    *presentations.urlpatterns,
    *presentation_staff.urlpatterns,
    *calendars.urlpatterns,
    *work_experience.urlpatterns,
    *work_experience_staff.urlpatterns,
    *placement_days.urlpatterns,
    *monitoring.urlpatterns,
]
