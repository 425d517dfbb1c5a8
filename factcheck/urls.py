from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.decorators.http import require_http_methods, require_safe

from claims.desk import urls as desk
from claims.ingest import urls as ingest
from claims.publishing import urls as publishing

# Django's form views treat PUT as POST; these pages answer only what a browser sends.
form_methods = require_http_methods(["GET", "HEAD", "POST"])

# Sign-in pages only: accounts are made by an administrator, so no sign-up or e-mail reset.
accounts = [
    path(
        "login/",
        form_methods(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Signed in first, then the method, as on every desk page.
    path(
        "password/",
        login_required(form_methods(auth_views.PasswordChangeView.as_view())),
        name="password_change",
    ),
    path(
        "password/done/",
        login_required(require_safe(auth_views.PasswordChangeDoneView.as_view())),
        name="password_change_done",
    ),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include(accounts)),
    # The only pages that need no sign-in: published fact-checks, for readers and machines.
    path("fact-checks/", include("claims.publishing.urls")),
    path("api/", include("claims.api.urls")),
    # The desk's pages, the import and the list's exports share one namespace, "claims":
    # to an editor they are one set of pages, though each wing keeps its own views.
    path(
        "",
        include(
            (
                [*desk.urlpatterns, *ingest.urlpatterns, *publishing.desk_urlpatterns],
                desk.app_name,
            )
        ),
    ),
]
