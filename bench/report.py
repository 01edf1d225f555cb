"""The benchmark's figures as a table for people and the machine they were taken on.

Ratios compare each system with rdflib-endpoint and with ``oxigraph serve-read-only`` on the
same data in the same run: ``×rdflib`` is throughput divided by rdflib-endpoint's (higher is
better), ``load ×`` is load time divided by the system's (higher: loads faster).
"""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

COLUMNS = [
    ("system", "system", 24),
    ("load_s", "load s", 7),
    ("chain_ms", "chain ms", 9),
    ("per_org_ms", "per-org ms", 10),
    ("no_mandate_ms", "no-mand ms", 10),
    ("audit_s", "audit s", 8),
    ("audit_peak_mb", "audit MB", 9),
    ("rps", "req/s", 8),
    ("p50_ms", "p50 ms", 7),
    ("p95_ms", "p95 ms", 7),
    ("x_rdflib", "×rdflib", 8),
    ("x_oxigraph", "×oxigraph", 9),
    ("server_mb", "server MB", 9),
]


def machine() -> dict[str, object]:
    """Cores, CPU model, memory, OS and the versions of the tools measured."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))  # fmt: skip
    versions = {}
    for package in ("pyoxigraph", "oxigraph", "rdflib", "pyshacl", "rdflib-endpoint", "fastapi", "uvicorn"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cores": os.cpu_count(),
        "nproc": subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
        "cpu": cpu,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "os": platform.platform(),
        "versions": versions,
    }


def ratios(systems: dict[str, dict[str, object]]) -> None:
    """Add throughput and load-time ratios against rdflib-endpoint and Oxigraph to every system."""

    def number(name: str, key: str) -> float | None:
        value = systems.get(name, {}).get(key)
        return float(value) if isinstance(value, int | float) and value > 0 else None

    for name, figures in systems.items():
        rps, load = number(name, "rps"), number(name, "load_s")
        for peer, column in (("rdflib-endpoint", "x_rdflib"), ("oxigraph read-only", "x_oxigraph")):
            peer_rps, peer_load = number(peer, "rps"), number(peer, "load_s")
            figures[column] = round(rps / peer_rps, 2) if rps and peer_rps else None
            figures[f"load_{column}"] = round(peer_load / load, 2) if load and peer_load else None


def cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 100 else f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def table(size: str, result: dict[str, object]) -> str:
    """One size's figures as a fixed-width table, with the checks under it."""
    systems: dict[str, dict[str, object]] = result["systems"]  # type: ignore[assignment]
    head = f"{size}: {result['triples']:,} triples generated, {result['planted_gaps']} gaps planted"
    lines = [head, "  ".join(title.rjust(width) if i else title.ljust(width) for i, (_, title, width) in
                             enumerate(COLUMNS))]  # fmt: skip
    for name, figures in systems.items():
        row = [name, *(cell(figures.get(key)) for key, _, _ in COLUMNS[1:])]
        widths = [w for _, _, w in COLUMNS]
        lines.append(
            "  ".join(v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True)))
        )
    for name, figures in systems.items():
        notes = [f"{k}: {v}" for k, v in figures.items() if k in ("gaps", "sparql_rules", "answers", "load_tool")]
        lines.append(f"  {name}: " + "; ".join(notes))
    return "\n".join(lines)
