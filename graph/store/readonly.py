"""The read-only gate: which Cypher statements the console runs when nobody asked for ``--write``.

Why a gate at all: opening the store read-only only stops writes to the graph. The engine's other
statements still run — ladybug's ``LOAD FROM '/etc/passwd'`` reads any file the process can read,
``COPY … TO`` writes one anywhere, ``INSTALL``/``LOAD EXTENSION`` fetch and load native code,
``ATTACH`` opens other databases, ``CALL threads=…`` changes settings, and ``CALL read_csv_serial(…)``
even crashes the process; on Neo4j ``LOAD CSV``, ``apoc.load.*``/``apoc.export.*`` and ``dbms.*`` do the
same from inside a READ session. The console is for reading the graph, so in read-only mode a statement
runs only if it is made of graph reads.

Why a tokenizer and not a substring test: ``RETURN 'COPY'`` holds the word in a string and is a read;
``/*x*/COPY …`` hides the clause behind a comment. The tokenizer scans left to right like the engines'
lexers (strings with backslash escapes, ``//`` and ``/* */`` comments, backticked names, ``$params``),
so a keyword is judged only where the engine would read it as one. A string or comment that is never
closed is refused: what follows it cannot be judged.

Why allowlists: a statement must start with a read clause (MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN,
CALL; EXPLAIN/PROFILE in front are fine) and a CALL must name a function on a short list of schema
reads. Clause words that are not reads (every statement and clause keyword of ladybug 0.22's grammar
and Neo4j 5's that is not a read) are refused wherever they stand, except where the word is a name:
after ``.`` ``:`` ``$`` or AS, before ``.`` or ``:``, or in backticks. So a variable called ``set`` in
``MATCH (set:Region) RETURN set.name`` passes, and a bare ``RETURN set`` is refused (write it
`` `set` ``). Namespaced functions (``apoc.text.join(…)``) pass only from read-only namespaces.

The same tokens tell which ``$parameters`` a query uses (``bangfu query`` checks them against
``--param``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, NamedTuple

Dialect = Literal["embedded", "neo4j"]

# Clauses a read-only statement may start with.
READ_STARTS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL"})
PREFIXES = frozenset({"EXPLAIN", "PROFILE"})

# Why each refused word is refused (one short phrase); every non-read statement and clause keyword of
# ladybug 0.22 (its parser lists them) and of Neo4j 5.
_FILES = "reads or writes files on the server"
_EXTENSIONS = "installs or loads engine extensions (native code, from the network)"
_DATABASES = "opens or switches to another database"
_WRITES = "changes the graph"
_ENGINE = "controls the engine, not the graph"
REFUSED: dict[str, str] = {
    "LOAD": _FILES,
    "COPY": _FILES,
    "EXPORT": _FILES,
    "IMPORT": _FILES,
    "INSTALL": _EXTENSIONS,
    "UNINSTALL": _EXTENSIONS,
    "UPDATE": _EXTENSIONS,
    "ATTACH": _DATABASES,
    "DETACH": _DATABASES,
    "USE": _DATABASES,
    "CREATE": _WRITES,
    "MERGE": _WRITES,
    "SET": _WRITES,
    "DELETE": _WRITES,
    "REMOVE": _WRITES,
    "DROP": _WRITES,
    "ALTER": _WRITES,
    "COMMENT": _WRITES,
    "FOREACH": _WRITES,
    "INSERT": _WRITES,
    "RENAME": _WRITES,
    "BEGIN": _ENGINE,
    "COMMIT": _ENGINE,
    "ROLLBACK": _ENGINE,
    "CHECKPOINT": _ENGINE,
    "FORCE": _ENGINE,
    "ANALYZE": _ENGINE,
    "SHOW": _ENGINE,
    "GRANT": _ENGINE,
    "REVOKE": _ENGINE,
    "DENY": _ENGINE,
    "TERMINATE": _ENGINE,
    "ENABLE": _ENGINE,
}
# The word after a refused one that names the clause better ("CREATE MACRO", "LOAD EXTENSION").
_SECOND_WORDS = {
    "LOAD": {"FROM", "CSV", "EXTENSION", "WITH"},
    "CREATE": {"MACRO", "NODE", "REL", "SEQUENCE", "TYPE", "GRAPH", "DATABASE", "INDEX", "CONSTRAINT"},
    "EXPORT": {"DATABASE"},
    "IMPORT": {"DATABASE"},
    "DETACH": {"DELETE", "DATABASE"},
    "DROP": {"TABLE", "MACRO", "SEQUENCE", "GRAPH", "DATABASE", "INDEX", "CONSTRAINT"},
    "ALTER": {"TABLE", "DATABASE"},
    "FORCE": {"CHECKPOINT"},
}
_REASONS = {
    "LOAD EXTENSION": _EXTENSIONS,
    "CREATE MACRO": _ENGINE,
    "DETACH DELETE": _WRITES,
}

# CALL targets that read the graph's schema and nothing else.
CALL_ALLOW: dict[Dialect, frozenset[str]] = {
    "embedded": frozenset({"show_tables", "table_info", "show_connection", "show_indexes", "show_functions"}),
    "neo4j": frozenset(
        {
            "db.labels",
            "db.relationshiptypes",
            "db.propertykeys",
            "db.schema.visualization",
            "db.schema.nodetypeproperties",
            "db.schema.reltypeproperties",
        }
    ),
}
# Namespaces of functions (not procedures) that compute on values only.
FUNCTION_NAMESPACES = (
    "point",
    "date",
    "datetime",
    "localdatetime",
    "localtime",
    "time",
    "duration",
    "vector.similarity",
    "apoc.text",
    "apoc.coll",
    "apoc.map",
    "apoc.convert",
    "apoc.math",
    "apoc.number",
    "apoc.date",
    "apoc.temporal",
    "apoc.agg",
    "apoc.label",
    "apoc.node",
    "apoc.rel",
    "apoc.any",
    "apoc.hashing",
    "apoc.bitwise",
    "apoc.scoring",
)


class Refused(Exception):
    """A statement the read-only console does not run: one line naming the clause and why."""

    def __init__(self, clause: str, reason: str) -> None:
        self.clause = clause
        self.reason = reason
        super().__init__(f"refused (read-only): {clause} {reason}; only graph reads run without --write")


class Token(NamedTuple):
    kind: Literal["word", "name", "param", "string", "number", "punct"]
    text: str  # a word as written; a backticked name or a parameter without its quotes or $
    pos: int


def tokenize(cypher: str) -> list[Token]:
    """The statement's tokens with strings kept as tokens and comments dropped (raises Refused when a
    string, name or comment is never closed: what follows could not be judged)."""
    return list(_scan(cypher))


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n\r]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<name>`(?:[^`]|``)*`)
  | (?P<param>\$(?:`(?:[^`]|``)*`|\w*))
  | (?P<number>\d\w*(?:\.\d\w*)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<open>/\*|['"`])
  | (?P<punct>.)
    """,
    re.S | re.X,
)
_UNCLOSED = {"/*": "/* …", "'": "the string '…", '"': 'the string "…', "`": "the name `…"}


def _scan(text: str) -> Iterator[Token]:
    """One pass of one regular expression, in the order the engines' lexers try their rules."""
    for m in _TOKEN.finditer(text):
        kind, value, pos = m.lastgroup, m.group(), m.start()
        if kind in ("space", "comment"):
            continue
        if kind == "open":
            raise Refused(_UNCLOSED[value], f"at offset {pos} is never closed, so the rest cannot be checked")
        if kind == "string":
            yield Token("string", value[1:-1], pos)
        elif kind == "name":
            yield Token("name", value[1:-1].replace("``", "`"), pos)
        elif kind == "param":
            name = value[1:]
            yield Token("param", name[1:-1].replace("``", "`") if name.startswith("`") else name, pos)
        else:
            yield Token(kind, value, pos)  # type: ignore[arg-type]


def statements(tokens: list[Token]) -> list[list[Token]]:
    """Tokens split at top-level ``;`` (a ``;`` inside a string is part of the string token)."""
    out: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.kind == "punct" and tok.text == ";":
            out.append([])
        else:
            out[-1].append(tok)
    return [s for s in out if s]


def check(cypher: str, dialect: Dialect = "embedded") -> None:
    """Raise Refused unless every statement in ``cypher`` only reads the graph."""
    for stmt in statements(tokenize(cypher)):
        _check_statement(stmt, dialect)


def is_read_only(cypher: str, dialect: Dialect = "embedded") -> bool:
    try:
        check(cypher, dialect)
    except Refused:
        return False
    return True


def _is_keyword(stmt: list[Token], i: int) -> bool:
    """A bare word the engine reads as a keyword, not as a name (property, label, alias, map key)."""
    if stmt[i].kind != "word":
        return False
    before = stmt[i - 1] if i > 0 else None
    after = stmt[i + 1] if i + 1 < len(stmt) else None
    if before is not None and (
        (before.kind == "punct" and before.text in ".:")
        or (before.kind == "word" and before.text.upper() == "AS")
    ):
        return False
    return not (after is not None and after.kind == "punct" and after.text in ".:")


def _check_statement(stmt: list[Token], dialect: Dialect) -> None:
    start = 0
    while start < len(stmt) and stmt[start].kind == "word" and stmt[start].text.upper() in PREFIXES:
        start += 1
    if start == len(stmt):
        return
    first = stmt[start]
    head = first.text.upper() if first.kind == "word" else first.text
    if head not in READ_STARTS:
        if head in REFUSED:
            _refuse(stmt, start)
        raise Refused(head, "does not start a graph read (MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL)")
    called = -1  # the index of the name after the last CALL keyword (checked by _check_call)
    for i, tok in enumerate(stmt):
        if tok.kind not in ("word", "name"):
            continue
        if i + 1 < len(stmt) and stmt[i + 1].text == "." and stmt[i + 1].kind == "punct":
            dotted = None if i == called else _dotted_call(stmt, i)
            if dotted is not None:
                _check_function(dotted)
            continue  # a name before "." (a variable, a namespace) is never a keyword
        if not _is_keyword(stmt, i):
            continue
        word = tok.text.upper()
        if word in REFUSED:
            _refuse(stmt, i)
        if word == "CALL":
            called = i + 1
            _check_call(stmt, i + 1, dialect)


def _refuse(stmt: list[Token], i: int) -> None:
    word = stmt[i].text.upper()
    nxt = stmt[i + 1].text.upper() if i + 1 < len(stmt) and stmt[i + 1].kind == "word" else ""
    if nxt in _SECOND_WORDS.get(word, ()):
        clause = f"{word} {nxt}"
    elif word == "COPY":
        clause = f"COPY … {_copy_direction(stmt, i)}".rstrip()
    elif word == "LOAD" and nxt:
        clause = f"LOAD {stmt[i + 1].text} (an extension)"
        raise Refused(clause, _EXTENSIONS)
    else:
        clause = word
    if clause == "LOAD WITH":
        clause = "LOAD WITH HEADERS … FROM"
    raise Refused(clause, _REASONS.get(clause, REFUSED[word]))


def _copy_direction(stmt: list[Token], i: int) -> str:
    """FROM or TO of a COPY, at the COPY's own bracket depth."""
    depth = 0
    for tok in stmt[i + 1 :]:
        if tok.kind == "punct" and tok.text in "([{":
            depth += 1
        elif tok.kind == "punct" and tok.text in ")]}":
            depth -= 1
        elif depth == 0 and tok.kind == "word" and tok.text.upper() in ("FROM", "TO"):
            return tok.text.upper()
    return ""


def _qualified(stmt: list[Token], i: int) -> tuple[str, int]:
    """A dotted name starting at ``i`` (words or backticked parts) and the index after it."""
    parts: list[str] = []
    while i < len(stmt) and stmt[i].kind in ("word", "name"):
        parts.append(stmt[i].text)
        if i + 2 < len(stmt) and stmt[i + 1].text == "." and stmt[i + 1].kind == "punct":
            i += 2
        else:
            i += 1
            break
    return ".".join(parts), i


def _dotted_call(stmt: list[Token], i: int) -> str | None:
    """``ns.name(`` starting at ``i`` (a namespaced function call), else None."""
    if i > 0 and stmt[i - 1].kind == "punct" and stmt[i - 1].text == ".":
        return None
    name, after = _qualified(stmt, i)
    if "." in name and after < len(stmt) and stmt[after].kind == "punct" and stmt[after].text == "(":
        return name
    return None


def _check_function(name: str) -> None:
    namespace = name.rsplit(".", 1)[0].lower()
    if any(namespace == ns or namespace.startswith(ns + ".") for ns in FUNCTION_NAMESPACES):
        return
    raise Refused(f"function {name}", "is not in a read-only namespace (apoc.text, apoc.coll, date …)")


def _check_call(stmt: list[Token], i: int, dialect: Dialect) -> None:
    if i >= len(stmt):
        return  # the engine reports the incomplete CALL
    nxt = stmt[i]
    if nxt.kind == "punct" and nxt.text in "{(":
        return  # a subquery (Neo4j): its clauses are checked like the rest of the statement
    name, after = _qualified(stmt, i)
    if not name:
        raise Refused("CALL", "names no function")
    if after < len(stmt) and stmt[after].kind == "punct" and stmt[after].text == "=":
        raise Refused(f"CALL {name} = …", "changes an engine setting")
    allowed = CALL_ALLOW[dialect]
    if name.lower() not in allowed:
        listed = ", ".join(sorted(allowed))
        raise Refused(f"CALL {name}", f"is not a read-only function here (allowed: {listed})")


def parameter_gaps(cypher: str, given: dict[str, object]) -> tuple[list[str], list[str]]:
    """(parameters the query uses that ``given`` lacks, given parameters the query does not use)."""
    used = parameters(cypher)
    return [p for p in used if p not in given], [p for p in given if p not in used]


def parameters(cypher: str) -> list[str]:
    """The ``$parameters`` a query uses, in order of first use (strings and comments do not count)."""
    try:
        toks = tokenize(cypher)
    except Refused:
        return []
    return list(dict.fromkeys(t.text for t in toks if t.kind == "param" and t.text))
