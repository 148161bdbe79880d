"""The page around a map's SVG: styles, a legend box, and zoom and pan, in one standalone HTML file.

Why a small script of our own and no map library: the page must draw offline and as a download (no
tiles, no CDN), and what it needs is little — wheel or buttons to zoom, drag to pan, double-click to
reset. Zoom changes the SVG's viewBox; every ``g.pin`` (a dot, its label, an arrowhead) carries its
anchor in ``data-x``/``data-y`` and is counter-scaled, so names and dots keep their pixel size while
the places move apart, and outlines keep a hairline width (``vector-effect: non-scaling-stroke``).
Past twice the default zoom the ``zoomed`` class shows the detail layer (prefecture outlines).

The script is a constant: no text from documents or lists ever enters it; all such text reaches the
SVG through ``esc`` (``html.escape``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bangfu.views.labels import Box, Placed, text_width

FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
LEGEND_SIZE = 15.0
LEGEND_ROW = 24.0

STYLE = (
    f"html,body{{margin:0;height:100%;background:#fff;font-family:{FONT}}}"
    ".mapwrap{position:relative;width:100%;height:100%}"
    "svg.bangfu-map{width:100%;height:100%;display:block;cursor:grab;user-select:none}"
    "svg.bangfu-map.dragging{cursor:grabbing}"
    ".sea{fill:#EEF4FA}.land{fill:#FBFAF7;stroke:#B9C3CE;stroke-width:.8;vector-effect:non-scaling-stroke}"
    ".province{fill:#F4F1EA;stroke:#FFFFFF;stroke-width:1.4;vector-effect:non-scaling-stroke}"
    ".province:hover{fill:#EAE4D6}"
    ".focus{fill:#EFE8DA}"
    ".border{fill:none;stroke:#8D99A6;stroke-width:1.1;vector-effect:non-scaling-stroke}"
    ".detail{fill:none;stroke:#C9CFD6;stroke-width:.6;vector-effect:non-scaling-stroke}"
    ".detail.onzoom{display:none}svg.zoomed .detail.onzoom{display:inline}"
    ".maritime{fill:none;stroke:#6F8FAF;stroke-width:1.6;vector-effect:non-scaling-stroke}"
    ".inset{fill:none;stroke:#8D99A6;stroke-width:1}"
    ".arc{fill:none;opacity:.88;stroke-linecap:round;vector-effect:non-scaling-stroke}"
    ".arc:hover{opacity:1;stroke-width:6px}"
    ".provlabel{font-size:14px;fill:#6B7785;text-anchor:middle;pointer-events:none}"
    ".placelabel{font-size:16px;fill:#1F2933;paint-order:stroke;stroke:#fff;stroke-width:3.5px;"
    "stroke-linejoin:round}"
    ".unpairedlabel{font-size:15px;font-weight:700;fill:#7A0E1B;paint-order:stroke;stroke:#fff;"
    "stroke-width:3.5px;stroke-linejoin:round}"
    ".leader{stroke:#5F6B7A;stroke-width:.8}"
    ".legend{font-size:15px;fill:#1F2933}.legendtitle{font-size:15px;font-weight:700;fill:#1F2933}"
    ".legendbox{fill:#fff;fill-opacity:.92;stroke:#D5DBE1}"
    ".maptitle{font-size:18px;font-weight:700;fill:#1F2933;paint-order:stroke;stroke:#fff;stroke-width:4px}"
    ".tools{position:absolute;right:10px;top:10px;display:flex;flex-direction:column;gap:4px}"
    ".tools button{width:34px;height:34px;font-size:20px;line-height:1;border:1px solid #C5CDD6;"
    "background:#fff;border-radius:4px;cursor:pointer;color:#1F2933}"
)

# zoom (wheel, buttons), pan (drag), reset (double-click, button); pins keep their pixel size
SCRIPT = """
(() => {
  const svg = document.querySelector('svg.bangfu-map');
  const vb = svg.viewBox.baseVal;
  const W = vb.width, H = vb.height;
  let x = vb.x, y = vb.y, w = W, h = H;
  const pins = [...svg.querySelectorAll('g.pin')];
  function apply() {
    svg.setAttribute('viewBox', `${x} ${y} ${w} ${h}`);
    const z = W / w;
    svg.dataset.zoom = z.toFixed(3);
    svg.classList.toggle('zoomed', z >= 2);
    for (const p of pins) {
      const r = p.dataset.r ? ` rotate(${p.dataset.r})` : '';
      p.setAttribute('transform', `translate(${p.dataset.x},${p.dataset.y}) scale(${1 / z})${r}`);
    }
  }
  function toUser(cx, cy) {
    const pt = svg.createSVGPoint(); pt.x = cx; pt.y = cy;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoomAt(ux, uy, k) {
    const nw = Math.min(W, Math.max(W / 40, w / k));
    const f = nw / w;
    x = ux - (ux - x) * f; y = uy - (uy - y) * f; w = nw; h = h * f;
    if (w >= W) { x = 0; y = 0; w = W; h = H; }
    apply();
  }
  svg.addEventListener('wheel', e => {
    e.preventDefault();
    const p = toUser(e.clientX, e.clientY);
    zoomAt(p.x, p.y, Math.exp(-e.deltaY * 0.0015));
  }, {passive: false});
  let drag = null;
  svg.addEventListener('pointerdown', e => {
    drag = {p: toUser(e.clientX, e.clientY)}; svg.classList.add('dragging'); svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener('pointermove', e => {
    if (!drag) return;
    const p = toUser(e.clientX, e.clientY);
    x -= p.x - drag.p.x; y -= p.y - drag.p.y; apply();
  });
  const stop = () => { drag = null; svg.classList.remove('dragging'); };
  svg.addEventListener('pointerup', stop); svg.addEventListener('pointercancel', stop);
  const reset = () => { x = 0; y = 0; w = W; h = H; apply(); };
  svg.addEventListener('dblclick', reset);
  const centre = () => [x + w / 2, y + h / 2];
  document.getElementById('zoom-in').onclick = () => zoomAt(...centre(), 1.6);
  document.getElementById('zoom-out').onclick = () => zoomAt(...centre(), 1 / 1.6);
  document.getElementById('zoom-reset').onclick = reset;
  window.bangfuMap = {zoomAt, reset, get zoom() { return W / w; }};
  apply();
})();
"""


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class LegendRow:
    kind: str  # dot | line | dash | swatch | hatch | title
    colour: str
    text: str


def legend_size(rows: Sequence[LegendRow]) -> tuple[float, float]:
    widest = max((text_width(r.text, LEGEND_SIZE) for r in rows), default=0)
    return 44 + widest + 14, LEGEND_ROW * len(rows) + 12


def legend(rows: Sequence[LegendRow], x: float, y: float) -> tuple[list[str], Box]:
    """SVG of a legend box with its top-left corner at (x, y), and the box (for label placement)."""
    w, h = legend_size(rows)
    out = [
        f'<g class="legendgroup"><rect class="legendbox" x="{x}" y="{y}" width="{w:.0f}" height="{h:.0f}" rx="4"/>'
    ]
    cy = y + 6 + LEGEND_ROW / 2
    for r in rows:
        sx = x + 12
        if r.kind == "dot":
            out.append(
                f'<circle cx="{sx + 11}" cy="{cy}" r="6" fill="{r.colour}" stroke="#fff" stroke-width="1.5"/>'
            )
        elif r.kind in ("line", "dash"):
            dash = ' stroke-dasharray="6 4"' if r.kind == "dash" else ""
            out.append(
                f'<line x1="{sx}" y1="{cy}" x2="{sx + 22}" y2="{cy}" stroke="{r.colour}" stroke-width="3"{dash}/>'
                f'<path d="M{sx + 22},{cy - 5} L{sx + 30},{cy} L{sx + 22},{cy + 5} z" fill="{r.colour}"/>'
            )
        elif r.kind in ("swatch", "hatch"):
            fill = "url(#hatch)" if r.kind == "hatch" else r.colour
            stroke = "#7A0E1B" if r.kind == "hatch" else "#9AA5B1"
            out.append(
                f'<rect x="{sx}" y="{cy - 8}" width="24" height="16" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="{2 if r.kind == "hatch" else 0.8}"/>'
            )
        cls = "legendtitle" if r.kind == "title" else "legend"
        tx = sx if r.kind == "title" else sx + 36
        out.append(f'<text class="{cls}" x="{tx}" y="{cy + 5}">{esc(r.text)}</text>')
        cy += LEGEND_ROW
    out.append("</g>")
    return out, (x, y, x + w, y + h)


def legend_overlay(rows: Sequence[LegendRow]) -> str:
    """The legend as its own small SVG pinned to the lower left of the page: it stays put while the
    map zooms and pans under it."""
    w, h = legend_size(rows)
    body, _ = legend(rows, 0, 0)
    return (
        f'<svg class="legendlayer" style="position:absolute;left:8px;bottom:8px" width="{w + 2:.0f}" '
        f'height="{h + 2:.0f}" viewBox="-1 -1 {w + 2:.0f} {h + 2:.0f}">{"".join(body)}</svg>'
    )


def label_svg(label: Placed, cls: str) -> str:
    """A placed label inside its dot's pin (coordinates relative to the dot), with its leader line."""
    x, y = label.dot
    out = ""
    if label.leader:
        bx, by = (label.box[0] + label.box[2]) / 2 - x, (label.box[1] + label.box[3]) / 2 - y
        out = f'<line class="leader" x1="0" y1="0" x2="{bx:.1f}" y2="{by:.1f}"/>'
    return (
        out + f'<text class="{cls}" x="{round(label.x - x, 1)}" y="{round(label.y - y, 1)}" '
        f'text-anchor="{label.anchor}">{esc(label.text)}</text>'
    )


def page(svg: str, title: str, zoom_words: Sequence[str] = ("zoom in", "zoom out", "reset")) -> str:
    """The standalone HTML page: the SVG, zoom buttons (titles in the app's language), style, script."""
    zin, zout, zreset = (esc(wd) for wd in zoom_words)
    tools = (
        f'<div class="tools"><button id="zoom-in" title="{zin}">+</button>'
        f'<button id="zoom-out" title="{zout}">−</button>'
        f'<button id="zoom-reset" title="{zreset}">⟲</button></div>'
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f'<style>{STYLE}</style></head><body><div class="mapwrap">{svg}{tools}</div>'
        f"<script>{SCRIPT}</script></body></html>"
    )
