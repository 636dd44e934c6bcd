"""The REST API (django-ninja): typed schemas at the edge, the OpenAPI 3 document falls out of the code."""
