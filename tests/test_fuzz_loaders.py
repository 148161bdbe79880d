"""Random and adversarial text through the normalizer, the readers and the extractor (hypothesis).

What must hold for any input: no exception but a one-line LoadError naming the file; the offset map of
a normalized text points into the original (monotone, ``len(text) + 1`` entries, the last one
``len(original)``); and every evidence span of every fact is the sentence it claims to be,
``original[start:end] == sentence``. The alphabet mixes what real pages carry (region names, relation
words, Chinese punctuation, markup, pinyin glosses, traditional characters, full-width digits) with
what breaks code (control bytes, unpaired surrogates, zero-width and line-separator characters, BOMs).
Fixed cases cover the sizes hypothesis would not reach: a 194,000-character line, 10,000 list items,
5,000 nested tags, one sentence naming 2,000 counties.

No example database is kept (``database=None``): the run leaves no folder behind in the checkout.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.document import Document
from loaders.errors import LoadError
from loaders.extract.facts import Extraction
from loaders.extract.pipeline import extract_document
from loaders.formats import clean_text
from loaders.normalize import nfc, normalize
from loaders.read import load_path

PIECES = [
    # places, helpers, relation words of our own sentences
    "长沙市",
    "龙山县",
    "湘西州",
    "株洲市",
    "泸溪县",
    "岳阳市",
    "浙江省",
    "四川省",
    "对口帮扶",
    "结对帮扶",
    "东西部协作",
    "消费帮扶",
    "帮扶",
    "与",
    "和",
    "签订协议",
    "7个贫困县",
    "2021年5月12日",
    "２０２２年",
    "湘政办发〔2021〕3号",
    "長沙市對口幫扶龍山縣",
    "长沙(cháng shā)",
    "( lóng shān )",
    # punctuation and layout
    "。",
    "，",
    "；",
    "、",
    ",",
    ";",
    ":",
    "：",
    "“",
    "”",
    "《",
    "》",
    "(",
    ")",
    "（",
    "）",
    " ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\f",
    # markup
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<b>",
    "</b>",
    "<br>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<title>",
    "</title>",
    "<h1>",
    "</h1>",
    "<table><tr><td>",
    "</td><td>",
    "</td></tr></table>",
    "&amp;",
    "&lt;",
    "&#12345;",
    "&#0;",
    "&#xD800;",
    "&#99999999;",
    "&nbsp;",
    "# ",
    "- ",
    "* ",
    "1. ",
    "|",
    "---\n",
    "```",
    "[链接](http://x)",
    "![图](a.png)",
    # what breaks code
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\u0085",
    "\ud800",
    "\udfff",
    "\udc80",
    "e\u0301",
    "\u3000",
    "😀",
    "𠀀",
]

HELPERS = ["长沙市", "株洲市", "浙江省", "岳阳市", "北京市", "湘潭市"]
HELPED = ["龙山县", "泸溪县", "四川省", "古丈县", "和田地区", "永顺县", "湘西州龙山县"]
RELATIONS = ["对口帮扶", "结对帮扶", "帮扶", "与", "援建", "对口支援", "东西部协作帮扶"]
# a statement the extractor may turn into a fact, so the span checks have facts to check
statements = st.tuples(
    st.sampled_from(HELPERS), st.sampled_from(RELATIONS), st.sampled_from(HELPED), st.sampled_from("。；，\n")
).map("".join)
chunks = st.one_of(st.sampled_from(PIECES), st.text(max_size=8), statements)
texts = st.lists(chunks, max_size=80).map("".join)
SUFFIXES = (".txt", ".html", ".md")
SETTINGS = settings(
    max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
RUNS: Counter[str] = Counter()
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_FOLDER = Path(tempfile.mkdtemp(prefix="bangfu-fuzz-"))


def encodings(text: str) -> list[bytes]:
    """The ways a file could carry ``text``: UTF-8 with lone surrogates kept as bytes (invalid UTF-8),
    GB18030 and Big5 where they can (what is not encodable dropped), and UTF-16 with a BOM."""
    return [
        text.encode("utf-8", "surrogatepass"),
        text.encode("gb18030", "ignore"),
        text.encode("big5", "ignore"),
        text.encode("utf-16", "surrogatepass"),
    ]


def check_offsets(text: str, offsets: list[int], original: str) -> None:
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(original)
    assert all(0 <= a <= b <= len(original) for a, b in zip(offsets, offsets[1:], strict=False))


def check_document(doc: Document) -> None:
    check_offsets(doc.text, doc.offsets, doc.original)
    doc.original.encode("utf-8")  # what the store and JSON output must be able to write
    assert doc.id and len(doc.id) == 16
    for value in (doc.title, doc.date, doc.doc_number):
        assert value is None or isinstance(value, str)


def check_facts(doc: Document, ext: Extraction) -> None:
    """Every evidence span is its sentence in the original text; every relation's ends are entities."""
    RUNS["with facts"] += bool(ext.relations or ext.groups)
    ids = {e.id for e in ext.entities}
    for rel in ext.relations:
        ev = rel.evidence
        assert 0 <= ev.start <= ev.end <= len(doc.original)
        assert doc.original[ev.start : ev.end] == ev.sentence, (rel.type, ev)
        ev.sentence.encode("utf-8")
        assert rel.source in ids and rel.target in ids
    for group in ext.groups:
        ev = group.evidence
        assert doc.original[ev.start : ev.end] == ev.sentence, ("group", ev)


def document_of(text: str) -> Document:
    """A Document as the readers make one, straight from a text (no file, no encoding)."""
    original = nfc(clean_text(text))
    normalized, offsets = normalize(original)
    return Document(
        id="f" * 16, path="fuzz.txt", format="txt", original=original, text=normalized, offsets=offsets
    )


def load_bytes(data: bytes, suffix: str) -> Document | None:
    """``load_path`` on a real file holding ``data``; None for a one-line LoadError naming it."""
    path = _FOLDER / f"doc{suffix}"
    path.write_bytes(data)
    try:
        return load_path(path)
    except LoadError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(str(path)), message
        return None


# ---------------------------------------------------------------------------------------------- properties
@SETTINGS
@given(text=texts, join=st.booleans(), single=st.booleans())
def test_normalize_keeps_a_map_into_the_original(text: str, join: bool, single: bool) -> None:
    RUNS["normalize"] += 1
    original = nfc(clean_text(text))
    normalized, offsets = normalize(original, join_page_breaks=join, single_newlines=single)
    check_offsets(normalized, offsets, original)


@SETTINGS
@given(text=texts)
def test_extractor_spans_point_into_the_text(text: str) -> None:
    RUNS["extract"] += 1
    doc = document_of(text)
    check_facts(doc, extract_document(doc))


@SETTINGS
@given(text=texts, suffix=st.sampled_from(SUFFIXES), which=st.integers(0, 3))
def test_readers_then_extractor_on_any_bytes(text: str, suffix: str, which: int) -> None:
    RUNS["read"] += 1
    doc = load_bytes(encodings(text)[which], suffix)
    if doc is not None:
        check_document(doc)
        check_facts(doc, extract_document(doc))


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from(SUFFIXES))
def test_readers_on_random_bytes(data: bytes, suffix: str) -> None:
    RUNS["bytes"] += 1
    doc = load_bytes(data, suffix)
    if doc is not None:
        check_document(doc)
        check_facts(doc, extract_document(doc))


# ---------------------------------------------------------------------------------------------- sizes
LINE = ("消费帮扶产品销售" * 120 + "长沙市对口帮扶龙山县") * 200  # 194,000 characters, no sentence end
ITEMS = "\n".join(f"- 株洲市对口帮扶泸溪县第{i}项工作" for i in range(10_000))
NESTED = "<div>" * 5_000 + "<p>岳阳市结对帮扶古丈县。</p>" + "</div>" * 5_000
UNCLOSED = "<b><i><span>" * 3_000 + "衡阳市对口帮扶凤凰县。"


@pytest.mark.parametrize(
    ("name", "data", "suffix"),
    [
        ("huge line", LINE.encode(), ".txt"),
        ("10,000 list items", ITEMS.encode(), ".md"),
        (
            "10,000 list items as html",
            f"<ul>{''.join(f'<li>{i}</li>' for i in ITEMS.splitlines())}</ul>".encode(),
            ".html",
        ),
        ("5,000 nested tags", NESTED.encode(), ".html"),
        ("9,000 unclosed tags", UNCLOSED.encode(), ".html"),
        ("control bytes", ("长沙市对口帮扶\x01龙山县\x1b，双方签订\x7f协议。" * 300).encode(), ".txt"),
        (
            "unpaired surrogates",
            ("长沙市对口帮扶龙山县，双方签订协议。" * 200 + "岳阳市\ud800结对帮扶古丈县\udfff。").encode(
                "utf-8", "surrogatepass"
            ),
            ".txt",
        ),
        ("surrogate entities", "<p>长沙市&#xD800;对口帮扶&#xDFFF;龙山县。</p>".encode(), ".html"),
    ],
)
def test_adversarial_inputs(name: str, data: bytes, suffix: str) -> None:
    doc = load_bytes(data, suffix)
    assert doc is not None, name
    check_document(doc)
    ext = extract_document(doc)
    check_facts(doc, ext)
    assert not CONTROL.search(doc.original)
    if name.startswith("10,000") or name in ("control bytes", "unpaired surrogates"):
        assert any(r.type == "ASSISTS" for r in ext.relations)
    if name == "unpaired surrogates":  # read as damaged UTF-8: replaced, and said so
        assert "\ufffd" in doc.original and doc.warnings


def test_one_sentence_naming_2000_counties() -> None:
    """A table flattened into one sentence: every place against every other must not cost n³."""
    from bangfu.knowledge.gazetteer import get_gazetteer

    counties = [r.name for r in get_gazetteer().by_code.values() if r.level == "county"][:2000]
    assert len(counties) == 2000
    doc = load_bytes(("长沙市对口帮扶" + "、".join(counties) + "。").encode(), ".txt")
    assert doc is not None
    check_document(doc)
    check_facts(doc, extract_document(doc))


def test_every_property_ran_its_examples() -> None:
    """Runs last in this module: hypothesis did try as many inputs as it was told to (or the module
    was run in part, and this says nothing)."""
    properties = ("normalize", "extract", "read", "bytes")
    if not all(RUNS[p] for p in properties):
        pytest.skip("run the whole module to count the examples")
    assert all(RUNS[p] >= SETTINGS.max_examples for p in properties), RUNS
    assert RUNS["with facts"] >= 100, RUNS  # the span checks had facts to check
