from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from sundhedsaftale.sso.views import sign_out

app_name = "accounts"

urlpatterns = [
    path("log-ind/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    # Also ends the session at the identity provider when it came from there (single logout).
    path("log-ud/", sign_out, name="logout"),
]
