"""A SAML 2.0 identity provider for the tests: pysaml2's ``Server`` behind a small WSGI app.

It plays NemLog-in's part for MitID Erhverv: it checks the platform's signed AuthnRequest, lets a person pick
who they are on a form, and posts back a signed (and by default encrypted) assertion with OIOSAML 3 attributes,
privileges in the Basic Privilege Profile. Keys and certificates are made at test time with ``cryptography``;
no private key is committed. Tests can ask for an unsigned or tampered answer to prove the platform refuses it.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import re
import threading
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import saml2.xmldsig
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

from sundhedsaftale.sso.mapping import OIOSAML3

XMLSEC = "/usr/bin/xmlsec1"


def make_keypair(directory: Path, name: str) -> tuple[Path, Path]:
    """An RSA key and self-signed certificate (PEM) written to ``directory``, valid for a day either side of now.

    Made once per test run and name: the keys are the test's own and need not differ between tests.
    """
    key_pem, cert_pem = _keypair(name)
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.crt"
    key_file.write_bytes(key_pem)
    cert_file.write_bytes(cert_pem)
    return key_file, cert_file


@functools.cache
def _keypair(name: str) -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"sundhedsaftale test {name}")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


def privileges(cvr: str, *names: str) -> str:
    """One Basic Privilege Profile value: ``names`` scoped to the organisation ``cvr``, base64-encoded."""
    items = "".join(f"<Privilege>{html.escape(n)}</Privilege>" for n in names)
    document = (
        '<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:{cvr}">{items}</PrivilegeGroup>'
        "</bpp:PrivilegeList>"
    )
    return base64.b64encode(document.encode()).decode()


@dataclass
class Person:
    """Someone who can sign in at the test IdP, as MitID Erhverv would describe them."""

    subject: str
    cvr: str
    privileges: tuple[str, ...] = ()
    first_name: str = "Test"
    last_name: str = "Person"
    email: str = ""
    loa: str = "Substantial"
    organisation_name: str = ""

    def attributes(self) -> dict[str, list[str]]:
        values = {
            OIOSAML3["subject"]: [self.subject],
            OIOSAML3["organisation"]: [self.cvr],
            OIOSAML3["first_name"]: [self.first_name],
            OIOSAML3["last_name"]: [self.last_name],
            OIOSAML3["loa"]: [self.loa],
            "https://data.gov.dk/model/core/specVersion": ["OIO-SAML-3.0"],
        }
        if self.email:
            values[OIOSAML3["email"]] = [self.email]
        if self.organisation_name:
            values[OIOSAML3["organisation_name"]] = [self.organisation_name]
        if self.privileges:
            values[OIOSAML3["privileges"]] = [privileges(self.cvr, *self.privileges)]
        return values


@dataclass
class Answer:
    """The IdP's answer to a sign-in: where the browser posts it and the form fields."""

    acs_url: str
    fields: dict[str, str]


@dataclass
class LocalIdP:
    directory: Path
    base_url: str
    people: dict[str, Person] = field(default_factory=dict)
    sp_metadata: str = ""
    _server: Server | None = None

    def __post_init__(self) -> None:
        self.key_file, self.cert_file = make_keypair(self.directory, "idp")

    @property
    def entity_id(self) -> str:
        return self.base_url + "/metadata"

    def _config(self) -> dict[str, Any]:
        metadata: dict[str, Any] = {}
        if self.sp_metadata:
            sp_file = self.directory / "sp-metadata.xml"
            sp_file.write_text(self.sp_metadata, encoding="utf-8")
            metadata = {"local": [str(sp_file)]}
        return {
            "entityid": self.entity_id,
            "xmlsec_binary": XMLSEC,
            "key_file": str(self.key_file),
            "cert_file": str(self.cert_file),
            "metadata": metadata,
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(self.base_url + "/sso", BINDING_HTTP_REDIRECT)],
                        "single_logout_service": [(self.base_url + "/slo", BINDING_HTTP_REDIRECT)],
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "want_authn_requests_signed": True,
                    "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}},
                }
            },
        }

    def metadata_xml(self) -> str:
        config = IdPConfig()
        config.load(self._config())
        return str(entity_descriptor(config))

    def write_metadata(self) -> Path:
        path = self.directory / "idp-metadata.xml"
        path.write_text(self.metadata_xml(), encoding="utf-8")
        return path

    def trust(self, sp_metadata: str) -> None:
        """Register the service provider (its metadata: endpoints and certificate)."""
        self.sp_metadata = sp_metadata
        config = IdPConfig()
        config.load(self._config())
        self._server = Server(config=config)

    @property
    def server(self) -> Server:
        assert self._server is not None, "call trust() with the platform's metadata first"
        return self._server

    # --- Sign-in ------------------------------------------------------------------------------------------

    def answer(
        self,
        redirect_url: str,
        username: str,
        *,
        sign: bool = True,
        encrypt: bool = True,
        tamper: Mapping[str, str] | None = None,
    ) -> Answer:
        """Answer the AuthnRequest in ``redirect_url`` (the platform's redirect) for ``username``.

        ``tamper`` replaces text in the signed XML after signing (so the signature no longer fits).
        """
        query = _query(redirect_url)
        request = self.server.parse_authn_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        ).message
        person = self.people[username]
        response = self.server.create_authn_response(
            identity=person.attributes(),
            in_response_to=request.id,
            destination=request.assertion_consumer_service_url,
            sp_entity_id=request.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=person.subject),
            authn={"class_ref": "https://data.gov.dk/concept/core/nsis/loa/" + person.loa},
            sign_assertion=sign,
            sign_response=False,
            encrypt_assertion=encrypt and not tamper,
            encrypt_cert_assertion=_sp_certificate(self.sp_metadata) if encrypt and not tamper else None,
            sign_alg=saml2.xmldsig.SIG_RSA_SHA256,
            digest_alg=saml2.xmldsig.DIGEST_SHA256,
        )
        xml = str(response)
        for old, new in (tamper or {}).items():
            assert old in xml, f"{old!r} is not in the response"
            xml = xml.replace(old, new)
        return Answer(
            acs_url=request.assertion_consumer_service_url,
            fields={
                "SAMLResponse": base64.b64encode(xml.encode()).decode(),
                "RelayState": query.get("RelayState", ""),
            },
        )

    def logout_answer(self, redirect_url: str) -> str:
        """Answer the platform's LogoutRequest: the URL the browser is sent back to with a LogoutResponse."""
        query = _query(redirect_url)
        request = self.server.parse_logout_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        )
        response = self.server.create_logout_response(request.message, [BINDING_HTTP_REDIRECT])
        destination = self.server.config.metadata.single_logout_service(
            request.message.issuer.text, BINDING_HTTP_REDIRECT, "spsso"
        )[0]["location"]
        info = self.server.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(response),
            destination,
            query.get("RelayState", ""),
            response=True,
            sign=True,
            sigalg=saml2.xmldsig.SIG_RSA_SHA256,
        )
        return dict(info["headers"])["Location"]

    # --- As a web server (for the browser test) ---------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/metadata":
            return _respond(start_response, "200 OK", self.metadata_xml(), "text/xml; charset=utf-8")
        if path == "/sso" and environ["REQUEST_METHOD"] == "GET":
            url = "/sso?" + environ.get("QUERY_STRING", "")
            return _respond(start_response, "200 OK", _login_page(url, sorted(self.people)))
        if path == "/sso" and environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = urllib.parse.parse_qs(environ["wsgi.input"].read(length).decode())
            answer = self.answer(form["request"][0], form["username"][0])
            return _respond(start_response, "200 OK", _post_page(answer))
        if path == "/slo":
            location = self.logout_answer("/slo?" + environ.get("QUERY_STRING", ""))
            start_response("302 Found", [("Location", location)])
            return [b""]
        return _respond(start_response, "404 Not Found", "not found")


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[LocalIdP]:
    """A test IdP on a free loopback port, served from a thread until the block ends."""
    holder: dict[str, LocalIdP] = {}

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        return holder["idp"](environ, start_response)

    httpd: WSGIServer = make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    holder["idp"] = LocalIdP(directory, f"http://127.0.0.1:{httpd.server_port}")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder["idp"]
    finally:
        httpd.shutdown()
        httpd.server_close()


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).items()}


def _sp_certificate(sp_metadata: str) -> str:
    match = re.search(r"<(?:\w+:)?X509Certificate>([^<]+)</", sp_metadata)
    assert match, "the platform's metadata has no certificate"
    body = match.group(1).strip()
    return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n"


def _respond(
    start_response: Any, status: str, body: str, content_type: str = "text/html; charset=utf-8"
) -> list[bytes]:
    data = body.encode()
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data)))])
    return [data]


def _login_page(request_url: str, usernames: list[str]) -> str:
    options = "".join(f'<option value="{html.escape(u)}">{html.escape(u)}</option>' for u in usernames)
    return (
        '<!DOCTYPE html><html lang="da"><head><title>Test-IdP</title></head><body><h1>Test-IdP</h1>'
        '<form method="post" action="/sso">'
        f'<input type="hidden" name="request" value="{html.escape(request_url)}">'
        f'<label for="username">Bruger</label><select id="username" name="username">{options}</select>'
        '<button type="submit">Godkend</button></form></body></html>'
    )


def _post_page(answer: Answer) -> str:
    # What a real IdP does: a form the browser posts to the platform, submitted by script on load.
    inputs = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in answer.fields.items()
    )
    return (
        '<!DOCTYPE html><html><body onload="document.forms[0].submit()">'
        f'<form method="post" action="{html.escape(answer.acs_url)}">{inputs}'
        '<noscript><button type="submit">Fortsæt</button></noscript></form></body></html>'
    )
