"""The SAML endpoints (djangosaml2's views, answering 404 while SAML is off), the refusal page and sign-out."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from djangosaml2 import views as saml_views
from saml2.saml import AuthnContextClassRef
from saml2.samlp import RequestedAuthnContext

from sundhedsaftale.accounts.models import Role

from .backends import REFUSAL_ATTRIBUTE
from .mapping import Refusal, RefusalReason
from .selectors import saml_enabled, sign_in_mapping

# The NSIS level of assurance as an authentication context class (OIOSAML 3): asked for at the IdP, checked
# again on the assertion by the mapping.
LOA_CONTEXT = "https://data.gov.dk/concept/core/nsis/loa/"


class _OnlyWhenEnabled:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not saml_enabled():
            raise Http404(_("Log ind med MitID Erhverv er ikke sat op på denne installation."))
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class LoginView(_OnlyWhenEnabled, saml_views.LoginView):
    def load_sso_kwargs(self, sso_kwargs: dict[str, Any]) -> None:
        minimum = sign_in_mapping().minimum_loa
        if minimum:
            sso_kwargs["requested_authn_context"] = RequestedAuthnContext(
                authn_context_class_ref=[AuthnContextClassRef(text=LOA_CONTEXT + minimum)],
                comparison="minimum",
            )


# The IdP posts from its own site; the signed response and the session's outstanding request stand in for CSRF.
@method_decorator(csrf_exempt, name="dispatch")
class AssertionConsumerServiceView(_OnlyWhenEnabled, saml_views.AssertionConsumerServiceView):
    def handle_acs_failure(
        self, request: HttpRequest, exception: Exception | None = None, status: int = 403, **kwargs: Any
    ) -> HttpResponse:
        refusal = getattr(request, REFUSAL_ATTRIBUTE, None)
        return render(
            request,
            "sso/refused.html",
            {"reason": refusal_message(refusal), "refused_identity": refusal is not None},
            status=403,
        )


@method_decorator(csrf_exempt, name="dispatch")
class LogoutServiceView(_OnlyWhenEnabled, saml_views.LogoutView):
    pass


class MetadataView(_OnlyWhenEnabled, saml_views.MetadataView):
    pass


class _SingleLogoutView(saml_views.LogoutInitView):
    # The page's sign-out button posts (with its CSRF token); djangosaml2 starts single logout on GET.
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.get(request, *args, **kwargs)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out here, and at the identity provider (single logout) when the session came from it."""
    saml_session = getattr(request, "saml_session", None)
    if (
        saml_enabled()
        and request.user.is_authenticated
        and saml_session is not None
        and saml_views._get_subject_id(saml_session) is not None
    ):
        return _SingleLogoutView.as_view()(request)
    return auth_views.LogoutView.as_view()(request)


def refusal_message(refusal: Refusal | None) -> str:
    """Why the sign-in was refused, in words for the person who tried (and their administrator)."""
    if refusal is None:
        return _(
            "Svaret fra identitetsudbyderen kunne ikke godkendes: det var ikke korrekt underskrevet, var udløbet "
            "eller var allerede brugt. Prøv at logge ind igen fra begyndelsen."
        )
    details = refusal.details
    messages = {
        RefusalReason.NO_SUBJECT: _(
            "Identitetsudbyderen sendte ikke et bruger-id, så du kan ikke genkendes."
        ),
        RefusalReason.NO_ORGANISATION: _(
            "Identitetsudbyderen sendte ikke din organisations CVR-nummer, så din adgang kan ikke afgøres."
        ),
        RefusalReason.UNKNOWN_ORGANISATION: _(
            "Din organisation (CVR-nummer %(cvr)s) har ikke adgang til platformen."
        )
        % {"cvr": details.get("cvr", "")},
        RefusalReason.NO_ROLE: _(
            "Du har ingen rettighed til platformen i %(organisation)s. Bed din organisations administrator i "
            "MitID Erhverv om at tildele dig en."
        )
        % {"organisation": details.get("organisation", "")},
        RefusalReason.ROLE_NOT_ALLOWED: _(
            "Din rettighed (%(role)s) kan ikke bruges af %(organisation)s på platformen."
        )
        % {"role": _role_label(details.get("role", "")), "organisation": details.get("organisation", "")},
        RefusalReason.LOA_TOO_LOW: _(
            "Du loggede ind med sikringsniveau %(loa)s; platformen kræver mindst %(minimum)s."
        )
        % {"loa": details.get("loa", ""), "minimum": details.get("minimum", "")},
        RefusalReason.INACTIVE: _("Din bruger er spærret på platformen. Kontakt platformens administrator."),
    }
    return messages[refusal.reason]


def _role_label(value: str) -> str:
    return str(Role(value).label) if value in Role.values else value
