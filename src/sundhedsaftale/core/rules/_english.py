"""English texts beside the Danish ones (ADR 0039): rule titles, parameter labels, statuses, kinds and the fixed
text of an explanation, kept as data in ``data/law/english.yaml`` and chosen by a language argument.

A finding whose explanation is kept as messages (ADR 0051) is written in English from the same facts, the words of
the law it quotes left in Danish and marked; a finding without them (a stored row from before, or a rule that
writes only Danish) keeps the rule's own Danish explanation, marked as Danish text, after the fixed English
sentence of its status. Every rule and parameter of the rulebook must have an English entry: :func:`load_english`
refuses a file that lacks one, naming it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .._yaml import load_located_yaml
from ..errors import DataFileError
from ._explanations import Explanations, split_quotes, without_marks
from ._types import RuleKind, Status

__all__ = ["EnglishTexts", "finding_in_english", "load_english"]


class _EnglishFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    statuses: dict[Status, str]
    kinds: dict[RuleKind, str]
    explanations: dict[Status, str]
    rules: dict[str, str]
    parameters: dict[str, str]


@dataclass(frozen=True)
class EnglishTexts:
    statuses: Mapping[str, str]
    kinds: Mapping[str, str]
    explanations: Mapping[str, str]
    rules: Mapping[str, str]
    parameters: Mapping[str, str]
    # The explanations' templates with the English parameter labels; None: every explanation stays Danish.
    templates: Explanations | None = None

    def rule_title(self, rule_id: str, danish: str) -> str:
        return self.rules.get(rule_id, danish)

    def parameter_label(self, key: str, danish: str = "") -> str:
        return self.parameters.get(key, danish or key)

    def status_label(self, status: str) -> str:
        return self.statuses.get(status, status)


def load_english(
    path: Path,
    *,
    rule_ids: Iterable[str],
    parameter_keys: Iterable[str],
    explanations: Explanations | None = None,
) -> EnglishTexts:
    """Load the English texts; every rule id and parameter key given must have one. ``explanations``: the
    rulebook's templates (``Rulebook.explanations``), to write explanations in English."""
    located = load_located_yaml(path)
    try:
        row = _EnglishFile.model_validate(located.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise located.error([str(p) for p in first["loc"]], first["msg"]) from exc
    missing = [f"rules.{r}" for r in rule_ids if r not in row.rules]
    missing += [f"parameters.{p}" for p in parameter_keys if p not in row.parameters]
    missing += [f"statuses.{s.value}" for s in Status if s not in row.statuses]
    missing += [f"explanations.{s.value}" for s in Status if s not in row.explanations]
    if missing:
        raise DataFileError(path, f"ingen engelsk tekst for {', '.join(missing)}")
    return EnglishTexts(
        statuses={s.value: t for s, t in row.statuses.items()},
        kinds={k.value: t for k, t in row.kinds.items()},
        explanations={s.value: t for s, t in row.explanations.items()},
        rules=dict(row.rules),
        parameters=dict(row.parameters),
        templates=explanations.with_labels("en", row.parameters) if explanations is not None else None,
    )


def english_explanation(finding: Mapping[str, Any], texts: EnglishTexts) -> str | None:
    """The finding's explanation written in English from its messages (with the marks around Danish words), or
    None when it has none: a stored row from before ADR 0051, or a template the data no longer has."""
    messages = finding.get("messages")
    if not messages or texts.templates is None:
        return None
    try:
        return texts.templates.render_all(messages, "en")
    except (KeyError, ValueError, IndexError):
        return None  # written with templates of another version: the Danish text stands


def finding_in_english(finding: Mapping[str, Any], texts: EnglishTexts) -> dict[str, Any]:
    """A finding dict (``finding_as_dict``) with its title, status, kind, parameter labels and explanation in
    English: ``explanation`` is the plain text, ``explanation_parts`` the same as (text, language) parts, the
    law's words quoted in Danish marked ``da``. Without messages, ``explanation`` is the fixed text of the status
    and ``explanation_danish`` keeps the rule's own words; quoted law is not translated."""
    status = str(finding.get("status", ""))
    english = english_explanation(finding, texts)
    if english is not None:
        explained = {
            "explanation": without_marks(english),
            "explanation_parts": [{"text": t, "lang": lang} for t, lang in split_quotes(english)],
            "explanation_danish": "",
            "explanation_language": "en",
        }
    else:
        explained = {
            "explanation": texts.explanations.get(status, ""),
            "explanation_parts": [],
            "explanation_danish": finding.get("explanation", ""),
            "explanation_language": "da",
        }
    return {
        **finding,
        "rule_title": texts.rule_title(str(finding.get("rule_id", "")), str(finding.get("rule_title", ""))),
        "status_label": texts.status_label(status),
        "kind_label": texts.kinds.get(str(finding.get("kind", "")), finding.get("kind_label", "")),
        **explained,
        "applied": [
            {**a, "label": texts.parameter_label(str(a["parameter"]), str(a["label"]))}
            for a in finding.get("applied", [])
        ],
        "language": "en",
    }
