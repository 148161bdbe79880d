"""Entity search on a synthetic index of 100,000 names: the time of each query, best of R runs.

Run: ``.venv/bin/python -m bangfu.bench.search_bench [--entities N] [--repeat R] [--seed S]``. The target
is < 20 ms per query; the figure is printed, not asserted (a test that times itself fails on a busy
machine). The names are random strings over characters that place, agency and company names share,
each with an alias, so one-character queries match tens of thousands of entries: the worst case.
"""

from __future__ import annotations

import argparse
import random
import time

from bangfu.planner.search import Entry, SearchIndex

QUERIES = ("龍山", "龙山县", "县", "长沙市农业", "合作社", "433130", "湘")
_CHARS = "龙山湘西永顺长沙县市区镇乡村平台集团公司省厅局农业发展合作社东南北中华"


def synthetic_index(n: int, seed: int) -> SearchIndex:
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        name = "".join(rng.choice(_CHARS) for _ in range(rng.randint(2, 9)))
        entries.append((Entry(f"organization:{i}", name, "Organization", rng.random()), [name + "简称"]))
    entries.append((Entry("region:433130", "龙山县", "Region", 50.0), ["龍山縣", "龙山"]))
    return SearchIndex(entries)


def best_ms(index: SearchIndex, query: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        index.search(query)
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    index = synthetic_index(args.entities, args.seed)
    print(f"index: {len(index):,} entities, built in {time.perf_counter() - started:.2f} s")
    for query in QUERIES:
        hits = len(index.search(query))
        print(
            f"{query:<10} best of {args.repeat}: {best_ms(index, query, args.repeat):7.2f} ms ({hits} hits)"
        )


if __name__ == "__main__":
    main()
