from .views import interviews, medical, public, staff

urlpatterns = [*public.urlpatterns, *staff.urlpatterns, *interviews.urlpatterns, *medical.urlpatterns]
