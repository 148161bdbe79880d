"""The network picture: a pyvis (vis-network) page of a selection of the graph, that works offline.

Why it is built this way (measured with pyvis 0.3.2 and headless chromium):
- ``cdn_resources='in_line'``: vis-network's JavaScript goes into the page, so the picture draws without
  network and "Download as HTML" gives a standalone file. pyvis's template still links Bootstrap from a
  CDN whatever the mode; those two tags are removed (the page does not use Bootstrap).
- Physics off, positions computed in Python (bangfu/views/layout.py): vis-network's own settling of 2,000
  nodes took 233 s in headless chromium (precomputed positions draw in 1.6 s), and on small
  graphs of many pieces it flings the pieces apart until no label can be read.
- Text from documents only ever reaches the page as data: pyvis serialises nodes and edges with Jinja's
  ``tojson`` (which escapes ``<``, ``>``, ``&``, ``'``) and vis-network shows tooltips with ``innerText``.
  pyvis switches to an ``innerHTML`` tooltip when any title contains "href": titles are defused against
  that. ``heading=`` is inserted raw by pyvis, so it is never used.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

import networkx as nx

from bangfu.knowledge.ontology import MECHANISMS
from bangfu.views.layout import arrange, dot_radius, node_label, node_size

# colour-blind-safe (Tableau 10) colours, one per entity type and per mechanism
TYPE_COLOURS: dict[str, str] = {
    "Region": "#4C78A8",
    "Agency": "#F58518",
    "Organization": "#54A24B",
    "Platform": "#B279A2",
    "Brand": "#E45756",
    "Campaign": "#72B7B2",
    "Document": "#9D755D",
}
MECHANISM_COLOURS: dict[str, str] = dict(
    zip(
        MECHANISMS,
        ("#D62728", "#1F77B4", "#FF7F0E", "#2CA02C", "#9467BD", "#8C564B", "#E377C2", "#BCBD22", "#17BECF"),
        strict=True,
    )
)
OTHER_COLOUR = "#9AA0A6"
_CDN_TAGS = re.compile(
    r"<link[^>]*href=\"https?://[^\"]*\"[^>]*/?>|<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", re.S
)


def type_colour(label: str | None) -> str:
    return TYPE_COLOURS.get(label or "", OTHER_COLOUR)


def mechanism_colour(mechanism: str | None) -> str:
    return MECHANISM_COLOURS.get(mechanism or "", OTHER_COLOUR)


def defuse(text: Any) -> str:
    """Text safe as a vis-network title: pyvis renders every title as HTML once one contains "href"."""
    return str(text if text is not None else "").replace("href", "hre\u200bf")


# ---------------------------------------------------------------------------------------------- picture
def _evidence_count(g: nx.MultiDiGraph, node: str) -> int:
    total = 0
    for _, _, d in g.in_edges(node, data=True):
        total += int(d.get("n_evidence") or 0)
    for _, _, d in g.out_edges(node, data=True):
        total += int(d.get("n_evidence") or 0)
    return total


def edge_caption(attrs: Mapping[str, Any], relation_names: Mapping[str, str] | None = None) -> str:
    """What an edge is called on the picture: its mechanism (ASSISTS) or its type (by ``relation_names``,
    the app's words for OPERATES, PROMOTES …)."""
    if attrs.get("mechanism"):
        return str(attrs["mechanism"])
    rel = str(attrs.get("type") or "")
    return (relation_names or {}).get(rel, rel)


NODE_PX = 14  # label size on screen at every zoom (presenter mode passes larger)
EDGE_PX = 13


def network_html(
    g: nx.MultiDiGraph,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    physics: bool = False,
    height: int = 720,
    texts: Mapping[str, str] | None = None,
    relation_names: Mapping[str, str] | None = None,
    type_names: Mapping[str, str] | None = None,
    node_px: int = NODE_PX,
    edge_px: int = EDGE_PX,
    documents: bool = False,
    grow: float = 1.0,
) -> str:
    """A standalone HTML page drawing ``g``: node colour by type, size by degree, edge label by mechanism,
    with a legend of every colour and dash used.

    ``texts`` gives the few words the page uses ("evidence", "legend", "inferred", "other") in the
    app's language, ``type_names`` the entity types' names. Nodes stand where ``positions`` (default:
    bangfu/views/layout.py) puts them; ``physics=True`` lets vis-network move them (fine for a few dozen
    nodes, minutes for thousands; ``grow`` is the dot factor ``arrange`` gave with the positions).
    Document nodes are left out unless ``documents``: a document is where a fact is written, not a
    party to it.

    Labels keep ``node_px``/``edge_px`` pixels on screen at every zoom (vis-network scales them with
    the picture otherwise: 7 px once a graph of fifty nodes is fitted into view), and an edge label
    that would sit on a node or a node's name is hidden (its mechanism stays in the colour, the legend
    and the tooltip) — checked again after every zoom (``STEADY_LABELS``).
    """
    from pyvis.network import Network

    words = {
        "evidence": "evidence",
        "legend": "Legend",
        "inferred": "direction inferred",
        "other": "other relations",
    }
    words.update(texts or {})
    if not documents:
        g = g.subgraph([n for n, a in g.nodes(data=True) if a.get("label") != "Document"])
    if positions is None:
        positions, grow = arrange(g, label_px=node_px)
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    degree = dict(g.degree())
    biggest = max(degree.values(), default=1) or 1
    for node, attrs in g.nodes(data=True):
        name = str(attrs.get("name") or node)
        label = str(attrs.get("label") or "")
        x, y = positions.get(node, (0.0, 0.0))
        size = dot_radius(node_size(degree.get(node, 0), biggest), grow)
        kind = (type_names or {}).get(label, label)
        title = f"{name}\n{kind} · {words['evidence']} {_evidence_count(g, node)}"
        net.add_node(
            node,
            label=defuse(node_label(attrs, node)),
            title=defuse(title),
            color=type_colour(label),
            size=round(size, 1),
            x=round(x, 1),
            y=round(y, 1),
        )
    for u, v, attrs in g.edges(data=True):
        caption = edge_caption(attrs, relation_names)
        colour = mechanism_colour(attrs.get("mechanism")) if attrs.get("type") == "ASSISTS" else OTHER_COLOUR
        title = f"{g.nodes[u].get('name') or u} → {g.nodes[v].get('name') or v}\n{caption}"
        if attrs.get("n_evidence"):
            title += f" · {words['evidence']} {attrs['n_evidence']}"
        if attrs.get("inferred"):
            title += f" · {words['inferred']}"
        if attrs.get("sentence"):
            title += f"\n{attrs['sentence']}"
        net.add_edge(
            u,
            v,
            label=defuse(caption),
            title=defuse(title),
            color=colour,
            width=round((1.5 + min(int(attrs.get("n_evidence") or 1), 6) * 0.5) * grow, 2),
            # the dash pattern is in the picture's units: grown with it, so it still shows as dashes
            dashes=[round(8 * grow, 1), round(6 * grow, 1)] if attrs.get("inferred") else False,
        )
    face = "Noto Sans CJK SC, Noto Sans SC, sans-serif"
    options = {
        "physics": {
            "enabled": bool(physics),
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
            "barnesHut": {"springLength": 140, "avoidOverlap": 0.2},
        },
        "nodes": {
            "shape": "dot",
            "font": {"size": node_px, "face": face, "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {
                "size": edge_px,
                "align": "horizontal",
                "face": face,
                "background": "rgba(255,255,255,0.85)",
                "strokeWidth": 0,
            },
            "smooth": {"enabled": True, "type": "dynamic"} if physics else {"enabled": False},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
    net.set_options(json.dumps(options))
    page = strip_cdn(net.generate_html(notebook=False))
    extra = legend_html(g, words, type_names or {}, relation_names or {}, node_px) + (
        f"<script>{STEADY_LABELS % {'node': node_px, 'edge': edge_px}}</script>"
    )
    return page.replace("</body>", extra + "</body>", 1)


def legend_html(
    g: nx.MultiDiGraph,
    words: Mapping[str, str],
    type_names: Mapping[str, str],
    relation_names: Mapping[str, str],
    px: int,
) -> str:
    """A legend box over the picture: the entity types, mechanisms and dashes that ``g`` holds."""
    present_types = [t for t in TYPE_COLOURS if any(a.get("label") == t for _, a in g.nodes(data=True))]
    edges = [d for _, _, d in g.edges(data=True)]
    mechanisms = [m for m in MECHANISM_COLOURS if any(d.get("mechanism") == m for d in edges)]
    others = any(d.get("type") != "ASSISTS" or not d.get("mechanism") for d in edges)
    rows = [
        f'<div class="lg-row"><span class="lg-dot" style="background:{TYPE_COLOURS[t]}"></span>'
        f"{html.escape(type_names.get(t, t))}</div>"
        for t in present_types
    ]
    rows += [
        f'<div class="lg-row"><span class="lg-line" style="border-top-color:{MECHANISM_COLOURS[m]}"></span>'
        f"{html.escape(m)}</div>"
        for m in mechanisms
    ]
    if others:
        rows.append(
            f'<div class="lg-row"><span class="lg-line" style="border-top-color:{OTHER_COLOUR}"></span>'
            f"{html.escape(words['other'])}</div>"
        )
    if any(d.get("inferred") for d in edges):
        rows.append(
            '<div class="lg-row"><span class="lg-line" style="border-top-style:dashed;border-top-color:#5F6B7A">'
            f"</span>{html.escape(words['inferred'])}</div>"
        )
    style = (
        f"#bangfu-legend{{position:absolute;left:12px;top:12px;z-index:5;background:rgba(255,255,255,.93);"
        f"border:1px solid #D5DBE1;border-radius:4px;padding:6px 10px;font:{px - 1}px 'Noto Sans CJK SC',"
        "'Noto Sans SC',sans-serif;color:#1F2933;pointer-events:none}"
        "#bangfu-legend b{display:block;margin-bottom:2px}.lg-row{display:flex;align-items:center;gap:8px;"
        "line-height:1.55}.lg-dot{width:12px;height:12px;border-radius:50%;display:inline-block}"
        ".lg-line{width:24px;height:0;border-top:3px solid;display:inline-block}"
    )
    return (
        f'<style>{style}</style><div id="bangfu-legend"><b>{html.escape(words["legend"])}</b>'
        + "".join(rows)
        + "</div>"
    )


# Labels at a steady pixel size, and edge labels hidden where they would sit on a node or its name.
# A constant: the only values put in are the two integer sizes.
STEADY_LABELS = """
(() => {
  const NODE_PX = %(node)d, EDGE_PX = %(edge)d;
  if (typeof network === 'undefined' || !network) return;
  const edges = network.body.data.edges, nodes = network.body.data.nodes;
  const captions = {};
  edges.get().forEach(e => { captions[e.id] = e.label || ''; });
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = "100px 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
  const width = (text, px) => ctx.measureText(text).width * px / 100;
  const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  let last = 0;
  function refresh() {
    const s = network.getScale();
    if (!s || Math.abs(s - last) / s < 0.02) return;
    last = s;
    const np = NODE_PX / s, ep = EDGE_PX / s;
    network.setOptions({nodes: {font: {size: np}}, edges: {font: {size: ep}}});
    const pos = network.getPositions();
    const boxes = nodes.get().map(n => {
      const p = pos[n.id], r = n.size || 10, w = width(n.label || '', np) / 2;
      // a dot's label stands under it
      return [Math.min(p.x - r, p.x - w), p.y - r, Math.max(p.x + r, p.x + w), p.y + r + 4 + np * 1.25];
    });
    const update = [];
    let hidden = 0;
    for (const e of edges.get()) {
      const text = captions[e.id];
      if (!text) continue;
      const a = pos[e.from], b = pos[e.to];
      const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, w = width(text, ep) / 2 + 2, h = ep * 0.7;
      const box = [mx - w, my - h, mx + w, my + h];
      const shown = !boxes.some(nb => overlap(box, nb));
      // vis-network keeps a label set to '': a space with no background hides it
      const want = shown ? text : ' ';
      hidden += shown ? 0 : 1;
      if (e.label !== want) {
        update.push({id: e.id, label: want, font: {background: shown ? 'rgba(255,255,255,0.85)' : 'rgba(0,0,0,0)'}});
      }
    }
    if (update.length) edges.update(update);
    window.bangfuLabels = {scale: s, nodePx: NODE_PX, edgePx: EDGE_PX, hidden: hidden};
  }
  refresh();
  // vis-network's fit() knows nothing of names kept at a steady size: fit the dots, leaving room for
  // the names around them and for the legend on the left
  function fitAll() {
    const pos = network.getPositions(), ids = Object.keys(pos);
    const el = network.body.container;
    if (!ids.length) return;
    if (!el.clientWidth || !el.clientHeight) { setTimeout(fitAll, 150); return; }  // not laid out yet
    const xs = ids.map(i => pos[i].x), ys = ids.map(i => pos[i].y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const legend = document.getElementById('bangfu-legend');
    const left = legend ? legend.offsetWidth + 16 : 0;
    const padX = Math.max(...nodes.get().map(n => width(n.label || '', NODE_PX) / 2), 10) + 10;
    const padTop = 36, padBottom = NODE_PX * 1.5 + 36;
    const s = Math.min((el.clientWidth - left - 2 * padX) / Math.max(x1 - x0, 1),
                       (el.clientHeight - padTop - padBottom) / Math.max(y1 - y0, 1), 1.5);
    if (!(s > 0)) return;
    network.moveTo({position: {x: (x0 + x1) / 2 - left / 2 / s, y: (y0 + y1) / 2 + (padBottom - padTop) / 2 / s},
                    scale: s, animation: false});
    last = 0;
    refresh();
  }
  window.bangfuFit = fitAll;
  network.once('afterDrawing', () => setTimeout(fitAll, 0));
  network.on('doubleClick', p => { if (!p.nodes.length) fitAll(); });
  network.on('zoom', refresh);
  let resizing = null;
  window.addEventListener('resize', () => { clearTimeout(resizing); resizing = setTimeout(fitAll, 120); });
  network.on('dragEnd', () => { last = 0; refresh(); });
})();
"""


def strip_cdn(page: str) -> str:
    """Remove the Bootstrap tags pyvis's template always links from a CDN (nothing here uses them)."""
    return _CDN_TAGS.sub("", page)
