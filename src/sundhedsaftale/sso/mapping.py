"""From a signed SAML identity to the platform's role and organisation, or a refusal saying why.

Framework-free: the Django side hands in the attributes pysaml2 has verified and gets back either an
:class:`Assignment` or a :class:`Refusal`. Nothing here has a default role: an identity that the mapping file
does not place gets no access. The mapping file (YAML) is read once at start-up by :func:`load_mapping`; every
problem in it names the file, the line and the field, and stops the platform (docs/sign-in.md).
"""

from __future__ import annotations

import base64
import binascii
import enum
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from sundhedsaftale.core._yaml import LocatedYaml, load_located_yaml

__all__ = [
    "LEVELS_OF_ASSURANCE",
    "NAME_ID",
    "OIOSAML3",
    "Assignment",
    "AttributeNames",
    "Claims",
    "Organisation",
    "Refusal",
    "RefusalReason",
    "SignInMapping",
    "assign",
    "claims_from",
    "load_mapping",
]

# The attribute names of the OIOSAML Web SSO Profile 3.0, which NemLog-in sends for MitID Erhverv users.
OIOSAML3 = {
    "subject": "https://data.gov.dk/model/core/eid/professional/uuid/persistent",
    "organisation": "https://data.gov.dk/model/core/eid/professional/cvr",
    "organisation_name": "https://data.gov.dk/model/core/eid/professional/orgName",
    "privileges": "https://data.gov.dk/model/core/eid/privilegesIntermediate",
    "first_name": "https://data.gov.dk/model/core/eid/firstName",
    "last_name": "https://data.gov.dk/model/core/eid/lastName",
    "email": "https://data.gov.dk/model/core/eid/email",
    "loa": "https://data.gov.dk/concept/core/nsis/loa",
}
# ``subject: name_id`` takes the subject from the assertion's NameID instead of an attribute.
NAME_ID = "name_id"
# NSIS levels of assurance, weakest first (the values of the ``loa`` attribute).
LEVELS_OF_ASSURANCE = ("Low", "Substantial", "High")
# Privilege formats: one privilege or group name per attribute value, or the OIOSAML Basic Privilege Profile
# (one base64-encoded XML document whose privileges are each scoped to an organisation's CVR number).
PRIVILEGE_FORMATS = ("plain", "oiosaml-bpp")
_CVR_SCOPE = "urn:dk:gov:saml:cvrNumberIdentifier:"


@dataclass(frozen=True)
class AttributeNames:
    subject: str = OIOSAML3["subject"]
    organisation: str = OIOSAML3["organisation"]
    organisation_name: str = OIOSAML3["organisation_name"]
    privileges: str = OIOSAML3["privileges"]
    privileges_format: str = "oiosaml-bpp"
    first_name: str = OIOSAML3["first_name"]
    last_name: str = OIOSAML3["last_name"]
    email: str = OIOSAML3["email"]
    loa: str = OIOSAML3["loa"]


@dataclass(frozen=True)
class Organisation:
    """One organisation (by CVR number) allowed to sign in, where it sits, and which roles it may hold."""

    cvr: str
    name: str
    region_code: str
    cluster_id: str
    roles: frozenset[str]


@dataclass(frozen=True)
class SignInMapping:
    path: Path
    attributes: AttributeNames
    organisations: Mapping[str, Organisation]
    # Privilege (or group) → role, in file order: the first one the person holds and the organisation may
    # hold decides the role.
    roles: tuple[tuple[str, str], ...]
    minimum_loa: str | None = None


@dataclass(frozen=True)
class Claims:
    """What the identity provider said about the person, read through the mapping's attribute names."""

    issuer: str
    subject: str
    organisation: str
    organisation_name: str = ""
    privileges: frozenset[str] = frozenset()
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    loa: str = ""

    def as_audit(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "subject": self.subject,
            "organisation": self.organisation,
            "privileges": sorted(self.privileges),
            "loa": self.loa,
        }


@dataclass(frozen=True)
class Assignment:
    role: str
    region_code: str
    cluster_id: str
    organisation: Organisation


class RefusalReason(enum.StrEnum):
    NO_SUBJECT = "no_subject"
    NO_ORGANISATION = "no_organisation"
    UNKNOWN_ORGANISATION = "unknown_organisation"
    NO_ROLE = "no_role"
    ROLE_NOT_ALLOWED = "role_not_allowed"
    LOA_TOO_LOW = "loa_too_low"
    INACTIVE = "inactive"


class Refusal(Exception):
    """The identity is genuine but has no access here; ``details`` fill the Danish explanation."""

    def __init__(self, reason: RefusalReason, details: Mapping[str, str] | None = None) -> None:
        self.reason = reason
        self.details = dict(details or {})
        super().__init__(f"{reason.value} {self.details}")


def claims_from(
    mapping: SignInMapping, *, issuer: str, name_id: str, attributes: Mapping[str, Sequence[str]]
) -> Claims:
    """Read the verified attributes; a malformed privilege document counts as no privileges."""
    names = mapping.attributes

    def first(name: str) -> str:
        values = attributes.get(name) or ()
        return str(values[0]).strip() if values else ""

    subject = name_id.strip() if names.subject == NAME_ID else first(names.subject)
    organisation = first(names.organisation)
    raw_privileges = [str(v) for v in attributes.get(names.privileges) or ()]
    if names.privileges_format == "oiosaml-bpp":
        privileges = frozenset(_bpp_privileges(raw_privileges, organisation))
    else:
        privileges = frozenset(v.strip() for v in raw_privileges if v.strip())
    return Claims(
        issuer=issuer,
        subject=subject,
        organisation=organisation,
        organisation_name=first(names.organisation_name),
        privileges=privileges,
        first_name=first(names.first_name),
        last_name=first(names.last_name),
        email=first(names.email),
        loa=first(names.loa),
    )


def _bpp_privileges(values: Sequence[str], organisation: str) -> list[str]:
    """Privileges of the Basic Privilege Profile that are scoped to the person's own organisation.

    A privilege granted for another CVR number is left out: it says what the person may do on that
    organisation's behalf, not in their own organisation here.
    """
    found: list[str] = []
    for value in values:
        try:
            document = ElementTree.fromstring(base64.b64decode(value, validate=False))
        except (binascii.Error, ValueError, ElementTree.ParseError, DefusedXmlException):
            continue
        for group in document.iter():
            if _local(group.tag) != "PrivilegeGroup":
                continue
            if group.get("Scope", "").strip() != _CVR_SCOPE + organisation:
                continue
            found.extend(
                (p.text or "").strip()
                for p in group
                if _local(p.tag) == "Privilege" and (p.text or "").strip()
            )
    return found


def _local(tag: str) -> str:
    # Versions of the profile differ in namespace (itst.dk, digst.dk); the element names are the same.
    return tag.rsplit("}", 1)[-1]


def assign(mapping: SignInMapping, claims: Claims) -> Assignment:
    """The role and organisation for ``claims``, or :class:`Refusal` naming what is missing."""
    if not claims.subject:
        raise Refusal(RefusalReason.NO_SUBJECT)
    if mapping.minimum_loa is not None and _loa_rank(claims.loa) < _loa_rank(mapping.minimum_loa):
        raise Refusal(RefusalReason.LOA_TOO_LOW, {"loa": claims.loa or "-", "minimum": mapping.minimum_loa})
    if not claims.organisation:
        raise Refusal(RefusalReason.NO_ORGANISATION)
    organisation = mapping.organisations.get(claims.organisation)
    if organisation is None:
        raise Refusal(RefusalReason.UNKNOWN_ORGANISATION, {"cvr": claims.organisation})
    held = [role for privilege, role in mapping.roles if privilege in claims.privileges]
    if not held:
        raise Refusal(RefusalReason.NO_ROLE, {"organisation": organisation.name})
    role = next((r for r in held if r in organisation.roles), None)
    if role is None:
        raise Refusal(RefusalReason.ROLE_NOT_ALLOWED, {"role": held[0], "organisation": organisation.name})
    # Only the roles bound to a region carry it (a reviewer or administrator works across regions), and only
    # a cluster secretariat carries the cluster: the organisation's place never widens another role.
    region = organisation.region_code if role in _REGIONAL_ROLES else ""
    cluster = organisation.cluster_id if role == "cluster_secretariat" else ""
    return Assignment(role=role, region_code=region, cluster_id=cluster, organisation=organisation)


def _loa_rank(loa: str) -> int:
    # The attribute carries the level's name; some brokers send the level's URI (…/nsis/loa/Substantial).
    name = loa.rstrip("/").rsplit("/", 1)[-1]
    return LEVELS_OF_ASSURANCE.index(name) if name in LEVELS_OF_ASSURANCE else -1


# What each role needs from its organisation; see accounts.models.Role and accounts.permissions.
_REGIONAL_ROLES = frozenset({"region_secretariat", "cluster_secretariat", "member"})
_NATIONAL_ROLES = frozenset({"reviewer", "administrator"})


def load_mapping(
    path: Path, *, roles: Collection[str], regions: Collection[str], clusters: Mapping[str, str]
) -> SignInMapping:
    """Read and check the mapping file against the platform's ``roles``, ``regions`` and ``clusters``
    (cluster id → region code). Raises :class:`DataFileError` naming file, line and field."""
    doc = load_located_yaml(path)
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error([], "filen skal indeholde en tabel med 'organisations' og 'roles'")
    unknown = set(data) - {"attributes", "minimum_loa", "roles", "organisations"}
    if unknown:
        key = sorted(unknown)[0]
        raise doc.error(
            [key], f"ukendt felt '{key}' (tilladt: attributes, minimum_loa, roles, organisations)"
        )
    attributes = _attributes(doc, data.get("attributes") or {})
    minimum_loa = data.get("minimum_loa")
    if minimum_loa is not None and minimum_loa not in LEVELS_OF_ASSURANCE:
        raise doc.error(
            ["minimum_loa"],
            f"minimum_loa '{minimum_loa}' er ukendt (tilladt: {', '.join(LEVELS_OF_ASSURANCE)})",
        )
    role_rules = _role_rules(doc, data.get("roles"), roles)
    organisations = _organisations(doc, data.get("organisations"), roles, regions, clusters)
    return SignInMapping(
        path=path,
        attributes=attributes,
        organisations=organisations,
        roles=role_rules,
        minimum_loa=minimum_loa,
    )


def _attributes(doc: LocatedYaml, raw: Any) -> AttributeNames:
    if not isinstance(raw, dict):
        raise doc.error(["attributes"], "'attributes' skal være en tabel fra felt til SAML-attributnavn")
    allowed = set(AttributeNames.__dataclass_fields__)
    for key, value in raw.items():
        if key not in allowed:
            raise doc.error(
                ["attributes", key], f"ukendt attributfelt '{key}' (tilladt: {', '.join(sorted(allowed))})"
            )
        if not isinstance(value, str) or not value.strip():
            raise doc.error(["attributes", key], f"attributes.{key} skal være et ikke-tomt navn")
    names = AttributeNames(**{k: v.strip() for k, v in raw.items()})
    if names.privileges_format not in PRIVILEGE_FORMATS:
        raise doc.error(
            ["attributes", "privileges_format"],
            f"privileges_format '{names.privileges_format}' er ukendt (tilladt: {', '.join(PRIVILEGE_FORMATS)})",
        )
    return names


def _role_rules(doc: LocatedYaml, raw: Any, roles: Collection[str]) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, dict) or not raw:
        raise doc.error(["roles"], "'roles' skal være en ikke-tom tabel fra rettighed eller gruppe til rolle")
    rules = []
    for privilege, role in raw.items():
        if role not in roles:
            raise doc.error(
                ["roles", privilege],
                f"roles['{privilege}']: rollen '{role}' findes ikke (tilladt: {', '.join(sorted(roles))})",
            )
        rules.append((str(privilege), str(role)))
    return tuple(rules)


def _organisations(
    doc: LocatedYaml, raw: Any, roles: Collection[str], regions: Collection[str], clusters: Mapping[str, str]
) -> dict[str, Organisation]:
    if not isinstance(raw, dict) or not raw:
        raise doc.error(
            ["organisations"], "'organisations' skal være en ikke-tom tabel fra CVR-nummer til organisation"
        )
    result: dict[str, Organisation] = {}
    for key, entry in raw.items():
        cvr = str(key)
        where = ["organisations", key]
        if not (len(cvr) == 8 and cvr.isdigit()):
            raise doc.error(where, f"organisations: '{cvr}' er ikke et CVR-nummer (8 cifre, i anførselstegn)")
        if not isinstance(entry, dict):
            raise doc.error(
                where, f"organisations['{cvr}'] skal være en tabel med name, region, cluster og roles"
            )
        extra = set(entry) - {"name", "region", "cluster", "roles"}
        if extra:
            field_name = sorted(extra)[0]
            raise doc.error([*where, field_name], f"organisations['{cvr}']: ukendt felt '{field_name}'")
        name = str(entry.get("name") or "").strip()
        if not name:
            raise doc.error(where, f"organisations['{cvr}'].name mangler")
        region = str(entry.get("region") or "").strip()
        cluster = str(entry.get("cluster") or "").strip()
        if region and region not in regions:
            raise doc.error(
                [*where, "region"], f"organisations['{cvr}'].region: ukendt regionskode '{region}'"
            )
        if cluster and clusters.get(cluster) is None:
            raise doc.error(
                [*where, "cluster"], f"organisations['{cvr}'].cluster: ukendt sundhedsklynge '{cluster}'"
            )
        if cluster and clusters[cluster] != region:
            raise doc.error(
                [*where, "cluster"],
                f"organisations['{cvr}'].cluster: '{cluster}' ligger ikke i region '{region or '-'}'",
            )
        granted = entry.get("roles")
        if not isinstance(granted, list) or not granted:
            raise doc.error(
                [*where, "roles"], f"organisations['{cvr}'].roles skal være en ikke-tom liste af roller"
            )
        for index, role in enumerate(granted):
            problem = _role_problem(str(role), roles, region, cluster)
            if problem:
                raise doc.error([*where, "roles", index], f"organisations['{cvr}'].roles: {problem}")
        result[cvr] = Organisation(
            cvr=cvr,
            name=name,
            region_code=region,
            cluster_id=cluster,
            roles=frozenset(str(r) for r in granted),
        )
    return result


def _role_problem(role: str, roles: Collection[str], region: str, cluster: str) -> str:
    if role not in roles:
        return f"rollen '{role}' findes ikke (tilladt: {', '.join(sorted(roles))})"
    if role in _REGIONAL_ROLES and not region:
        return f"rollen '{role}' kræver en region"
    if role == "cluster_secretariat" and not cluster:
        return "rollen 'cluster_secretariat' kræver en sundhedsklynge (cluster)"
    if role in _NATIONAL_ROLES and region:
        # A national role placed in a region would read as region-bound; keep the two kinds of organisation apart.
        return f"rollen '{role}' gælder hele landet og kan ikke tildeles en organisation med region"
    return ""
