"""Results night (issue 5): the published results page under load, beside a static file of the
same size, and seventeen jurors marking at once; gunicorn + PostgreSQL + Redis.

Run from the repository root (PostgreSQL must answer at 127.0.0.1:5432 as ``postgres``; Redis
at 127.0.0.1:6379 is used when it answers)::

    .venv/bin/python benchmarks/bench_results_night.py        # or: make bench

It always makes its own database on that server (``DATABASE_URL`` is not used) and uses one
Redis database (``REDIS_DB``, 13 unless ``--redis-db``), which it empties before and after.
A run takes about two minutes on a quiet machine, half a minute of it ``collectstatic``.

The target of issue 5: the published results page served by the production set-up reaches
**at least half the requests per second** that the same server reaches for a static file of
the same size, measured side by side in one run; and the 95th percentile of a mark submitted
while 17 jurors mark at once.

Method
------
1. A throw-away PostgreSQL database ``concours_night_<pid>`` (created, and dropped at the end
   in every case) and a temporary directory (static files, logs). Production settings as in
   ``bench_deadline_rush.py`` (``DEBUG=0``, a random ``SECRET_KEY``, ``ALLOWED_HOSTS=127.0.0.1``,
   ``SECURE_SSL_REDIRECT=0`` for plain http on loopback, ``DATABASE_CONN_MAX_AGE=60``,
   ``LOG_LEVEL=WARNING``) and ``REDIS_URL=redis://127.0.0.1:6379/<REDIS_DB>``, the shared cache
   of ``docs/deploy.md``. Without Redis the run goes on with each worker's local-memory cache
   and says so on stderr.
2. ``migrate`` and ``collectstatic``, then the set-up (this script in a child process, with
   Django), all in one edition:

   - **piano, round 1, published**: 40 admitted candidates, 11 jurors, 440 marks (two of them
     ``S``), the rule ``mean`` on 1-25 with 20 advancing; live, closed, computed, decided and
     published (``publication.services.publish_round``) with the embargo two hours ago and the
     score sheets one hour ago, so the round's page is the full one: advancers, the results
     table, the three charts, the digests;
   - **piano, round 2, marking closed**: its 20 candidates marked by the same 11 jurors; the
     office computes it during the marking below;
   - **violin, round 1, live**: 40 admitted candidates and 17 jurors, each with an account, a
     database session (made in bulk, as the deadline rush does) and the confidentiality
     declaration accepted (``jury.services.accept_declaration``); an office account with a
     session.

   The set-up renders the round's page once (Django's test client, an anonymous visitor,
   ``Accept-Language: en``) and writes its body into the collected static files
   (``STATIC_ROOT/bench/results-night.html``): the static file has the page's size and bytes,
   and WhiteNoise serves it like any other static file.
3. Redis's database is emptied (nothing the set-up cached is left), then ``gunicorn
   concours.wsgi`` starts with ``WORKERS`` = 4 sync workers and an access log, as
   ``docs/deploy.md`` starts it, and is waited for through ``/healthz``.
4. The load generator is a second process (this script, ``--internal-load``), with no Django:
   ``CONNECTIONS`` threads, each with its own socket, a minimal HTTP/1.1 client (the request
   prepared once; the connection kept alive when the server allows it, which gunicorn's sync
   workers do not: every request then pays a new TCP connection, for the page and the file
   alike). No cookies, no ``Accept-Encoding``: anonymous visitors, and the same uncompressed
   bytes both ways. Every answer is checked: the page 200 with a candidate's name in it, the
   file 200 with exactly the file's bytes; anything else fails the run.
5. Page and file, one after the other on the same server: ``WARMUP_S`` of each (discarded),
   then ``MEASURE_S`` of each measured in the order page, file, file, page (half the time in
   each slot, so that a slow drift of the machine weighs on both alike). Requests per second
   = requests completed in a slot / time from the start of the slot to the end of its last
   request, summed over the two slots of each.
6. The jury: 17 threads of the load process, one per juror, each with the juror's session
   cookie and CSRF token. Each first opens its marking screen (a check, not timed), then all
   start at once and each marks every candidate of the live round in the order of appearance,
   as fast as the server answers: ``POST /jury/rounds/<id>/marks/`` with JSON and
   ``X-CSRFToken``, as ``live-marking.js`` sends it (version 1, a whole number on the scale).
   One mark in ten (``RESEND_PROBABILITY``) is sent a second time after its answer, as the
   screen does after a lost answer; the answer must say "not applied". Meanwhile one office
   thread, with a pause of ``OFFICE_PAUSE_S`` after each, loads the office's live view of the
   round (it applies the conflicts of interest under the round's lock) and computes piano
   round 2 (``POST /live/<id>/compute/``; the computation is logged in the same edition's
   integrity log as the marks).
7. Afterwards, from the database (this script in a child process, with Django): every mark
   answered 200 must be in the database exactly once with the value and version the answer
   gave, with exactly one ``mark`` entry in the integrity log; the log's chain must verify.

Figures (stdout, one ``name: value`` line each)
-----------------------------------------------
- ``results.page_rps``: the round's published page, requests per second (step 5);
- ``results.static_rps``: the static file of the same size, the same way;
- ``results.ratio_to_static``: the first divided by the second (the target: at least 0.5);
- ``jury.mark_p95_ms``: the 95th percentile (nearest rank) of a mark's answer time, from
  sending to the whole answer, over the first sendings of marks started while all 17 jurors
  were still marking (resends and the stragglers' last marks are reported on stderr only);
- ``jury.mark_errors``: mark requests (first sendings and resends) not answered 200 with
  ``"ok": true``, or answered otherwise than expected (a resend applied again);
- ``jury.marks_lost``: marks answered 200 that are not in the database as answered;
- ``jury.marks_duplicated``: marks stored or logged more than once, or resends applied again.

The run exits 1 when a mark was lost or duplicated (after printing the figures), or when the
set-up, a check, or an answer under load was wrong (no figures). Progress and diagnostics go to
stderr: for every step the cores taken by gunicorn, the load generator, this database's
PostgreSQL backends, Redis, the kernel and every other process (a WARNING when others or the
hypervisor took more than ``NOISE_CORES``), gunicorn's CPU per request, latencies, the office's
computations.

Options, for experiments (``--help``): ``--measure``, ``--connections``, ``--workers``,
``--worker-class gthread --threads N``, ``--redis-db``, ``--no-redis``, ``--keep-db`` and
``--py-spy PATH`` (samples the workers while the page is measured; see the deadline rush).

Caveats
-------
- The load generator shares the two cores with the server; it is cheap per request but not
  free, and it costs the same per request for the page and the file. As it takes a larger
  share when the server answers faster, it holds the file's figure back a little more than the
  page's: the ratio is slightly flattered. The CPU shares on stderr say by how much.
- Without ``Accept-Encoding`` nothing is compressed. A browser would ask for gzip or brotli:
  WhiteNoise would then send the file's precompressed copy (a tenth of the bytes), and the page
  would go out as it is unless the proxy compresses it.
- gunicorn's sync worker closes the connection after every answer; a proxy in front keeps its
  own.
- After its first requests each worker serves the page from its own copy, asking Redis nothing
  while the publication version it follows (announced on Redis) stays the same
  (``publication.caching``); the figure is results night's steady state. The Redis commands
  per page request (the whole Redis server's, so other users count too) are on stderr.
- The set-up's names and marks are made up (seeded); the page has the size of a real round of
  40 candidates and 11 jurors, the marking the shape of a Chopin stage (17 jurors).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import math
import os
import random
import secrets
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
import bench_deadline_rush as rush  # noqa: E402  (its environment, database and web-server helpers)

rush.LOG_NAME = Path(__file__).stem
log = rush.log
BenchmarkFailed = rush.BenchmarkFailed

REPO = BENCH_DIR.parent
HOST = "127.0.0.1"
REDIS_PORT = 6379
REDIS_DB = 13  # emptied before and after the run
SEED = 20261130

PUBLISHED_CANDIDATES = 40
PUBLISHED_JURORS = 11
ADVANCING = 20
LIVE_CANDIDATES = 40
LIVE_JURORS = 17

WORKERS = 4  # gunicorn sync workers, as docs/deploy.md starts it
WORKER_CLASS = "sync"
THREADS = 1  # only for --worker-class gthread
CONNECTIONS = 16  # client connections for the page and the file
WARMUP_S = 3.0  # each of page and file, discarded
MEASURE_S = 20.0  # each of page and file, in two slots of half
RESEND_PROBABILITY = 0.10
OFFICE_PAUSE_S = 1.0
REQUEST_TIMEOUT_S = 30.0
NOISE_CORES = 0.15
TARGET_RATIO = 0.5
STATIC_NAME = "bench/results-night.html"


@dataclass(frozen=True)
class Options:
    measure_s: float
    connections: int
    workers: int
    worker_class: str
    threads: int
    redis_db: int
    use_redis: bool
    keep_db: bool
    py_spy: str | None
    profile_out: Path | None


# --- the HTTP client of the load process (no Django) ------------------------------------------


class EmptyAnswer(ConnectionError):
    """The server closed the connection before answering (a kept-alive connection it dropped)."""


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    cookies: list[str]
    body: bytes


class Client:
    """One connection to the server, HTTP/1.1, kept alive when the server allows it.

    Much cheaper than ``http.client`` (no header objects): the load generator must take as
    little as possible of the two cores the server needs."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock: socket.socket | None = None
        self.buffer = b""

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        self.buffer = b""

    def _connect(self) -> socket.socket:
        sock = socket.create_connection((HOST, self.port), timeout=REQUEST_TIMEOUT_S)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock, self.buffer = sock, b""
        return sock

    def send(self, request: bytes) -> Answer:
        reused = self.sock is not None
        sock = self.sock or self._connect()
        try:
            sock.sendall(request)
            return self._read(sock)
        except (EmptyAnswer, ConnectionResetError, BrokenPipeError):
            self.close()
            if not reused:
                raise
        sock = self._connect()
        sock.sendall(request)
        return self._read(sock)

    def _read(self, sock: socket.socket) -> Answer:
        buffer = self.buffer
        while (end := buffer.find(b"\r\n\r\n")) < 0:
            chunk = sock.recv(262_144)
            if not chunk:
                raise EmptyAnswer() if not buffer else ConnectionError("closed mid-answer")
            buffer += chunk
        lines = buffer[:end].decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers: dict[str, str] = {}
        cookies: list[str] = []
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "set-cookie":
                cookies.append(value.strip())
            else:
                headers[name] = value.strip()
        if "transfer-encoding" in headers:
            raise ConnectionError(f"unexpected Transfer-Encoding: {headers['transfer-encoding']}")
        rest = buffer[end + 4 :]
        keep = headers.get("connection", "").lower() != "close"
        if "content-length" in headers:
            length = int(headers["content-length"])
            parts, have = [rest], len(rest)
            while have < length:
                chunk = sock.recv(max(262_144, length - have))
                if not chunk:
                    raise ConnectionError("closed mid-body")
                parts.append(chunk)
                have += len(chunk)
            data = b"".join(parts) if len(parts) > 1 else rest
            body, self.buffer = data[:length], data[length:]
        else:  # the body ends with the connection
            parts = [rest]
            while chunk := sock.recv(262_144):
                parts.append(chunk)
            body, keep = b"".join(parts), False
        if not keep:
            self.close()
        return Answer(status, headers, cookies, body)


def build_request(
    method: str, path: str, port: int, headers: dict[str, str] | None = None, body: bytes = b""
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "User-Agent: concours-bench"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def hammer(
    port: int, request: bytes, check: Callable[[Answer], str | None], seconds: float, clients: int
) -> dict[str, Any]:
    """``clients`` threads sending ``request`` back to back for ``seconds``; every answer checked
    (``check`` returns what is wrong, or ``None``)."""
    start = time.perf_counter()
    deadline = start + seconds
    stop = threading.Event()
    latencies: list[list[float]] = [[] for _ in range(clients)]
    last_end = [start] * clients
    errors: list[str] = []

    def client(index: int) -> None:
        connection = Client(port)
        mine = latencies[index]
        try:
            while not stop.is_set() and (sent := time.perf_counter()) < deadline:
                answer = connection.send(request)
                done = time.perf_counter()
                problem = check(answer)
                if problem is not None:
                    errors.append(problem)
                    stop.set()
                    return
                mine.append(done - sent)
                last_end[index] = done
        except Exception as error:  # any failure of a client fails the run, loudly
            errors.append(repr(error))
            stop.set()
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 3 * REQUEST_TIMEOUT_S)
    if any(thread.is_alive() for thread in threads):
        errors.append("a client thread did not finish")
    flat = [value for values in latencies for value in values]
    return {
        "requests": len(flat),
        "seconds": max(last_end) - start,
        "latencies": flat,
        "errors": errors[:5],
    }


@dataclass
class LoadConfig:
    port: int
    setup: dict[str, Any]
    csrf: str
    static_bytes: bytes = field(repr=False)


def page_check(expect: bytes) -> Callable[[Answer], str | None]:
    def check(answer: Answer) -> str | None:
        if answer.status != 200:
            return f"the page answered {answer.status}: {answer.body[:300]!r}"
        if expect not in answer.body:
            return f"the page answered 200 without {expect!r}"
        return None

    return check


def static_check(expected: bytes) -> Callable[[Answer], str | None]:
    def check(answer: Answer) -> str | None:
        if answer.status != 200:
            return f"the static file answered {answer.status}: {answer.body[:300]!r}"
        if answer.body != expected:
            return f"the static file answered 200 with other bytes ({len(answer.body)} bytes)"
        return None

    return check


def load_target(config: LoadConfig, target: str, seconds: float, clients: int) -> dict[str, Any]:
    headers = {"Accept": "text/html", "Accept-Language": "en"}
    if target == "page":
        path, check = config.setup["page_path"], page_check(config.setup["expect"].encode())
    else:
        path, check = config.setup["static_path"], static_check(config.static_bytes)
    request = build_request("GET", path, config.port, headers)
    return hammer(config.port, request, check, seconds, clients)


def juror_mark_value(juror: int, position: int) -> int:
    """A whole number on the scale 1-25, the same for a juror and position in every run."""
    return 8 + (juror * 7 + position * 11 + (juror * position) % 5) % 18


def run_jury(config: LoadConfig) -> dict[str, Any]:
    """Every juror marks every candidate, all at once; the office computes meanwhile."""
    setup, port, csrf = config.setup, config.port, config.csrf
    origin = f"http://{HOST}:{port}"
    live_round = setup["live_round"]
    order: list[str] = setup["order"]
    jurors: list[dict[str, Any]] = setup["jurors"]
    rng = random.Random(SEED)
    resend = [[rng.random() < RESEND_PROBABILITY for _ in order] for _ in jurors]
    start_line = threading.Barrier(len(jurors) + 2)  # the jurors, the office, this thread
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    finished: list[float] = []
    lock = threading.Lock()
    marking_done = threading.Event()

    def juror(index: int, seat: dict[str, Any]) -> None:
        cookie = f"sessionid={seat['session']}; csrftoken={csrf}"
        connection = Client(port)
        mine: list[dict[str, Any]] = []
        try:
            answer = connection.send(
                build_request("GET", f"/jury/rounds/{live_round}/", port, {"Cookie": cookie})
            )
            if answer.status != 200 or b"data-mark-url" not in answer.body:
                raise BenchmarkFailed(
                    f"juror {seat['seat']}: the marking screen answered {answer.status}"
                )
        except Exception as error:
            with lock:
                problems.append(f"juror {seat['seat']}: {error!r}")
            start_line.abort()
            return
        try:
            start_line.wait(timeout=60)
        except threading.BrokenBarrierError:
            return
        headers = {
            "Cookie": cookie, "Content-Type": "application/json", "X-CSRFToken": csrf,
            "Origin": origin, "Accept": "application/json",
        }  # fmt: skip
        path = f"/jury/rounds/{live_round}/marks/"
        for position, reference in enumerate(order):
            value = juror_mark_value(index, position)
            body = json.dumps(
                {"application": reference, "status": "scored", "value": str(value),
                 "vote": None, "notes": "", "feedback": "", "version": 1}
            ).encode()  # fmt: skip
            request = build_request("POST", path, port, headers, body)
            for resent in (False, True) if resend[index][position] else (False,):
                record: dict[str, Any] = {
                    "seat": seat["seat"], "reference": reference, "value": value, "version": 1,
                    "resent": resent, "start": time.time(),
                }  # fmt: skip
                sent = time.perf_counter()
                try:
                    answer = connection.send(request)
                except Exception as error:
                    connection.close()
                    record.update(ms=1000 * (time.perf_counter() - sent), status=0,
                                  error=repr(error))  # fmt: skip
                    mine.append(record)
                    continue
                record["ms"] = 1000 * (time.perf_counter() - sent)
                record["status"] = answer.status
                try:
                    data = json.loads(answer.body)
                except ValueError:
                    data = {}
                record["ok"] = bool(data.get("ok")) if isinstance(data, dict) else False
                if record["ok"]:
                    record["applied"] = data["applied"]
                    record["answered"] = {
                        "status": data["mark"]["status"], "value": data["mark"]["value"],
                        "version": data["mark"]["version"],
                    }  # fmt: skip
                else:
                    record["error"] = answer.body[:200].decode("utf-8", "replace")
                mine.append(record)
        connection.close()
        with lock:
            records.extend(mine)
            finished.append(time.time())

    def office() -> None:
        cookie = f"sessionid={setup['office_session']}; csrftoken={csrf}"
        connection = Client(port)
        view = build_request("GET", f"/live/{live_round}/", port, {"Cookie": cookie})
        compute = build_request(
            "POST", f"/live/{setup['compute_round']}/compute/", port,
            {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
             "Origin": origin},
            f"csrfmiddlewaretoken={csrf}".encode(),
        )  # fmt: skip
        try:
            start_line.wait(timeout=60)
        except threading.BrokenBarrierError:
            return
        while not marking_done.is_set():
            for what, request in (("live view", view), ("compute", compute)):
                sent = time.perf_counter()
                answer = connection.send(request)
                ms = 1000 * (time.perf_counter() - sent)
                good = answer.status == 200 if what == "live view" else (
                    answer.status == 302
                    and rush.SUCCESS_LEVEL in rush.message_levels(answer.cookies)
                )  # fmt: skip
                with lock:
                    records.append({"office": what, "ms": ms, "status": answer.status,
                                    "ok": good, "start": time.time()})  # fmt: skip
                    if not good:
                        problems.append(f"office {what}: answered {answer.status}")
            marking_done.wait(OFFICE_PAUSE_S)
        connection.close()

    threads = [
        threading.Thread(target=juror, args=(i, seat), daemon=True) for i, seat in enumerate(jurors)
    ]
    threads.append(threading.Thread(target=office, daemon=True))
    for thread in threads:
        thread.start()
    try:
        start_line.wait(timeout=120)
    except threading.BrokenBarrierError:
        marking_done.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT_S)
        return {"records": records, "problems": problems or ["the jurors did not start"]}
    started = time.time()
    for thread in threads[:-1]:
        thread.join(timeout=600)
    marking_done.set()
    threads[-1].join(timeout=2 * REQUEST_TIMEOUT_S)
    return {
        "records": records,
        "problems": problems,
        "started": started,
        "first_done": min(finished, default=time.time()),
        "last_done": max(finished, default=time.time()),
    }


def internal_load(port: int, setup_path: Path, csrf: str) -> None:
    """The load process: runs the parent's commands (one JSON line each) and answers each with
    one JSON line, so that the parent can measure the CPU around each step."""
    setup = json.loads(setup_path.read_text(encoding="utf-8"))
    config = LoadConfig(port, setup, csrf, Path(setup["static_file"]).read_bytes())
    for line in sys.stdin:
        command = json.loads(line)
        if command["op"] == "quit":
            return
        if command["op"] == "load":
            result = load_target(config, command["target"], command["seconds"], command["clients"])
        elif command["op"] == "jury":
            result = run_jury(config)
        else:
            result = {"errors": [f"unknown command {command!r}"]}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


# --- CPU shares on stderr ----------------------------------------------------------------------


class CpuMeter:
    """The CPU each party takes during a step, sampled from ``/proc`` every second: gunicorn
    (master and workers), the load process, this database's PostgreSQL backends, Redis, the
    kernel threads; the rest of the machine's time is other processes'."""

    PARTIES = ("server", "client", "database", "redis")

    def __init__(self, server_pid: int, client_pid: int, database: str) -> None:
        self.server_pid, self.client_pid, self.database = server_pid, client_pid, database
        self.ticks: dict[str, dict[int, int]] = {party: {} for party in self.PARTIES}
        self.used = dict.fromkeys(self.PARTIES, 0)
        self.start: tuple[float, list[int], int] | None = None
        self.end: tuple[float, list[int], int] | None = None
        self.conn: Any = None

    def __enter__(self) -> CpuMeter:
        import psycopg

        with contextlib.suppress(psycopg.Error):
            self.conn = psycopg.connect(rush.PG_ADMIN_URL, autocommit=True, connect_timeout=5)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.conn is not None:
            self.conn.close()

    def database_pids(self) -> set[int]:
        if self.conn is None:
            return set()
        rows = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (self.database,),
        ).fetchall()
        return {int(row[0]) for row in rows}

    def sample(self) -> None:
        try:
            machine = [int(v) for v in Path("/proc/stat").read_text().split()[1:9]]
        except (OSError, ValueError):
            return
        database_pids = self.database_pids()
        kernel = 0
        seen: dict[str, dict[int, int]] = {party: {} for party in self.PARTIES}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            try:
                ppid, flags, ticks = rush.process_stat(pid)
                if flags & 0x00200000 or pid == 2 or ppid == 2:  # PF_KTHREAD
                    kernel += ticks
                elif pid == self.server_pid or ppid == self.server_pid:
                    seen["server"][pid] = ticks
                elif pid == self.client_pid:
                    seen["client"][pid] = ticks
                elif pid in database_pids:
                    seen["database"][pid] = ticks
                elif (entry / "comm").read_text().strip() == "redis-server":
                    seen["redis"][pid] = ticks
            except (OSError, ValueError, IndexError):
                continue  # gone in the meantime
        first = self.start is None
        for party, now in seen.items():
            before = self.ticks[party]
            if not first:
                self.used[party] += sum(t - before.get(pid, 0) for pid, t in now.items())
            before.update(now)
        point = (time.monotonic(), machine, kernel)
        if first:
            self.start = point
        self.end = point

    def report(self, name: str) -> dict[str, float]:
        """CPU seconds of each party in the step (and ``wall``); one line on stderr."""
        if self.start is None or self.end is None or self.end[0] <= self.start[0]:
            return {}
        tick = os.sysconf("SC_CLK_TCK")
        wall = self.end[0] - self.start[0]
        delta = [b - a for a, b in zip(self.start[1], self.end[1], strict=True)]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (d / tick / wall for d in delta)
        cores = {party: ticks / tick / wall for party, ticks in self.used.items()}
        kernel = (self.end[2] - self.start[2]) / tick / wall
        others = max(0.0, user + nice + system - sum(cores.values()) - kernel)
        line = (
            f"{name}: cores used by gunicorn {cores['server']:.2f}, the load generator "
            f"{cores['client']:.2f}, PostgreSQL (this database) {cores['database']:.2f}, Redis "
            f"{cores['redis']:.2f}, kernel threads {kernel:.2f}, interrupts "
            f"{irq + softirq:.2f}, other processes {others:.2f}; stolen {steal:.2f}"
        )
        if others > NOISE_CORES or steal > NOISE_CORES:
            line += " — WARNING: the machine was not quiet, these figures are not comparable"
        log(line)
        return {**{party: c * wall for party, c in cores.items()}, "wall": wall}


# --- the parent: environment, database, Redis, server, load, figures -------------------------


class LoadProcess:
    """The load generator's process, driven one command at a time."""

    def __init__(self, port: int, setup_path: Path, csrf: str) -> None:
        command = [sys.executable, __file__, "--internal-load", str(port), str(setup_path), csrf]
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=sys.stderr,
            text=True,
            start_new_session=True,
        )

    def run(self, command: dict[str, Any], meter: CpuMeter | None, timeout: float) -> Any:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        if meter is not None:
            meter.sample()
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout
        while True:
            ready, _, _ = select.select([self.process.stdout], [], [], 1.0)
            if ready:
                line = self.process.stdout.readline()
                break
            if meter is not None:
                meter.sample()
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise BenchmarkFailed(f"the load process stopped answering ({command['op']})")
        if meter is not None:
            meter.sample()
        if not line:
            raise BenchmarkFailed(f"the load process exited ({command['op']})")
        return json.loads(line)

    def stop(self) -> None:
        if self.process.poll() is None and self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
                self.process.stdin.flush()
        rush.stop_group(self.process, "the load process", 10)  # type: ignore[arg-type]


@contextlib.contextmanager
def redis_database(options: Options) -> Iterator[str | None]:
    """``REDIS_URL`` for the server, the database emptied before and after; ``None`` when Redis
    does not answer (the run then uses each worker's local-memory cache)."""
    if not options.use_redis:
        log("--no-redis: each worker's local-memory cache")
        yield None
        return
    import redis

    client = redis.Redis(host=HOST, port=REDIS_PORT, db=options.redis_db, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        log(
            f"Redis does not answer at {HOST}:{REDIS_PORT} ({error}): the run uses each worker's "
            "local-memory cache instead, not the production set-up"
        )
        yield None
        return
    url = f"redis://{HOST}:{REDIS_PORT}/{options.redis_db}"
    log(f"Redis at {url}: emptying it ({client.dbsize()} keys)")
    client.flushdb()
    try:
        yield url
    finally:
        with contextlib.suppress(redis.RedisError):
            client.flushdb()
            log(f"emptied Redis database {options.redis_db}")
        client.close()


def flush_redis(url: str | None) -> None:
    if url is None:
        return
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    client.flushdb()
    client.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * p / 100)) - 1]


@dataclass
class Throughput:
    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    server_cpu_s: float = 0.0
    cores: dict[str, float] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def check_once(port: int, setup: dict[str, Any], static_bytes: bytes) -> None:
    """The page and the file once each, before any load: right answers, same size."""
    status, _, _, body = rush.http_request(
        port, "GET", setup["page_path"], headers={"Accept-Language": "en"}
    )
    if status != 200 or setup["expect"].encode() not in body:
        raise BenchmarkFailed(
            f"{setup['page_path']} answered {status} without {setup['expect']!r}: {body[:300]!r}"
        )
    page_size = len(body)
    status, _, _, body = rush.http_request(port, "GET", setup["static_path"])
    if status != 200 or body != static_bytes:
        raise BenchmarkFailed(f"{setup['static_path']} answered {status}, {len(body)} bytes")
    log(
        f"the page answers 200 with {setup['expect']!r} ({page_size} bytes); the static file "
        f"{setup['static_path']} answers 200 with its {len(static_bytes)} bytes"
    )
    if abs(page_size - len(static_bytes)) > 64:
        raise BenchmarkFailed("the page and the static file differ in size")


def redis_commands(url: str | None) -> int | None:
    """Commands the Redis server has processed so far (every database, every client)."""
    if url is None:
        return None
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        return int(client.info("stats")["total_commands_processed"])
    except redis.RedisError:
        return None
    finally:
        client.close()


def measure_pages(
    load: LoadProcess, server_pid: int, database: str, options: Options, redis_url: str | None
) -> dict[str, Throughput]:
    clients = options.connections
    for target in ("page", "static"):
        log(f"{target}: {WARMUP_S:g} s warm-up, {clients} connections")
        result = load.run(
            {"op": "load", "target": target, "seconds": WARMUP_S, "clients": clients},
            None,
            WARMUP_S + 3 * REQUEST_TIMEOUT_S,
        )
        if result["errors"]:
            raise BenchmarkFailed(f"{target} under load: {result['errors'][0]}")
    totals = {"page": Throughput(), "static": Throughput()}
    commands: dict[str, int | None] = {"page": 0, "static": 0}
    slot = options.measure_s / 2
    for target in ("page", "static", "static", "page"):
        log(f"{target}: {slot:g} s measured, {clients} connections")
        commands_before = redis_commands(redis_url)
        with CpuMeter(server_pid, load.process.pid, database) as meter:
            result = load.run(
                {"op": "load", "target": target, "seconds": slot, "clients": clients},
                meter,
                slot + 3 * REQUEST_TIMEOUT_S,
            )
            cpu = meter.report(f"{target} ({result['requests']} requests)")
        commands_after = redis_commands(redis_url)
        if commands_before is None or commands_after is None or commands[target] is None:
            commands[target] = None
        else:
            commands[target] += commands_after - commands_before  # type: ignore[operator]
        if result["errors"]:
            raise BenchmarkFailed(f"{target} under load: {result['errors'][0]}")
        total = totals[target]
        total.requests += result["requests"]
        total.seconds += result["seconds"]
        total.latencies += result["latencies"]
        for party, seconds in cpu.items():
            total.cores[party] = total.cores.get(party, 0.0) + seconds
    for target, total in totals.items():
        wall = total.cores.get("wall", 0.0)
        per_request = (
            ", ".join(
                f"{party} {1000 * total.cores[party] / total.requests:.2f}"
                for party in CpuMeter.PARTIES
            )
            if wall
            else "(no /proc)"
        )
        redis_line = (
            f"; Redis commands per request {commands[target] / total.requests:.3f}"
            if commands[target] is not None
            else ""
        )
        log(
            f"{target}: {total.requests} requests in {total.seconds:.1f} s = {total.rps:.1f}/s; "
            f"latency p50 {1000 * percentile(total.latencies, 50):.1f} ms, p95 "
            f"{1000 * percentile(total.latencies, 95):.1f} ms; CPU ms per request: {per_request}"
            f"{redis_line}"
        )
    return totals


@dataclass
class JuryFigures:
    p95_ms: float
    errors: int
    records: list[dict[str, Any]]


def measure_jury(
    load: LoadProcess, server_pid: int, database: str, setup: dict[str, Any]
) -> JuryFigures:
    log(
        f"jury: {len(setup['jurors'])} jurors each mark {len(setup['order'])} candidates at once "
        f"(one mark in {round(1 / RESEND_PROBABILITY)} sent twice); the office opens its live "
        f"view and computes another round, pausing {OFFICE_PAUSE_S:g} s between"
    )
    with CpuMeter(server_pid, load.process.pid, database) as meter:
        result = load.run({"op": "jury"}, meter, 900)
        cpu = meter.report("jury")
    for problem in result["problems"][:5]:
        log(f"jury: {problem}")
    if "started" not in result:
        raise BenchmarkFailed("the jurors could not start")
    marks = [r for r in result["records"] if "seat" in r]
    office = [r for r in result["records"] if "office" in r]
    first = [r for r in marks if not r["resent"]]
    resent = [r for r in marks if r["resent"]]
    window = [r for r in first if r["start"] < result["first_done"]]
    errors = sum(1 for r in marks if r["status"] != 200 or not r.get("ok"))
    errors += sum(1 for r in resent if r.get("ok") and r.get("applied"))
    errors += sum(1 for r in first if r.get("ok") and not r.get("applied"))
    duration = result["last_done"] - result["started"]
    all_ms = [r["ms"] for r in first]
    log(
        f"jury: {len(first)} marks and {len(resent)} resends in {duration:.1f} s "
        f"({len(marks) / duration:.1f} requests/s); all 17 marking for the first "
        f"{result['first_done'] - result['started']:.1f} s ({len(window)} marks): p50 "
        f"{percentile([r['ms'] for r in window], 50):.0f} ms, p95 "
        f"{percentile([r['ms'] for r in window], 95):.0f} ms; every first sending: p95 "
        f"{percentile(all_ms, 95):.0f} ms, max {max(all_ms):.0f} ms; resends p95 "
        f"{percentile([r['ms'] for r in resent] or [0.0], 95):.0f} ms"
    )
    for what in ("live view", "compute"):
        times = [r["ms"] for r in office if r["office"] == what]
        if times:
            log(
                f"office {what}: {len(times)} requests, p50 {percentile(times, 50):.0f} ms, "
                f"max {max(times):.0f} ms"
            )
    if cpu and marks:
        log(
            f"jury: CPU ms per request (marks, resends and the office's): gunicorn "
            f"{1000 * cpu['server'] / (len(marks) + len(office)):.1f}, PostgreSQL "
            f"{1000 * cpu['database'] / (len(marks) + len(office)):.1f}"
        )
    if not window:
        raise BenchmarkFailed("no mark was answered while all the jurors were marking")
    return JuryFigures(percentile([r["ms"] for r in window], 95), errors, marks)


def run(options: Options) -> int:
    started = time.monotonic()
    database = f"concours_night_{os.getpid()}"
    csrf = "".join(secrets.choice(rush.CSRF_ALPHABET) for _ in range(32))
    with tempfile.TemporaryDirectory(prefix="concours-night-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "uploads-in-flight").mkdir()
        try:
            with redis_database(options) as redis_url:
                env = rush.server_environment(tmp, database)
                env.pop("REDIS_URL", None)
                if redis_url is not None:
                    env["REDIS_URL"] = redis_url
                log(f"throw-away environment in {tmp}; database {database}")
                with rush.throwaway_database(database, options.keep_db):
                    rush.manage(env, "migrate", "--no-input", "-v", "0")
                    rush.manage(env, "collectstatic", "--no-input", "-v", "0")
                    setup_path = tmp / "setup.json"
                    rush.run_child(
                        env, [sys.executable, __file__, "--internal-setup", str(setup_path)],
                        "set-up: a published round, a closed round and a live round",
                        rush.SETUP_TIMEOUT_S,
                    )  # fmt: skip
                    setup = json.loads(setup_path.read_text(encoding="utf-8"))
                    static_bytes = Path(setup["static_file"]).read_bytes()
                    flush_redis(redis_url)  # the server starts with nothing cached
                    port = rush.free_port()
                    with rush.web_server(env, port, tmp / "gunicorn.log", options) as server:  # type: ignore[arg-type]
                        check_once(port, setup, static_bytes)
                        load = LoadProcess(port, setup_path, csrf)
                        profiler = None
                        try:
                            if options.py_spy:
                                profiler = rush.start_py_spy(options, server.pid, tmp)  # type: ignore[arg-type]
                            pages = measure_pages(load, server.pid, database, options, redis_url)
                            if profiler is not None:
                                rush.stop_group(profiler, "py-spy", 30)
                                profiler = None
                            jury = measure_jury(load, server.pid, database, setup)
                        finally:
                            load.stop()
                            if profiler is not None:
                                rush.stop_group(profiler, "py-spy", 30)
                    tracebacks = rush.tail(tmp / "gunicorn.log", 400).count("Traceback")
                    if tracebacks:
                        log(f"the gunicorn log has {tracebacks} tracebacks; its end:")
                        log(rush.tail(tmp / "gunicorn.log"))
                    checked = verify(env, tmp, jury.records)
            if options.py_spy:
                rush.summarize_profile(options.profile_out or tmp / "profile.txt")
        except BenchmarkFailed as error:
            log(f"FAILED: {error}")
            return 1
    page_rps, static_rps = pages["page"].rps, pages["static"].rps
    ratio = page_rps / static_rps
    print(f"results.page_rps: {page_rps:.1f}")
    print(f"results.static_rps: {static_rps:.1f}")
    print(f"results.ratio_to_static: {ratio:.2f}")
    print(f"jury.mark_p95_ms: {jury.p95_ms:.0f}")
    print(f"jury.mark_errors: {jury.errors}")
    print(f"jury.marks_lost: {checked['lost']}")
    print(f"jury.marks_duplicated: {checked['duplicated']}")
    verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
    log(f"the target ratio of issue 5 (at least {TARGET_RATIO}) is {verdict}: {ratio:.2f}")
    log(f"done in {time.monotonic() - started:.0f} s")
    if checked["lost"] or checked["duplicated"] or checked["chain_problems"]:
        log("FAILED: answers and database disagree (lost or duplicated marks, or a broken log)")
        return 1
    return 0


def verify(env: dict[str, str], tmp: Path, records: list[dict[str, Any]]) -> dict[str, Any]:
    records_path, out = tmp / "jury_records.json", tmp / "verified.json"
    records_path.write_text(json.dumps(records), encoding="utf-8")
    rush.run_child(
        env,
        [sys.executable, __file__, "--internal-verify", str(tmp / "setup.json"),
         str(records_path), str(out)],
        "checking every mark's answer against the database and the integrity log",
        rush.SETUP_TIMEOUT_S,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    log(
        f"database: {result['stored']} marks in the live round, {result['logged']} mark entries "
        f"in the log; stored without a 200 answer: {result['unanswered']}; the log's chain: "
        f"{result['chain_problems'] or 'verified'}"
    )
    for example in result["examples"]:
        log(f"NOT AS ANSWERED: {example}")
    return result


# --- child processes with Django: the set-up and the check -----------------------------------


def internal_setup(out: Path) -> None:
    """The edition: piano round 1 published, piano round 2 closed, violin round 1 live."""
    import datetime as dt
    from decimal import Decimal

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.test import Client as DjangoClient
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.crypto import get_random_string
    from faker import Faker

    from concours.accounts.models import User
    from concours.applications.models import Application, ApplicationStatus, CandidateProfile
    from concours.competitions.models import EditionStatus, JuryMember, OfficeStaff
    from concours.competitions.tests.factories import (
        CompetitionFactory,
        DivisionFactory,
        EditionFactory,
        RoundFactory,
    )
    from concours.jury.services import accept_declaration
    from concours.ledger.services import edition_chain
    from concours.publication.models import Listing
    from concours.publication.services import publish_round
    from concours.results.live import order_of_appearance, step_round
    from concours.results.models import Mark, MarkStatus, RoundStage

    now = timezone.now()
    rng = random.Random(SEED)
    fake = Faker(["en_US", "pl_PL", "de_DE", "fr_FR", "it_IT", "es_ES"])
    fake.seed_instance(SEED)
    counter = iter(range(1_000_000))

    def users(count: int, kind: str) -> list[Any]:
        return User.objects.bulk_create(
            User(email=f"night-{kind}-{next(counter)}@example.org", full_name=fake.name(),
                 password=make_password(None), email_verified_at=now)
            for _ in range(count)
        )  # fmt: skip

    def candidates(division: Any, count: int) -> list[Any]:
        profiles = CandidateProfile.objects.bulk_create(
            CandidateProfile(user=user, given_name=fake.first_name(),
                             family_name=fake.last_name(), birth_date=dt.date(2001, 3, 4),
                             citizenship="PL", country_represented="PL", residence="DE")
            for user in users(count, "candidate")
        )  # fmt: skip
        return Application.objects.bulk_create(
            Application(candidate=p, division=division, status=ApplicationStatus.ADMITTED)
            for p in profiles
        )

    def jurors(division: Any, count: int, *, accounts: bool) -> list[Any]:
        people = users(count, "juror") if accounts else [None] * count
        return [
            JuryMember.objects.create(edition=edition, division=division, name_en=fake.name(),
                                      country=rng.choice(["PL", "DE", "FR", "US", "CN", "JP"]),
                                      user=user, is_chair=(n == 0))
            for n, user in enumerate(people)
        ]  # fmt: skip

    def marks(round_: Any, applications: list[Any], seats: list[Any], conflicts: int) -> None:
        pairs = [(a, s) for a in applications for s in seats]
        conflicted = set(rng.sample(range(len(pairs)), conflicts))
        Mark.objects.bulk_create(
            Mark(round=round_, application=a, juror=s, version=1,
                 status=MarkStatus.STUDENT if n in conflicted else MarkStatus.SCORED,
                 value=None if n in conflicted else Decimal(rng.randint(12, 25)))
            for n, (a, s) in enumerate(pairs)
        )  # fmt: skip

    edition = EditionFactory(
        competition=CompetitionFactory(slug="night", name_en="Results Night Competition"),
        year=now.year,
        status=EditionStatus.RUNNING,
    )
    office = users(1, "office")[0]
    OfficeStaff.objects.create(user=office, competition=edition.competition)
    rule = {"scoring_preset": "mean", "scoring_parameters": {"scale": [1, 25]}}

    # Piano: round 1 published, round 2 closed (the office computes it during the marking).
    piano = DivisionFactory(edition=edition, slug="piano", name_en="Piano", name_zh="钢琴")
    first = RoundFactory(division=piano, number=1, advancing=ADVANCING, **rule)
    second = RoundFactory(division=piano, number=2, advancing=10, **rule)
    applicants = candidates(piano, PUBLISHED_CANDIDATES)
    piano_jury = jurors(piano, PUBLISHED_JURORS, accounts=False)
    step_round(round_=first, to=RoundStage.LIVE, by=office)
    marks(first, applicants, piano_jury, conflicts=2)
    for stage in (RoundStage.CLOSED, RoundStage.COMPUTED, RoundStage.DECIDED):
        step_round(round_=first, to=stage, by=office)
    publish_round(
        round_=first, publish_at=now - dt.timedelta(hours=2), sheets_at=now - dt.timedelta(hours=1),
        listing=Listing.ALPHABETICAL, release_feedback=False, by=office,
    )  # fmt: skip
    step_round(round_=second, to=RoundStage.LIVE, by=office)
    marks(second, order_of_appearance(second), piano_jury, conflicts=0)
    step_round(round_=second, to=RoundStage.CLOSED, by=office)

    # Violin: round 1 live, 17 jurors signed in who accepted the declaration.
    violin = DivisionFactory(edition=edition, slug="violin", name_en="Violin", name_zh="小提琴")
    live = RoundFactory(division=violin, number=1, advancing=ADVANCING, **rule)
    candidates(violin, LIVE_CANDIDATES)
    violin_jury = jurors(violin, LIVE_JURORS, accounts=True)
    for seat in violin_jury:
        accept_declaration(seat=seat, by=seat.user)
    step_round(round_=live, to=RoundStage.LIVE, by=office)

    backend = settings.AUTHENTICATION_BACKENDS[0]
    expire = now + dt.timedelta(days=1)
    people = [office, *(seat.user for seat in violin_jury)]
    sessions = [
        Session(
            session_key=get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
            session_data=SessionStore().encode(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: backend,
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                }
            ),
            expire_date=expire,
        )
        for user in people
    ]
    Session.objects.bulk_create(sessions)

    # The page as an anonymous visitor gets it; its bytes become the static file.
    path = reverse(
        "publication:round",
        kwargs={"slug": "night", "year": edition.year, "round_id": first.pk},
    )
    response = DjangoClient(HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="en").get(path)
    body = response.content
    name = sorted(applicants, key=lambda a: a.pk)[7].candidate.display_name
    expect = html.escape(name)
    for needed in (expect, "<table", "charts/heatmap.svg"):
        if response.status_code != 200 or needed.encode() not in body:
            raise SystemExit(f"the round's page answered {response.status_code} without {needed}")
    static_file = Path(settings.STATIC_ROOT) / STATIC_NAME
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes(body)
    out.write_text(
        json.dumps(
            {
                "page_path": path,
                "expect": expect,
                "static_path": settings.STATIC_URL + STATIC_NAME,
                "static_file": str(static_file),
                "live_round": live.pk,
                "compute_round": second.pk,
                "chain": edition_chain(edition.pk),
                "order": [str(a.reference) for a in order_of_appearance(live)],
                "office_session": sessions[0].session_key,
                "jurors": [
                    {"seat": seat.pk, "session": session.session_key}
                    for seat, session in zip(violin_jury, sessions[1:], strict=True)
                ],
            }
        ),
        encoding="utf-8",
    )
    log(
        f"set-up: piano round 1 published ({PUBLISHED_CANDIDATES} candidates, "
        f"{PUBLISHED_JURORS} jurors; its page {len(body)} bytes), piano round 2 closed, "
        f"violin round 1 live ({LIVE_CANDIDATES} candidates, {LIVE_JURORS} jurors signed in)"
    )


def internal_verify(setup_path: Path, records_path: Path, out: Path) -> None:
    """Every mark answered 200 is stored once as answered and logged once; the chain verifies."""
    import django

    django.setup()
    from concours.applications.models import Application
    from concours.ledger.models import Entry
    from concours.ledger.selectors import verify as verify_chain
    from concours.results.models import Mark
    from concours.results.services import plain

    setup = json.loads(setup_path.read_text(encoding="utf-8"))
    records = json.loads(records_path.read_text(encoding="utf-8"))
    ids = {
        str(reference): pk
        for reference, pk in Application.objects.filter(reference__in=setup["order"]).values_list(
            "reference", "pk"
        )
    }
    stored: dict[tuple[int, int], list[Mark]] = {}
    for mark in Mark.objects.filter(round_id=setup["live_round"]):
        stored.setdefault((mark.juror_id, mark.application_id), []).append(mark)
    logged: dict[tuple[int, int], int] = {}
    for payload in Entry.objects.filter(chain__key=setup["chain"], kind="mark").values_list(
        "payload", flat=True
    ):
        if payload.get("round") == setup["live_round"]:
            key = (payload["juror"], payload["application"])
            logged[key] = logged.get(key, 0) + 1
    lost = duplicated = 0
    examples: list[str] = []
    answered: set[tuple[int, int]] = set()
    for record in records:
        key = (record["seat"], ids[record["reference"]])
        if record["status"] != 200 or not record.get("ok"):
            continue
        answered.add(key)
        if record["resent"] and record["applied"]:
            duplicated += 1
            examples.append(f"{key}: a resend was applied again")
        rows = stored.get(key, [])
        expected = record["answered"]
        if not rows or not any(
            str(plain(m.value)) == expected["value"] and m.version == expected["version"]
            for m in rows
        ):
            lost += 1
            examples.append(f"{key}: answered {expected}, stored {[m.value for m in rows]}")
    for key, rows in stored.items():
        if len(rows) > 1 or logged.get(key, 0) > 1:
            duplicated += 1
            examples.append(f"{key}: {len(rows)} marks, {logged.get(key, 0)} log entries")
        elif key in answered and logged.get(key, 0) != 1:
            lost += 1
            examples.append(f"{key}: stored, but {logged.get(key, 0)} log entries")
    out.write_text(
        json.dumps(
            {
                "lost": lost,
                "duplicated": duplicated,
                "stored": sum(len(rows) for rows in stored.values()),
                "logged": sum(logged.values()),
                "unanswered": len(set(stored) - answered),
                "chain_problems": [str(p) for p in verify_chain(setup["chain"])][:5],
                "examples": examples[:5],
            }
        ),
        encoding="utf-8",
    )


# --- main --------------------------------------------------------------------------------------


def parse_options(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--measure", type=float, default=MEASURE_S, help="seconds for each")
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default=WORKER_CLASS)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--redis-db", type=int, default=REDIS_DB)
    parser.add_argument("--no-redis", action="store_true", help="local-memory cache instead")
    parser.add_argument("--py-spy", help="path of a py-spy binary: profile the workers")
    parser.add_argument("--profile-out", type=Path, help="where py-spy writes (kept)")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    args = parser.parse_args(argv)
    if not (0 < args.measure <= 600 and 1 <= args.connections <= 256):
        parser.error("--measure or --connections out of bounds (600 s, 256)")
    return Options(
        measure_s=args.measure, connections=args.connections, workers=args.workers,
        worker_class=args.worker_class, threads=args.threads, redis_db=args.redis_db,
        use_redis=not args.no_redis, keep_db=args.keep_db, py_spy=args.py_spy,
        profile_out=args.profile_out,
    )  # fmt: skip


def terminate_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def main(argv: list[str]) -> int:
    if argv[:1] in (["--internal-setup"], ["--internal-verify"]):
        sys.path.insert(0, str(REPO))  # the children import Django and the project
    if argv[:1] == ["--internal-setup"]:
        internal_setup(Path(argv[1]))
        return 0
    if argv[:1] == ["--internal-verify"]:
        internal_verify(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        return 0
    if argv[:1] == ["--internal-load"]:
        internal_load(int(argv[1]), Path(argv[2]), argv[3])
        return 0
    signal.signal(signal.SIGTERM, terminate_on_sigterm)
    return run(parse_options(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
