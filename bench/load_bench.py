"""Load benchmark: the real app under gunicorn, the search page against a trivial page, 32 clients each.

    python bench/load_bench.py [--duration 20] [--concurrency 32] [--workers N] [--synthetic 0]

Creates a throw-away instance (temporary directory: SQLite database, embedded search index, no
embeddings), runs ``flask db upgrade`` and ``flask seed-demo`` in it, serves ``wsgi:app`` with gunicorn on
a free loopback port, then, one after the other, keeps ``--concurrency`` connections busy for
``--duration`` seconds on

* the trivial route ``/regions/cities`` (no province given): a real app route that goes through the whole
  Flask stack (session, locale selection, security headers, a Jinja template) but touches neither the
  database nor the search index. ``/healthz`` was not chosen because it queries the database, asks the
  search backend for its health (reopening the index) and reads the outbox lag; ``/`` runs four COUNT
  queries and renders the full layout.
* the search page ``/search?q=...``, rotating through a few queries (Simplified, Traditional, English,
  multi-word, one with a filter).

The client is a plain thread pool (one thread per connection, ``http.client``, a new connection per request
since gunicorn's sync workers close each one). It runs on the same cores as the server, so its own CPU use
is printed too. ``--synthetic N`` adds N synthetic listings (bench/synth.py) to the demo index before the
run, to load the search page against a catalogue of realistic size.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

TRIVIAL = "/regions/cities"
#: a reference point between the two: the home page (full layout, four COUNT queries)
HOME = "/"
SEARCHES = (
    "锂电池",
    "人工智能",
    "生物医药",
    "鋰電池",
    "新材料 涂层",
    "储能",
    "battery",
    "传感器 检测",
    "节能环保",
    "燃料电池",
)
#: every fourth search adds a facet filter, as users do after a first search
FILTERED = "&kind=achievement"


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine() -> str:
    model, mem_kib = "", 0
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    return f"{os.cpu_count()} CPUs ({model}), {mem_kib / 2**20:.1f} GiB RAM"


def code_version() -> str:
    """The commit under test, and whether the work tree has uncommitted changes (they are measured too)."""
    git = shutil.which("git")
    if git is None:
        return "unknown"
    try:
        head = subprocess.run(  # noqa: S603 - git, fixed arguments
            [git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(  # noqa: S603
            [
                git,
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                "marketplace",
                "search",
                "templates",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" + uncommitted changes" if dirty else "")


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of processes (clock ticks from /proc/<pid>/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


# -- the instance --------------------------------------------------------------------------------------------


def prepare_instance(tmp: Path, synthetic: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "INSTANCE_PATH": str(tmp / "instance"),
            "DATABASE_URL": f"sqlite:///{tmp / 'instance' / 'app.sqlite3'}",
            "SEARCH_EMBEDDINGS": "false",
            "FLASK_APP": "wsgi",
        }
    )
    (tmp / "instance").mkdir()
    password = secrets.token_urlsafe(12)  # demo logins of a throw-away instance; nobody logs in
    for args in (["db", "upgrade"], ["seed-demo", "--password", password]):
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 - our own venv's flask
            [str(BIN / "flask"), *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        say(f"flask {' '.join(args[:1])}: {time.perf_counter() - started:.1f} s")
    if synthetic:
        add_synthetic(tmp / "instance" / "search", synthetic)
    return env


def add_synthetic(index_dir: Path, n: int) -> None:
    """Rebuild the app's index with its demo listings plus ``n`` synthetic ones (pks from 10,000,001)."""
    import synth

    from search.backends import open_backend

    engine = open_backend(f"embedded://{index_dir}")
    demo = [engine.get(doc_id) for doc_id in engine.versions()]
    corpus = synth.Corpus()
    started = time.perf_counter()
    total = engine.bulk_load(iter([*(d for d in demo if d), *corpus.achievements_iter(n, start=10_000_001)]))
    engine.close()
    say(f"index rebuilt with {total:,} listings ({n:,} synthetic) in {time.perf_counter() - started:.0f} s")


def start_server(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"),
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        "--log-level",
        "warning",
        "wsgi:app",
    ]
    handle = log.open("wb")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)  # noqa: S603


def get(port: int, path: str, timeout: float = 30.0) -> tuple[int, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept-Language": "zh-CN"})
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        conn.close()


def wait_ready(port: int, server: subprocess.Popen, deadline: float = 90.0) -> None:
    until = time.monotonic() + deadline
    while time.monotonic() < until:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            if get(port, TRIVIAL, timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


# -- the load ------------------------------------------------------------------------------------------------


def hammer(port: int, paths: list[str], concurrency: int, duration: float) -> dict[str, Any]:
    """``concurrency`` threads, each sending one request after the other until the time is up."""
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    sizes = [0] * concurrency
    start_gate = threading.Barrier(concurrency + 1)
    stop_at = [0.0]

    def worker(i: int) -> None:
        k = i
        start_gate.wait()
        while True:
            began = time.perf_counter()
            if began >= stop_at[0]:
                return
            path = paths[k % len(paths)]
            k += concurrency
            try:
                status, size = get(port, path)
            except OSError:
                status, size = 0, 0
            took = time.perf_counter() - began
            if status == 200:
                latencies[i].append(took * 1000)
                sizes[i] += size
            else:
                errors[i] += 1

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(concurrency)]
    for t in threads:
        t.start()
    cpu_before = time.process_time()
    began = time.perf_counter()
    stop_at[0] = began + duration
    start_gate.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    client_cpu = time.process_time() - cpu_before
    times = [x for per in latencies for x in per]
    ok = len(times)
    return {
        "requests": ok,
        "errors": sum(errors),
        "elapsed": elapsed,
        "rps": ok / elapsed,
        "p50": float(np.percentile(times, 50)) if times else float("nan"),
        "p95": float(np.percentile(times, 95)) if times else float("nan"),
        "p99": float(np.percentile(times, 99)) if times else float("nan"),
        "bytes": sum(sizes) / ok if ok else 0,
        "client_cpu": client_cpu / elapsed,
    }


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load per route (default 20)")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds per route first")
    parser.add_argument("--synthetic", type=int, default=0, help="synthetic listings added to the index")
    parser.add_argument("--skip-home", action="store_true", help="leave out the home page reference run")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.in_process:  # the breakdown, run in a child process that has the instance's environment
        return breakdown(SEARCHES)

    started_at = datetime.now().astimezone()
    load_at_start = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
    server: subprocess.Popen | None = None
    results: dict[str, dict[str, Any]] = {}
    parts = ""
    worker_rss: list[float] = []
    listings = 0
    try:
        env = prepare_instance(tmp, args.synthetic)
        from search.backends import open_backend

        engine = open_backend(f"embedded://{tmp / 'instance' / 'search'}")
        listings = engine.count()
        engine.close()
        port = free_port()
        say(f"gunicorn: {args.workers} sync workers on 127.0.0.1:{port}")
        server = start_server(env, port, args.workers, tmp / "gunicorn.log")
        wait_ready(port, server)
        search_paths = [
            f"/search?q={quote(q)}" + (FILTERED if i % 4 == 3 else "") for i, q in enumerate(SEARCHES)
        ]
        status = {path: get(port, path)[0] for path in [TRIVIAL, *search_paths]}
        bad = {path: code for path, code in status.items() if code != 200}
        if bad:
            raise RuntimeError(f"unexpected status codes: {bad}")
        routes = [("trivial", [TRIVIAL]), ("search", search_paths)]
        if not args.skip_home:
            routes.insert(1, ("home (reference)", [HOME]))
        for name, paths in routes:
            say(f"{name}: warm-up {args.warmup:.0f} s")
            hammer(port, paths, args.concurrency, args.warmup)
            workers = children(server.pid)
            cpu_before = cpu_seconds([server.pid, *workers])
            say(f"{name}: {args.concurrency} connections for {args.duration:.0f} s")
            results[name] = hammer(port, paths, args.concurrency, args.duration)
            results[name]["server_cpu"] = (cpu_seconds([server.pid, *workers]) - cpu_before) / results[name][
                "elapsed"
            ]
        worker_rss = [rss_mib(pid) for pid in children(server.pid)]
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        server = None
        say("search page breakdown, in process")
        parts = subprocess.run(  # noqa: S603 - this script
            [sys.executable, __file__, "--in-process"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log = tmp / "gunicorn.log"
        if log.exists() and log.stat().st_size:
            tail = log.read_text(errors="replace").strip().splitlines()[-5:]
            say("gunicorn log (last lines): " + " / ".join(tail))
        shutil.rmtree(tmp, ignore_errors=True)

    trivial, search = results["trivial"], results["search"]
    ratio = search["rps"] / trivial["rps"]
    print(f"## Load benchmark: search page vs a trivial page, {args.concurrency} connections")
    print()
    print(f"- date: {started_at:%Y-%m-%d %H:%M %Z}; code: {code_version()}")
    print(f"- machine: {machine()}; load average at start {load_at_start:.2f} (the cores are shared)")
    print(
        f"- server: gunicorn, {args.workers} sync workers, SQLite, embedded search index with"
        f" {listings:,} listings (demo data{f' + {args.synthetic:,} synthetic' if args.synthetic else ''}),"
        " embeddings off"
    )
    print(
        f"- load: {args.duration:.0f} s per route after {args.warmup:.0f} s of warm-up; client = one Python"
        " process, a thread per connection, on the same cores"
    )
    print(f"- trivial route: `{TRIVIAL}`; search: `/search?q=...` rotating over {len(SEARCHES)} queries")
    print()
    rows = []
    for name, r in results.items():
        rows.append(
            [
                name,
                f"{r['requests']:,}",
                f"{r['rps']:,.0f}",
                f"{r['p50']:.1f}",
                f"{r['p95']:.1f}",
                f"{r['p99']:.1f}",
                str(r["errors"]),
                f"{r['bytes'] / 1024:,.1f}",
                f"{r['server_cpu']:.0%}",
                f"{r['client_cpu']:.0%}",
            ]
        )
    print(
        table(
            [
                "route",
                "requests",
                "req/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "errors",
                "KiB/resp",
                "server CPU",
                "client CPU",
            ],
            rows,
        )
    )
    print()
    print(
        table(
            ["target", "measured", "met"],
            [
                [
                    "search keeps ≥ 50% of trivial throughput",
                    f"{ratio:.0%}",
                    "yes" if ratio >= 0.5 else "**NO**",
                ],
                [
                    "search p95 ≤ 100 ms",
                    f"{search['p95']:.1f} ms",
                    "yes" if search["p95"] <= 100 else "**NO**",
                ],
            ],
        )
    )
    print()
    print(
        "CPU is a share of one core (200% = both cores busy); server CPU: gunicorn's master and workers."
        f" Worker RSS at the end: {', '.join(f'{x:,.0f}' for x in sorted(worker_rss))} MiB."
    )
    if parts:
        print()
        print(parts.rstrip())
    return 0


def breakdown(queries: tuple[str, ...], rounds: int = 5) -> int:
    """Where one search page request spends its time: the search call, the template, the rest (in process)."""
    import marketplace.discovery.services as services
    import marketplace.discovery.views as views
    from search.backends.base import Backend
    from wsgi import app

    spent = {"run_search": 0.0, "_decorate": 0.0, "render_template": 0.0}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return wrapper

    client = app.test_client()
    paths = [f"/search?q={quote(q)}" for q in queries]
    for path in paths:  # warm-up: analyser, index, templates
        client.get(path)
    services.run_search = timed("run_search", services.run_search)
    views.render_template = timed("render_template", views.render_template)
    Backend._decorate = timed("_decorate", Backend._decorate)
    total = 0.0
    for _ in range(rounds):
        for path in paths:
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            total += time.perf_counter() - started
    n = rounds * len(paths)
    rows = [
        ["whole request (Flask test client)", f"{total / n * 1000:.1f}", "100%"],
        ["`services.run_search` (`Backend.search`)", f"{spent['run_search'] / n * 1000:.1f}", ""],
        [
            "of which: highlights + matched terms (`_decorate`, 20 hits)",
            f"{spent['_decorate'] / n * 1000:.1f}",
            "",
        ],
        ["`render_template` (search.html)", f"{spent['render_template'] / n * 1000:.1f}", ""],
    ]
    for row in rows[1:]:
        row[2] = f"{float(row[1]) / (total / n * 1000):.0%}"
    print(f"Search page, one request at a time in one process ({n} requests, same queries):")
    print()
    print(table(["part", "mean ms", "share"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
