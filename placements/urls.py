from .views import allocation, calendars, cohorts, officers, partners, placement_days, presentations, work_experience

urlpatterns = [
    *partners.urlpatterns,
    *allocation.urlpatterns,
    *cohorts.urlpatterns,
    *officers.urlpatterns,
    *presentations.urlpatterns,
    *calendars.urlpatterns,
    *work_experience.urlpatterns,
    *placement_days.urlpatterns,
]
