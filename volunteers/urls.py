from .views import hours, interviews, medical, public, staff

urlpatterns = [*public.urlpatterns, *staff.urlpatterns, *interviews.urlpatterns, *medical.urlpatterns]
urlpatterns += hours.urlpatterns  # volunteers' hours (issue 11)
