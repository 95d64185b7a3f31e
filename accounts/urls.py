from django.urls import path

from . import views
from .views import personal_data

urlpatterns = [
    path("home/", views.home, name="home"),
    path("account/", views.my_account, name="my_account"),
    path("staff/", views.staff_dashboard, name="staff_dashboard"),
    # subject access and erasure (issue 13)
    path("staff/personal-data/", personal_data.search, name="personal_data_search"),
    path("staff/personal-data/export/", personal_data.export, name="personal_data_export"),
    path("staff/personal-data/erase/", personal_data.erase, name="personal_data_erase"),
]
