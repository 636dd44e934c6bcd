from __future__ import annotations

from django.urls import path

from . import views

app_name = "sso"

# The service provider's endpoints, registered at the identity provider through the metadata document.
urlpatterns = [
    path("saml2/login/", views.LoginView.as_view(), name="login"),
    path("saml2/acs/", views.AssertionConsumerServiceView.as_view(), name="acs"),
    path("saml2/ls/", views.LogoutServiceView.as_view(), name="ls"),
    path("saml2/ls/post/", views.LogoutServiceView.as_view(), name="ls_post"),
    path("saml2/metadata/", views.MetadataView.as_view(), name="metadata"),
]
