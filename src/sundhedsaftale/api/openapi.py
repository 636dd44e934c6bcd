"""The answers every route can give because of the framework around it, written into the OpenAPI document.

A route declares the answers of its own logic (403, 404, 409, its own 422). The answers below come from the
layers every request passes first, so they are added here, once, by the shape of the operation: a client built
from the document then knows every status code it can receive (ADR 0017).

- 401: the route needs a login (``security``), and there is none.
- 403: a write with a session must carry the CSRF token (django-ninja's session auth checks it).
- 400: the request cannot be read at all: a control character in the address (refused by
  ``web.middleware`` before any route), or a body that is not JSON, multipart without boundary, too large.
- 422: a parameter or the body does not fit the schema (``ValidationErrorOut`` names every field).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema

from .schemas import ErrorOut, ValidationErrorOut

__all__ = ["PlatformApi", "add_framework_responses"]

_WRITES = frozenset({"post", "put", "patch", "delete"})


def _answer(description: str, model: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF_TEMPLATE.format(model=model)}}},
    }


def add_framework_responses(document: dict[str, Any]) -> None:
    """Add the framework's answers (see the module's docstring) to every operation that lacks them."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for model in (ErrorOut, ValidationErrorOut):
        schemas.setdefault(model.__name__, model.model_json_schema(ref_template=REF_TEMPLATE))
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if operation.get("security"):
                responses.setdefault(401, _answer("Ikke logget ind", ErrorOut.__name__))
                if method in _WRITES:
                    responses.setdefault(
                        403, _answer("Ingen adgang, eller CSRF-token mangler", ErrorOut.__name__)
                    )
            responses.setdefault(400, _answer("Forespørgslen kan ikke læses", ErrorOut.__name__))
            if operation.get("parameters") or operation.get("requestBody"):
                responses.setdefault(
                    422, _answer("Input passer ikke til skemaet", ValidationErrorOut.__name__)
                )


class PlatformApi(NinjaAPI):
    """The platform's API object: django-ninja's, with the framework's answers in the OpenAPI document."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        add_framework_responses(document)
        return document
