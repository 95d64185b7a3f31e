from .views import checks

urlpatterns = [*checks.urlpatterns]
