from .views import allocation, calendars, officers, partners, presentations

urlpatterns = [
    *partners.urlpatterns,
    *allocation.urlpatterns,
    *officers.urlpatterns,
    *presentations.urlpatterns,
    *calendars.urlpatterns,
]
