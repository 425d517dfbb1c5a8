from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

# Sign-in pages only: accounts are made by an administrator, so no sign-up or e-mail reset.
accounts = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include(accounts)),
    # The only pages that need no sign-in: published fact-checks, for readers and machines.
    path("fact-checks/", include("claims.public_urls")),
    path("api/", include("claims.api_urls")),
    path("", include("claims.urls")),
]
