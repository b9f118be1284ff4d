#!/usr/bin/env python3
"""Prints scripts/bench's figures (one JSON object a line) as a table, or with
--json as one JSON document."""
import argparse
import json


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cores", type=int)
    parser.add_argument("--connections", type=int)
    parser.add_argument("--pool", type=int)
    parser.add_argument("--duration", type=int)
    parser.add_argument("--busy", type=int, default=0)
    args, _ = parser.parse_known_args()
    rows = [json.loads(line) for line in open(args.results) if line.strip()]
    meta = {"cores": args.cores, "connections": args.connections, "pool": args.pool, "duration_s": args.duration,
            "build_processes_beside": args.busy}
    if args.json:
        print(json.dumps({"machine": meta, "figures": rows}, indent=2))
        return
    kind = lambda k: [r for r in rows if r["kind"] == k]
    print("Sheaf bench: %(cores)s cores, %(connections)s connections, pool %(pool)s, %(duration_s)s s a measure" % meta)
    if args.busy:
        print("  (measured while %d build/test processes were running)" % args.busy)
    for d in kind("demo"):
        print("  demo --scale %d: %d time entries, %d projects, loaded in %.0f s  [load %s]"
              % (d["scale"], d["time_entries"], d["projects"], d["seconds"], d["load"]))
    print()
    h = kind("healthz")
    if h:
        print("H  GET /healthz %10.0f req/s  [load %s]" % (h[0]["rps"], h[0]["load"]))
    print("%-38s %9s %9s %9s %6s %5s %8s %8s  %s" % ("route", "req/s", "P tps", "limit", "eff.", "stmts", "p50 ms", "p99 ms", "load"))
    for r in kind("route"):
        print("%-38s %9.0f %9.0f %9.0f %6.2f %5d %8.2f %8.2f  %s%s" % (
            r["route"], r["rps"], r["pgbench_tps"], r["limit"], r["efficiency"], r["statements"], r["p50_ms"], r["p99_ms"], r["load"],
            "  (%d errors)" % r["errors"] if r["errors"] else ""))
    print()
    print("%-8s %-66s %8s %8s %8s %8s  %s" % ("who", "GET (latency, 4 connections)", "req/s", "p50 ms", "p95 ms", "p99 ms", "load"))
    for r in kind("latency"):
        flag = "" if r["status"] == 200 else "  (status %d)" % r["status"]
        print("%-8s %-66s %8.1f %8.2f %8.2f %8.2f  %s%s" % (
            r["who"], r["path"][:66], r["rps"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["load"], flag))
    drafts = kind("draft")
    if drafts:
        print()
        for d in drafts:
            print("invoice draft over %-5s approved entries: %6.3f s (status %d)  [load %s]" % (d["entries"], d["seconds"], d["status"], d["load"]))
        if len(drafts) == 2 and drafts[0]["seconds"] > 0:
            print("  ratio 100k / 10k: %.1f" % (drafts[1]["seconds"] / drafts[0]["seconds"]))
    print()
    for r in kind("rss"):
        extra = ("idle %.0f MB, " % r["idle_mb"]) if "idle_mb" in r else ""
        print("RSS %s: %sbefore %.0f MB, peak %.0f MB, after %.0f MB  [load %s]" % (
            r["what"], extra, r["before_mb"], r["peak_mb"], r["after_mb"], r["load"]))
    https = {r["path"]: r for r in kind("https")}
    if https:
        print()
        http = {"/healthz": h[0]["rps"] if h else None}
        for r in kind("route"):
            if r["route"] == "GET /readyz":
                http["/readyz"] = r["rps"]
        for path, r in https.items():
            base = http.get(path)
            ratio = " (%.2f x HTTP)" % (r["rps"] / base) if base else ""
            print("HTTPS GET %-8s %9.0f req/s%s  [load %s]" % (path, r["rps"], ratio, r["load"]))


if __name__ == "__main__":
    main()
