from .views import medical, public, staff

urlpatterns = [*public.urlpatterns, *staff.urlpatterns, *medical.urlpatterns]
