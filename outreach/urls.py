from .programme import urls as programme
from .views import public, staff

urlpatterns = [*public.urlpatterns, *staff.urlpatterns, *programme.urlpatterns]
