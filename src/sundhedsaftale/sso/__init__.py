"""Sign-in for real users with SAML 2.0 (MitID Erhverv through NemLog-in), off unless configured.

``config`` turns environment variables into djangosaml2/pysaml2 settings, ``mapping`` (framework-free) turns a
verified identity into a role and organisation or a refusal, ``actions`` creates, links and updates users with
an audit row, ``views`` are the SAML endpoints and the refusal page. docs/sign-in.md, ADR 0014.
"""
