from .views import references

urlpatterns = [*references.urlpatterns]
