"""Danish alphabetical order, the one sort key for names of municipalities, regions and people.

Danish orders its three extra letters after z, as æ, ø, å, and alphabetises the double letter "aa" as "å"
(Dansk Sprognævn's spelling rules), so Aabenraa and Aalborg come last, after Ærø. Unicode code points order å before æ and a plain ``sorted`` puts Aabenraa first; both are wrong in a
letter addressed to the municipal councils.
"""

from __future__ import annotations

__all__ = ["danish_sort_key"]

# Letters from neighbouring alphabets sort with the Danish letter they are read as (ä as æ, ö as ø, ü as y);
# the three Danish letters are moved past "z" by mapping them to the three characters that follow it.
_FOLD = str.maketrans(
    {
        "æ": "{",
        "ä": "{",
        "ø": "|",
        "ö": "|",
        "å": "}",
        "ü": "y",
        "é": "e",
    }
)


def danish_sort_key(text: str) -> tuple[str, str]:
    """A key that sorts ``text`` in Danish alphabetical order, case-insensitively.

    The original text breaks ties, so two spellings that collate alike still sort the same way every time.
    """
    folded = text.casefold().replace("aa", "å")
    return folded.translate(_FOLD), text
