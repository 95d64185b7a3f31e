from django.urls import path

from . import views

urlpatterns = [
    path("home/", views.home, name="home"),
    path("account/", views.my_account, name="my_account"),
    path("staff/", views.staff_dashboard, name="staff_dashboard"),
]
