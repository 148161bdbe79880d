"""Jekyll/YAML front matter (``---`` … ``---``) at the top of HTML, Markdown or text files.

Only flat ``key: value`` lines are read: title, date and source are all a loader needs, and a YAML
library would accept far more than these files ever hold.
"""

from __future__ import annotations

import re

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """(fields, body, offset of the body in text); ({}, text, 0) when there is none."""
    m = _FRONT.match(text)
    if not m:
        return {}, text, 0
    fields: dict[str, str] = {}
    for line in m.group(1).splitlines():
        lm = _LINE.match(line)
        if lm:
            value = lm.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields[lm.group(1).lower()] = value
    return fields, text[m.end() :], m.end()
