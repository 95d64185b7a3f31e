from . import views_candidate, views_staff

urlpatterns = [*views_candidate.urlpatterns, *views_staff.urlpatterns]
