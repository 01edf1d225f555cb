"""Write a deterministic synthetic governance graph and its manifest of planted gaps.

    python bench/generate.py --triples 100000 -o bench/data/
    → bench/data/synthetic-100k/synthetic-100k.ttl   (one file: one named graph when loaded)
      bench/data/synthetic-100k/manifest.json        (sizes, entity counts, gaps per rule)

The graph (see ``bench/synthetic.py``) uses govkg's vocabulary and conforms to ``shapes/`` except
for the planted gaps; the manifest lists each rule's severity, count and focus IRIs, so the audit
can be checked against it. The same ``--seed`` and ``--triples`` give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import Graph, generate  # noqa: E402

SEVERITY = {
    "BodyMandateShape": "Violation",
    "BodyMandateOpenShape": "Warning",
    "BodyIslandShape": "Warning",
    "GroupMemberShape": "Warning",
    "RegionContactPointShape": "Warning",
    "ObligationPartyShape": "Violation",
    "ObligationActionShape": "Violation",
    "ObligationAgreementShape": "Warning",
    "PostHolderShape": "Info",
    "AgreementPartyShape": "Violation",
    "AgreementStatusShape": "Violation",
    "AgreementDateShape": "Warning",
    "PrefLabelShape": "Warning",
    "ProvenanceShape": "Violation",
    "UndescribedIriShape": "Violation",
    "ReportingCycleShape": "Violation",
}


def manifest(graph: Graph, target: int, seed: int, turtle: Path) -> dict[str, object]:
    """What was generated: sizes, entity counts and the planted gaps per rule (shape)."""
    gaps = {
        shape: {"severity": SEVERITY[shape], "count": len(focus), "focus": sorted(focus)}
        for shape, focus in sorted(graph.gaps.items())
    }
    entities = dict(sorted(graph.counts.items()))
    return {"turtle": turtle.name, "seed": seed, "target_triples": target, "triples": graph.triples,
            "entities": entities, "gaps": gaps}  # fmt: skip


def size_label(triples: int) -> str:
    """``10k``, ``100k``, ``1m``: the folder name's size."""
    if triples >= 1_000_000 and triples % 1_000_000 == 0:
        return f"{triples // 1_000_000}m"
    return f"{round(triples / 1000)}k"


def write(folder: Path, triples: int, seed: int) -> dict[str, object]:
    """Generate into ``folder`` (created); returns the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    turtle = folder / f"{folder.name}.ttl"
    partial = folder / f".{turtle.name}.partial"  # not *.ttl: a loader never sees half a file
    with partial.open("w", encoding="utf-8") as out:
        graph = generate(out, triples, seed)
    info = manifest(graph, triples, seed, turtle)
    partial.replace(turtle)
    (folder / "manifest.json").write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic governance graph with planted gaps.")
    parser.add_argument("--triples", type=int, default=100_000, help="about how many triples [100000]")
    parser.add_argument("--seed", type=int, default=7, help="random seed [7]")
    parser.add_argument("-o", "--output", type=Path, default=Path("bench/data"), help="parent folder [bench/data]")
    args = parser.parse_args(argv)
    folder = args.output / f"synthetic-{size_label(args.triples)}"
    info = write(folder, args.triples, args.seed)
    gaps: dict[str, dict[str, object]] = info["gaps"]  # type: ignore[assignment]
    print(f"{folder / str(info['turtle'])}: {info['triples']} triples")
    print(f"{folder / 'manifest.json'}: planted gaps " + ", ".join(f"{k} {v['count']}" for k, v in gaps.items()))


if __name__ == "__main__":
    main()
