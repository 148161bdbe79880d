"""An institute named in full once and by its press short form after: 北京大学国家发展研究院 … 国发院.

Chinese reports name an institute in full, then by the first character of each two-character word
of its name and the last character of its form word (国家·发展·研究院 → 国发院, 农业·科学院 → 农科院),
with no 简称 note. The short form is looked for only where the document names such an institute
(a name found by its form, whose own name after the body it belongs to, 北京大学, is two or three
two-character words and a form word), and only where no other name stands; two institutes with one
short form give none.
"""

from __future__ import annotations

from loaders.extract.mentions import Mention
from loaders.extract.places import covered_by

# form word → the character the short form keeps (研究院 → 院)
_FORMS = (("研究院", "院"), ("研究所", "所"), ("院", "院"))


def _short_form(name: str) -> str | None:
    """国家发展研究院 → 国发院; None unless the words before the form word are two or three pairs."""
    for form, kept in _FORMS:
        if name.endswith(form):
            stem = name[: -len(form)]
            if len(stem) in (4, 6):
                return stem[0::2] + kept
            return None
    return None


def _own_name(org: Mention, inside: list[Mention]) -> str:
    """The institute's name after the body it belongs to (北京大学国家发展研究院 → 国家发展研究院)."""
    head = max((m.end for m in inside if m.start == org.start and m.container is org), default=org.start)
    return org.surface[head - org.start :]


def abbreviated(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the short forms of the document's institutes, each as the institute itself."""
    institutes = [
        m
        for m in mentions
        if m.type == "Organization"
        and m.via == "pattern"
        and m.entity_id
        and m.surface.endswith(("院", "所"))
    ]
    if not institutes:
        return []
    owners: dict[str, set[str]] = {}
    first: dict[str, Mention] = {}
    for org in institutes:
        inside = [m for m in mentions if m.container is org]
        short = _short_form(_own_name(org, inside))
        if short is not None:
            owners.setdefault(short, set()).add(org.entity_id)
            first.setdefault(short, org)
    found: list[Mention] = []
    taken: bytearray | None = None
    for short, ids in owners.items():
        if len(ids) != 1:
            continue  # two institutes share the short form: neither is meant for sure
        org = first[short]
        pos = text.find(short)
        while pos >= 0:
            if taken is None:
                taken = covered_by(text, mentions)
            end = pos + len(short)
            if not any(taken[pos:end]):
                m = Mention(pos, end, short, "Organization", list(org.candidates), via="abbreviated")
                m.type, m.name, m.entity_id = org.type, org.name, org.entity_id
                found.append(m)
            pos = text.find(short, end)
    return found
