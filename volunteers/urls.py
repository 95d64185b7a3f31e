from .views import interviews, public, staff

urlpatterns = [*public.urlpatterns, *staff.urlpatterns, *interviews.urlpatterns]
