from .views import agreements

urlpatterns = [*agreements.urlpatterns]
