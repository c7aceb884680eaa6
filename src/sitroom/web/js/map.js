// The map: country outlines shipped with the package (Natural Earth 1:110m), optional XYZ tiles,
// and the events on a canvas: aggregated in cells (one GROUP BY in the database) while many
// are in view, single markers (colour by type, size by fatalities) once few enough are.
import { get } from "./api.js";
import { typeColor } from "./colors.js";

const TILE = 256;
const MAX_LAT = 85.05;
const POINTS_BELOW = 3000; // events in view under which single markers are drawn
let basemap = null;
// the view outlives re-renders of the workspace (filters change, the map stays where it was)
const memory = { lon: 20, lat: 20, zoom: null }; // zoom null: fit the world to the width

function loadBasemap() {
  if (!basemap) basemap = fetch("/static/data/countries-110m.json").then((r) => r.json());
  return basemap;
}

function mercY(lat) {
  const s = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

function unMercY(y) {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

export class MapView {
  constructor(canvas, { filters, onSelect, onDrawn, tileUrl }) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    this.filters = filters;
    this.onSelect = onSelect;
    this.onDrawn = onDrawn;
    this.tileUrl = tileUrl;
    this.tiles = new Map();
    this.layer = { kind: "none", rows: [] };
    this.outlines = null;
    this.request = 0;
    this.hits = [];
    this.resize = this.resize.bind(this);
    window.addEventListener("resize", this.resize);
    this.bind();
    this.resize();
    loadBasemap().then((geo) => {
      this.outlines = geo;
      this.draw();
    });
  }

  dispose() {
    window.removeEventListener("resize", this.resize);
    this.disposed = true;
  }

  resize() {
    const r = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    this.w = Math.max(200, r.width);
    this.h = Math.max(150, r.height);
    this.canvas.width = this.w * dpr;
    this.canvas.height = this.h * dpr;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (memory.zoom === null) memory.zoom = Math.max(0.5, Math.log2(this.w / TILE));
    this.draw();
  }

  scale() {
    return TILE * Math.pow(2, memory.zoom);
  }

  // screen position of lon/lat
  project(lon, lat) {
    const s = this.scale();
    const cx = ((memory.lon + 180) / 360) * s;
    const cy = mercY(memory.lat) * s;
    return [((lon + 180) / 360) * s - cx + this.w / 2, mercY(lat) * s - cy + this.h / 2];
  }

  unproject(x, y) {
    const s = this.scale();
    const wx = ((memory.lon + 180) / 360) * s + x - this.w / 2;
    const wy = mercY(memory.lat) * s + y - this.h / 2;
    return [(wx / s) * 360 - 180, unMercY(wy / s)];
  }

  bounds() {
    const [x0, y1] = this.unproject(0, this.h);
    const [x1, y0] = this.unproject(this.w, 0);
    const clamp = (v, a) => Math.max(-a, Math.min(a, v));
    if (x1 - x0 >= 360) return [-180, clamp(y1, 90), 180, clamp(y0, 90)];
    const wrap = (v) => ((((v + 180) % 360) + 360) % 360) - 180;
    return [wrap(x0), clamp(y1, 90), wrap(x1), clamp(y0, 90)];
  }

  bind() {
    let drag = null;
    this.canvas.addEventListener("mousedown", (ev) => {
      drag = { x: ev.clientX, y: ev.clientY, lon: memory.lon, lat: memory.lat, moved: false };
    });
    window.addEventListener("mousemove", (ev) => {
      if (!drag) return;
      const dx = ev.clientX - drag.x;
      const dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      const s = this.scale();
      memory.lon = drag.lon - (dx / s) * 360;
      memory.lat = Math.max(-80, Math.min(80, unMercY(mercY(drag.lat) - dy / s)));
      this.draw();
    });
    window.addEventListener("mouseup", (ev) => {
      if (!drag) return;
      const moved = drag.moved;
      drag = null;
      if (moved) this.load();
      else this.click(ev);
    });
    this.canvas.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      this.zoomAt(ev.offsetX, ev.offsetY, ev.deltaY < 0 ? 0.5 : -0.5);
    }, { passive: false });
    this.canvas.addEventListener("dblclick", (ev) => this.zoomAt(ev.offsetX, ev.offsetY, 1));
  }

  zoomAt(x, y, dz) {
    const [lon, lat] = this.unproject(x, y);
    memory.zoom = Math.max(0.5, Math.min(14, memory.zoom + dz));
    // keep the point under the cursor in place
    const [nx, ny] = this.project(lon, lat);
    const [clon, clat] = this.unproject(this.w / 2 + (nx - x), this.h / 2 + (ny - y));
    memory.lon = clon;
    memory.lat = Math.max(-80, Math.min(80, clat));
    this.draw();
    clearTimeout(this.zoomTimer);
    this.zoomTimer = setTimeout(() => this.load(), 150);
  }

  click(ev) {
    const r = this.canvas.getBoundingClientRect();
    const x = ev.clientX - r.left;
    const y = ev.clientY - r.top;
    let best = null;
    for (const hit of this.hits) {
      const d = Math.hypot(hit.x - x, hit.y - y);
      if (d <= hit.r + 3 && (!best || d < best.d)) best = { ...hit, d };
    }
    if (!best) return;
    if (best.kind === "point") this.onSelect(best.id);
    else this.zoomAt(best.x, best.y, 2);
  }

  cellSize() {
    return Math.max(0.02, 24 / Math.pow(2, memory.zoom));
  }

  async load() {
    const id = ++this.request;
    const bbox = this.bounds().map((v) => v.toFixed(3)).join(",");
    const params = { ...this.filters, bbox: this.filters.bbox || bbox };
    const cells = await get("/stats", { ...params, by: "cell", cell: this.cellSize().toFixed(3), split: "plover" });
    if (id !== this.request || this.disposed) return;
    const total = cells.rows.reduce((a, r) => a + r.n, 0);
    if (total > 0 && total < POINTS_BELOW && memory.zoom >= 3) {
      const pts = await get("/events/points", { ...params, limit: POINTS_BELOW });
      if (id !== this.request || this.disposed) return;
      this.layer = { kind: "points", rows: pts.rows, total };
    } else {
      this.layer = { kind: "cells", rows: mergeCells(cells.rows), total };
    }
    this.draw();
    if (this.onDrawn) this.onDrawn(this.layer);
  }

  drawTiles(ctx) {
    if (!this.tileUrl) return;
    const z = Math.max(0, Math.min(18, Math.round(memory.zoom)));
    const n = Math.pow(2, z);
    const size = this.scale() / n;
    const [lon0, lat0] = this.unproject(0, 0);
    const [lon1, lat1] = this.unproject(this.w, this.h);
    const tx0 = Math.floor(((lon0 + 180) / 360) * n);
    const tx1 = Math.floor(((lon1 + 180) / 360) * n);
    const ty0 = Math.max(0, Math.floor(mercY(lat0) * n));
    const ty1 = Math.min(n - 1, Math.floor(mercY(lat1) * n));
    for (let tx = tx0; tx <= tx1; tx++) {
      for (let ty = ty0; ty <= ty1; ty++) {
        const wx = ((tx % n) + n) % n;
        const key = `${z}/${wx}/${ty}`;
        let img = this.tiles.get(key);
        if (!img) {
          img = new Image();
          img.onload = () => this.draw();
          img.src = this.tileUrl.replace("{z}", z).replace("{x}", wx).replace("{y}", ty);
          this.tiles.set(key, img);
        }
        if (img.complete && img.naturalWidth) {
          const [x, y] = this.project((tx / n) * 360 - 180, unMercY(ty / n));
          ctx.drawImage(img, x, y, size, size);
        }
      }
    }
  }

  drawOutlines(ctx) {
    if (!this.outlines) return;
    const s = this.scale();
    const cx = ((memory.lon + 180) / 360) * s - this.w / 2;
    const cy = mercY(memory.lat) * s - this.h / 2;
    ctx.fillStyle = this.tileUrl ? "rgba(255,255,255,0.0)" : "#eef0ea";
    ctx.strokeStyle = "#9aa3a0";
    ctx.lineWidth = 0.6;
    // draw the world three times across so panning over the date line shows land
    for (const shift of [-s, 0, s]) {
      ctx.beginPath();
      for (const f of this.outlines.features) {
        for (const poly of f.geometry.coordinates) {
          for (const ring of poly) {
            for (let i = 0; i < ring.length; i++) {
              const x = ((ring[i][0] + 180) / 360) * s - cx + shift;
              const y = mercY(ring[i][1]) * s - cy;
              if (i === 0) ctx.moveTo(x, y);
              else ctx.lineTo(x, y);
            }
            ctx.closePath();
          }
        }
      }
      ctx.fill();
      ctx.stroke();
    }
  }

  draw() {
    if (!this.w) return;
    const ctx = this.ctx;
    ctx.clearRect(0, 0, this.w, this.h);
    ctx.fillStyle = "#dfe8ef";
    ctx.fillRect(0, 0, this.w, this.h);
    this.drawTiles(ctx);
    this.drawOutlines(ctx);
    this.hits = [];
    if (this.layer.kind === "cells") {
      for (const c of this.layer.rows) {
        const [x, y] = this.project(c.lon, c.lat);
        const r = Math.min(28, 4 + 3 * Math.log2(c.n + 1));
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.fillStyle = typeColor(c.top) + "cc";
        ctx.fill();
        ctx.strokeStyle = "#fff";
        ctx.lineWidth = 1;
        ctx.stroke();
        if (c.n > 1) {
          ctx.fillStyle = "#fff";
          ctx.font = "bold 10px sans-serif";
          ctx.textAlign = "center";
          ctx.textBaseline = "middle";
          ctx.fillText(c.n > 9999 ? Math.round(c.n / 1000) + "k" : String(c.n), x, y);
        }
        this.hits.push({ kind: "cell", x, y, r });
      }
    } else if (this.layer.kind === "points") {
      for (const [id, lat, lon, plover, fatalities] of this.layer.rows) {
        const [x, y] = this.project(lon, lat);
        const r = Math.min(18, 3.5 + Math.sqrt(fatalities || 0));
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.fillStyle = typeColor(plover) + "d0";
        ctx.fill();
        ctx.strokeStyle = "#222";
        ctx.lineWidth = 0.7;
        ctx.stroke();
        this.hits.push({ kind: "point", id, x, y, r });
      }
    }
    this.canvas.dataset.markers = String(this.hits.length);
    this.canvas.dataset.layer = this.layer.kind;
  }
}

// one marker per cell: its count, fatalities and most frequent type
function mergeCells(rows) {
  const cells = new Map();
  for (const r of rows) {
    const key = r.key.join(",");
    let c = cells.get(key);
    if (!c) {
      c = { n: 0, fatalities: 0, lat: 0, lon: 0, top: null, topN: 0 };
      cells.set(key, c);
    }
    c.lat = (c.lat * c.n + r.lat * r.n) / (c.n + r.n);
    c.lon = (c.lon * c.n + r.lon * r.n) / (c.n + r.n);
    c.n += r.n;
    c.fatalities += r.fatalities;
    if (r.n > c.topN) {
      c.top = r.split;
      c.topN = r.n;
    }
  }
  return [...cells.values()];
}
