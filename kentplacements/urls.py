from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import health, views

admin.site.site_header = "Kent Placements back office"
admin.site.site_title = "Kent Placements"
# The admin logs in through allauth, so staff pass MFA there too (STACK.md).
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.landing, name="landing"),
    path("cookies/", views.cookies, name="cookies"),
    # answered by kentplacements.health.HealthCheckMiddleware; routed too, so it has a name
    path("healthz", health.healthz, name="healthz"),
    path("", include("accounts.urls")),
    path("", include("placements.urls")),
    path("", include("vetting.urls")),
    path("", include("volunteers.urls")),
    path("", include("outreach.urls")),
    path("", include("outreach.equality.urls")),
    path("", include("outreach.businesses.urls")),
    path("", include("retention.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "kentplacements.views.bad_request"
handler500 = "kentplacements.views.server_error"
