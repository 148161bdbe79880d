"""Where a reference row is written, in a form a person can cite: site, publisher, title, and whether
the page is the publisher's own or only a copy.

Why: most rows of data/reference were found on pages that repost an official text or a news article
(content farms, forums, blogs, mirrors); a planner quoting a pairing must see that before citing it.
data/reference/source_sites.csv names the sites that publish (``official``: a government body or the
institution itself; ``news``: a news organisation); any other site is a ``repost`` (a copy or an
aggregator). data/reference/source_titles.csv gives each source_url the title its list row gives it
(the publication and date, or the headline; empty when the row names neither).

A row is ``repost_only`` when every page it names — its source_url and the addresses in its notes — is
a repost: one page of a publisher among them is enough to cite.

Public API: ``source(url)`` → ``Source``; ``row_sources(source_url, notes)``; ``repost_only(sources)``;
``citation(source_url, notes)`` → the one-line text the planner's source column shows.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

from bangfu.knowledge.paths import data_dir

KINDS = ("official", "news", "repost")
# an address in a row's notes: with a scheme, or a bare host with a path (nm.people.com.cn/BIG5/…)
_URL = re.compile(
    r"https?://[^\s,，;；)）'\"]+|(?<![\w.])(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s,，;；)）'\"]*", re.I
)


@dataclass(frozen=True)
class Source:
    url: str
    site: str  # the host, without www.
    publisher: str  # who runs the site, when it is a publisher's own
    title: str  # as the list row gives it; "" when unknown
    kind: str  # official | news | repost

    @property
    def label(self) -> str:
        """``hunan.gov.cn 湖南省人民政府 · 湘政函〔2018〕45号 …``: site, publisher, title."""
        publisher = "" if self.title.startswith(self.publisher) else self.publisher
        head = " ".join(x for x in (self.site, publisher) if x)
        return f"{head} · {self.title}" if self.title else head


def _rows(name: str) -> list[dict[str, str]]:
    with open(data_dir() / "reference" / name, encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


@functools.cache
def _sites() -> tuple[tuple[str, str, str], ...]:
    """(site suffix, publisher, kind), longest suffix first so a subdomain's own row wins."""
    rows = [(r["site"], r["publisher"], r["kind"]) for r in _rows("source_sites.csv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@functools.cache
def _titles() -> dict[str, str]:
    return {r["url"]: r["title"] for r in _rows("source_titles.csv")}


def _host(url: str) -> str:
    parsed = urlparse(url if "://" in url else f"http://{url}")
    host = (parsed.hostname or "").lower()
    return host.removeprefix("www.")


def source(url: str) -> Source:
    host = _host(url)
    for suffix, publisher, kind in _sites():
        if host == suffix or host.endswith("." + suffix):
            return Source(url, host, publisher, _titles().get(url, ""), kind)
    return Source(url, host, "", _titles().get(url, ""), "repost")


def row_sources(source_url: str, notes: str = "") -> list[Source]:
    """The pages a row names: its source_url first, then the addresses in its notes."""
    urls = [source_url] if source_url else []
    urls += [u.rstrip(".") for u in _URL.findall(notes or "") if u.rstrip(".") not in urls]
    return [source(u) for u in dict.fromkeys(urls)]


def repost_only(sources: Sequence[Source]) -> bool:
    """Whether every page named is a copy: nothing a publisher put out itself among them."""
    return bool(sources) and all(s.kind == "repost" for s in sources)


def citation(source_url: str, notes: str = "") -> str:
    """The planner's source cell: the row's source as site · title, marked when only reposts back it."""
    sources = row_sources(source_url, notes)
    if not source_url:
        return "(no source_url; see notes)" if sources else ""
    text = source(source_url).label
    return f"{text} [repost only]" if repost_only(sources) else text
