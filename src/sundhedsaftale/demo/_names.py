"""Fictional, Danish-looking names for the demo data set.

Names are built from the two lists below by pure arithmetic on a running number, so the same number always
gives the same name and no two numbers give the same name. The surname list leaves out the surnames of
the actual regional council chairs and mayors we know of; the combinations are meant to be nobody in
particular.
"""

from __future__ import annotations

__all__ = ["FIRST_NAMES", "SURNAMES", "name_capacity", "person_name"]

FIRST_NAMES: tuple[str, ...] = (
    "Anne",
    "Bjarne",
    "Camilla",
    "Dennis",
    "Dorthe",
    "Esben",
    "Freja",
    "Flemming",
    "Gitte",
    "Gunnar",
    "Hanne",
    "Henrik",
    "Ida",
    "Jesper",
    "Jette",
    "Kasper",
    "Karen",
    "Leif",
    "Lene",
    "Mikkel",
    "Maja",
    "Niels",
    "Nanna",
    "Ole",
    "Pernille",
    "Poul",
    "Rikke",
    "Rune",
    "Signe",
    "Steen",
    "Tove",
    "Troels",
    "Vibeke",
    "Viggo",
    "Astrid",
    "Aksel",
    "Bente",
    "Claus",
    "Ditte",
    "Erik",
    "Else",
    "Frederik",
    "Grethe",
    "Georg",
    "Helle",
    "Hans",
    "Inger",
    "Jakob",
    "Julie",
    "Jens",
    "Kirsten",
    "Kim",
    "Lise",
    "Lars",
    "Mette",
    "Mads",
    "Nina",
    "Morten",
    "Sanne",
    "Rasmus",
    "Trine",
    "Søren",
    "Marianne",
    "Torben",
    "Charlotte",
    "Ulrik",
    "Louise",
    "Villads",
    "Birgit",
    "Anders",
    "Ellen",
    "Carl",
    "Lærke",
    "Asger",
    "Sofie",
    "Bent",
    "Emma",
    "Thorkild",
    "Karin",
    "Svend",
)

SURNAMES: tuple[str, ...] = (
    "Aagaard",
    "Bach",
    "Bech",
    "Bisgaard",
    "Borup",
    "Brandt",
    "Dahl",
    "Dalsgaard",
    "Damgaard",
    "Engberg",
    "Eskildsen",
    "Fog",
    "Frandsen",
    "Gade",
    "Graversen",
    "Hald",
    "Hedegaard",
    "Holm",
    "Holst",
    "Hviid",
    "Iversen",
    "Juhl",
    "Kjær",
    "Kragh",
    "Krog",
    "Lauridsen",
    "Lind",
    "Lund",
    "Lykke",
    "Lyng",
    "Mikkelsen",
    "Munk",
    "Mølgaard",
    "Nissen",
    "Nygaard",
    "Nørgaard",
    "Olesen",
    "Overgaard",
    "Pallesen",
    "Poulsen",
    "Qvist",
    "Rask",
    "Ravn",
    "Riis",
    "Sand",
    "Skov",
    "Sloth",
    "Storm",
    "Svendsen",
    "Tang",
    "Thygesen",
    "Toft",
    "Vestergaard",
    "Vinther",
    "Wulff",
    "Østergaard",
    "Bundgaard",
    "Kirkegaard",
    "Lindholm",
    "Skovbo",
    "Brink",
)

# Spreads consecutive people over the surname list, so neighbours in a body rarely share a surname.
_SURNAME_STEP = 7
# Every third person has a middle name taken from the surname list, as many Danes do.
_MIDDLE_OFFSET = 17


def name_capacity() -> int:
    """How many different names :func:`person_name` can give."""
    return len(FIRST_NAMES) * len(SURNAMES)


def person_name(number: int) -> str:
    """The name of the ``number``-th person (0-based); different numbers always give different names.

    The first name runs through its list; the surname is shifted by the first name's position, so
    (first name, surname) is a one-to-one function of ``number`` below :func:`name_capacity`.
    """
    if not 0 <= number < name_capacity():
        raise ValueError(f"demo-navne rækker til {name_capacity()} personer, ikke nr. {number}")
    first_index = number % len(FIRST_NAMES)
    round_ = number // len(FIRST_NAMES)
    surname_index = (round_ + first_index * _SURNAME_STEP) % len(SURNAMES)
    first = FIRST_NAMES[first_index]
    surname = SURNAMES[surname_index]
    if number % 3 == 1:
        middle = SURNAMES[(surname_index + _MIDDLE_OFFSET) % len(SURNAMES)]
        return f"{first} {middle} {surname}"
    return f"{first} {surname}"
