#!/usr/bin/env python3
"""Build the web workspace's offline basemap: country outlines as a small GeoJSON file.

Source: Natural Earth 1:110m Admin 0 countries (public domain), as redistributed in the npm
package world-atlas (ISC licence; its data file is Natural Earth's, version 4.1.0). The script
fetches the pinned package with ``npm pack`` (checking the registry's sha512 integrity),
decodes the TopoJSON (quantised, delta-encoded arcs) and writes
src/sitroom/web/data/countries-110m.json with coordinates rounded to 0.01 degrees, each
country's name and ISO 3166-1 alpha-3 code. Run it again only to change the source:

    python scripts/build-basemap.py                 # npm pack world-atlas@2.0.2
    python scripts/build-basemap.py --tgz FILE.tgz  # a tarball you already have
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
MEMBER = "package/countries-110m.json"
OUT = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "web" / "data" / "countries-110m.json"
DIGITS = 2


def fetch(tmp: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent", "--pack-destination", str(tmp)], check=True,
                   stdout=subprocess.DEVNULL)
    return next(tmp.glob("world-atlas-*.tgz"))


def check(tgz: Path) -> None:
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    if digest != INTEGRITY:
        raise SystemExit(f"{tgz}: integrity {digest} is not the pinned {INTEGRITY}")


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, DIGITS), round(y * sy + ty, DIGITS)))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list) -> list[list[float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        for n, p in enumerate(points):
            if n == 0 and out:
                continue  # each arc starts where the previous one ended
            if not out or out[-1] != p:
                out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return [list(p) for p in out]


def alpha3(numeric: str | None) -> str | None:
    try:
        import pycountry
    except ImportError:
        return None
    found = pycountry.countries.get(numeric=str(numeric).zfill(3)) if numeric else None
    return found.alpha_3 if found else None


def convert(topo: dict) -> dict:
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        coords = [[ring(r, arcs) for r in poly] for poly in polys]
        coords = [[r for r in poly if len(r) >= 4] for poly in coords]
        coords = [poly for poly in coords if poly]
        if not coords:
            continue
        features.append({"type": "Feature", "id": geom.get("id"),
                         "properties": {"name": geom.get("properties", {}).get("name"), "iso3": alpha3(geom.get("id"))},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return {"type": "FeatureCollection",
            "source": "Natural Earth 1:110m Admin 0 countries v4.1.0 (public domain), via npm world-atlas 2.0.2",
            "licence": "public domain (Natural Earth); world-atlas packaging ISC", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tgz", type=Path, help="the world-atlas tarball, instead of npm pack")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tgz = args.tgz or fetch(Path(tmp))
        check(tgz)
        with tarfile.open(tgz) as tar:
            topo = json.load(tar.extractfile(MEMBER))
    data = convert(topo)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(data['features'])} countries, {args.output.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
