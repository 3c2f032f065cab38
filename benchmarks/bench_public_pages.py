"""Throughput and latency of the public pages, served as in production (gunicorn + WhiteNoise).

Run from the repository root::

    .venv/bin/python benchmarks/bench_public_pages.py        # or: make bench

Method
------
1. A throw-away environment in a temporary directory: the SQLite database (unless
   ``DATABASE_URL`` is set, in which case that database is used as is), ``STATIC_ROOT`` and
   ``MEDIA_ROOT``. Production settings: ``DEBUG=0``, a random ``SECRET_KEY``,
   ``ALLOWED_HOSTS=127.0.0.1``, ``SECURE_SSL_REDIRECT=0`` (plain http on loopback),
   ``CONCOURS_DEMO=0`` and ``DATABASE_CONN_MAX_AGE=60`` (the production value of
   ``docs/deploy.md``; an explicit value in the environment wins).
2. ``migrate``, ``load_demo --if-empty`` and ``collectstatic``. The compiled translations come
   from ``make messages``; the Chinese page is checked to really be Chinese.
3. ``gunicorn concours.wsgi`` with 2 workers (default sync worker class, as in
   ``docs/deploy.md``) on a free port of 127.0.0.1, waited for through ``/healthz``.
4. Each URL is first checked once (status 200 and an expected fragment of the body: the
   Chinese home page must say ``<html lang="zh-hans">``), then loaded by ``CLIENTS`` threads of
   this process, each with its own ``http.client`` connection kept alive whenever the server
   allows it, back to back with no think time: ``WARMUP_S`` seconds discarded, then
   ``MEASURE_S`` seconds (at most ``MAX_REQUESTS`` requests) measured. Requests per second =
   requests started in the measured window / time from the start of that window to the end of
   its last request. Latency = time from sending the request to reading the whole body, as the
   client sees it; p50 and p95 by nearest rank.
5. While each URL is measured, ``/proc`` tells (on stderr) how many cores gunicorn, the clients,
   a local PostgreSQL and every other process used, and how much the hypervisor stole; more
   than ``NOISE_CORES`` for the others or the steal prints a WARNING: that run is not comparable.
6. gunicorn is stopped and the temporary directory removed in every case (``try``/``finally``,
   also on SIGTERM and Ctrl-C). A failure prints the end of the gunicorn log (with Django's
   tracebacks).

Any answer other than 200, any connection error, or a wrong body at the first check fails the
run (exit status 1) and no figure is printed. Figures go to stdout, one ``name: value`` line
each, the unit in the name (``public_home_rps``, ``public_home_p95_ms``, …); progress and
diagnostics go to stderr.

Caveats
-------
- The load generator shares the machine's two cores with the server (and a local PostgreSQL),
  so the figures are a floor for the server, not its capacity. The clients are cheap next to
  the pages (under 0.1 core) but not next to ``/healthz`` (about half a core).
- ``CLIENTS`` is twice ``WORKERS``: the server is saturated, so the latencies include queueing
  (about twice the service time); they are not those of a single visitor on an idle server.
- gunicorn's sync worker closes the connection after every response, so every request pays a
  new TCP connection on loopback; a proxy in front would keep its own connections.
- The clients send no cookies: every request is a first visit (the CSRF cookie of the language
  switcher is issued anew each time). Nothing is cached between requests but what Django and
  the database cache themselves.
- Runs on a shared or virtual machine vary by 10-20 % even when quiet; compare runs made
  back to back, and distrust any run that printed a WARNING.
- With ``DATABASE_URL`` the database is used as is: if it already holds data, the demo is not
  loaded and the figures describe that data, not the demo.
"""

from __future__ import annotations

import http.client
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKERS = 2
CLIENTS = 4
WARMUP_S = 1.0
MEASURE_S = 5.0
MAX_REQUESTS = 20_000
REQUEST_TIMEOUT_S = 10.0
STARTUP_TIMEOUT_S = 30.0
SETUP_TIMEOUT_S = 300.0
NOISE_CORES = 0.15  # more CPU than this taken by other processes: warn


@dataclass(frozen=True)
class Target:
    """One URL under load: its figure prefix, path, request headers and a body fragment to check."""

    name: str
    path: str
    expect: bytes
    headers: dict[str, str] = field(default_factory=dict)


TARGETS: tuple[Target, ...] = (
    Target("public_home", "/", b'<html lang="en">', {"Accept-Language": "en"}),
    Target("public_home_zh", "/", b'<html lang="zh-hans">', {"Accept-Language": "zh-CN"}),
    Target(
        "public_edition",
        "/competitions/schoenfeld/2025/",
        b"Schoenfeld",
        {"Accept-Language": "en"},
    ),
    Target("api_editions", "/api/v1/editions/", b'"results"', {"Accept": "application/json"}),
    Target("healthz", "/healthz", b'"status": "ok"'),
)


class BenchmarkFailed(Exception):
    """A wrong answer or a broken set-up: the run must fail rather than report a figure."""


@dataclass(frozen=True)
class Result:
    requests: int
    seconds: float
    latencies_s: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile_ms(self, p: float) -> float:
        """Nearest-rank percentile of the latencies, in milliseconds."""
        ordered = sorted(self.latencies_s)
        rank = max(1, math.ceil(len(ordered) * p / 100))
        return ordered[rank - 1] * 1000


def log(message: str) -> None:
    print(f"[bench_public_pages] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    """A port of 127.0.0.1 that is free now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def server_environment(tmp: Path) -> dict[str, str]:
    """The environment of ``manage.py`` and gunicorn: production settings, data under ``tmp``."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="concours.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        CONCOURS_DEMO="0",
        CONCOURS_DATA_DIR=str(tmp / "data"),
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        PYTHONUNBUFFERED="1",
    )
    env.setdefault("DATABASE_CONN_MAX_AGE", "60")
    env.setdefault("LOG_LEVEL", "WARNING")
    return env


def manage(env: dict[str, str], *args: str) -> None:
    """Run one ``manage.py`` command; its output goes to stderr, a failure stops the run."""
    log(f"manage.py {' '.join(args)}")
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        stdout=sys.stderr,
        stderr=sys.stderr,
        timeout=SETUP_TIMEOUT_S,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchmarkFailed(f"manage.py {' '.join(args)} exited with {completed.returncode}")


def get(port: int, target: Target) -> tuple[int, bytes]:
    """One request on a fresh connection: the status and the body."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request("GET", target.path, headers=target.headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextmanager
def gunicorn(env: dict[str, str], port: int, log_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """gunicorn on ``127.0.0.1:port``, ready (``/healthz`` answers 200), stopped on exit."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "concours.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(WORKERS),
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    log(f"starting gunicorn on {HOST}:{port} with {WORKERS} workers; its log: {log_path}")
    with log_path.open("ab") as log_file:
        # gunicorn's own log and Django's (tracebacks of 500s) both go to the log file.
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            start_new_session=True,  # our own process group: a Ctrl-C reaches us, not the workers
        )
    try:
        wait_until_healthy(process, port, log_path)
        try:
            yield process
        except BenchmarkFailed as error:
            raise BenchmarkFailed(
                f"{error}\n--- end of the gunicorn log ---\n{tail(log_path)}"
            ) from None
    finally:
        stop(process)


def wait_until_healthy(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    health = Target("healthz", "/healthz", b"")
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkFailed(
                f"gunicorn exited with {process.returncode} while starting:\n{tail(log_path)}"
            )
        try:
            status, body = get(port, health)
        except OSError as error:
            last_error = repr(error)
        else:
            if status == 200:
                log("gunicorn is up: /healthz answers 200")
                return
            last_error = f"/healthz answered {status}: {body[:200]!r}"
        time.sleep(0.1)
    raise BenchmarkFailed(
        f"gunicorn not healthy after {STARTUP_TIMEOUT_S:.0f} s ({last_error}):\n{tail(log_path)}"
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the gunicorn master (it stops its workers), SIGKILL to its group if it hangs."""
    if process.poll() is not None:
        return
    log("stopping gunicorn")
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        log("gunicorn did not stop in 15 s; killing its process group")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no gunicorn log)"


@dataclass(frozen=True)
class CpuSample:
    """Cumulative CPU seconds: the machine (busy, steal), this process, gunicorn, PostgreSQL."""

    wall: float
    busy: float
    steal: float
    client: float
    server: float
    database: float


def process_cpu_ticks(pid: int) -> int:
    """utime + stime of one process, in clock ticks (``/proc/<pid>/stat``)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    after_name = stat[stat.rindex(")") + 2 :].split()
    return int(after_name[11]) + int(after_name[12])


def local_postgres_ticks() -> int:
    """CPU of every process of this machine called ``postgres`` (the server and its backends)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() == "postgres":
                total += process_cpu_ticks(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue  # gone in the meantime, or not ours to read
    return total


def cpu_sample(server_pid: int, *, postgres: bool) -> CpuSample | None:
    """Read ``/proc`` (Linux); ``None`` where it is not available."""
    try:
        first_line = Path("/proc/stat").read_text().split("\n", 1)[0]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (
            int(v) for v in first_line.split()[1:9]
        )
        workers = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
        server = sum(process_cpu_ticks(pid) for pid in [server_pid, *map(int, workers)])
        client = process_cpu_ticks(os.getpid())
    except (OSError, ValueError, IndexError):
        return None
    tick = os.sysconf("SC_CLK_TCK")
    return CpuSample(
        wall=time.monotonic(),
        busy=(user + nice + system + irq + softirq) / tick,
        steal=steal / tick,
        client=client / tick,
        server=server / tick,
        database=(local_postgres_ticks() if postgres else 0) / tick,
    )


def report_cpu(name: str, before: CpuSample | None, after: CpuSample | None) -> None:
    """On stderr: the cores taken by gunicorn, the clients, PostgreSQL and everything else.

    A busy neighbour (or the hypervisor's steal) takes cores from the server and the clients, so
    the figures fall; the warning says when a run is not comparable with a quiet one.
    """
    if before is None or after is None:
        return
    wall = after.wall - before.wall
    server = (after.server - before.server) / wall
    client = (after.client - before.client) / wall
    database = (after.database - before.database) / wall
    others = max(0.0, (after.busy - before.busy) / wall - server - client - database)
    steal = (after.steal - before.steal) / wall
    line = (
        f"{name}: cores used by gunicorn {server:.2f}, the clients {client:.2f}, "
        f"local PostgreSQL {database:.2f}, other processes {others:.2f}; stolen {steal:.2f}"
    )
    if others > NOISE_CORES or steal > NOISE_CORES:
        line += " — WARNING: the machine was not quiet, these figures are not comparable"
    log(line)


def check_answer(port: int, target: Target) -> None:
    """One request before the load: 200 and the expected fragment, or the run fails."""
    status, body = get(port, target)
    if status != 200:
        raise BenchmarkFailed(f"{target.path} answered {status}: {body[:300]!r}")
    if target.expect not in body:
        hint = " (run `make messages`?)" if target.name.endswith("_zh") else ""
        raise BenchmarkFailed(
            f"{target.path} ({target.name}) answered 200 without {target.expect!r}{hint}"
        )


class Load:
    """``CLIENTS`` threads sending ``target`` back to back until the measured window closes."""

    def __init__(self, port: int, target: Target) -> None:
        self.port = port
        self.target = target
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.latencies_s: list[float] = []
        self.last_end = 0.0
        self.measure_start = 0.0
        self.measure_end = 0.0

    def run(self) -> Result:
        now = time.perf_counter()
        self.measure_start = now + WARMUP_S
        self.measure_end = self.measure_start + MEASURE_S
        threads = [
            threading.Thread(target=self.client, name=f"client-{i}", daemon=True)
            for i in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=WARMUP_S + MEASURE_S + 2 * REQUEST_TIMEOUT_S)
        if any(thread.is_alive() for thread in threads):
            self.stop.set()
            raise BenchmarkFailed(f"{self.target.name}: a client thread did not finish")
        if self.errors:
            raise BenchmarkFailed(f"{self.target.name}: {self.errors[0]}")
        if not self.latencies_s:
            raise BenchmarkFailed(f"{self.target.name}: no request completed in the window")
        return Result(len(self.latencies_s), self.last_end - self.measure_start, self.latencies_s)

    def client(self) -> None:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT_S)
        try:
            while not self.stop.is_set():
                start = time.perf_counter()
                if start >= self.measure_end:
                    return
                status = self.one_request(conn)
                end = time.perf_counter()
                with self.lock:
                    if status != 200:
                        self.errors.append(f"{self.target.path} answered {status} under load")
                        self.stop.set()
                        return
                    if start >= self.measure_start:
                        self.latencies_s.append(end - start)
                        self.last_end = max(self.last_end, end)
                        if len(self.latencies_s) >= MAX_REQUESTS:
                            self.stop.set()
        except Exception as error:  # any failure of a client fails the run, loudly
            with self.lock:
                self.errors.append(f"{self.target.path}: {error!r}")
            self.stop.set()
        finally:
            conn.close()

    def one_request(self, conn: http.client.HTTPConnection) -> int:
        """Send and read one request; a kept-alive connection the server dropped is retried once."""
        reused = conn.sock is not None
        try:
            conn.request("GET", self.target.path, headers=self.target.headers)
            response = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if not reused:
                raise
            conn.close()
            conn.request("GET", self.target.path, headers=self.target.headers)
            response = conn.getresponse()
        response.read()
        return response.status


def measure(port: int, server_pid: int, *, postgres: bool) -> list[tuple[str, float]]:
    figures: list[tuple[str, float]] = []
    for target in TARGETS:
        check_answer(port, target)
        log(f"{target.name}: {target.path} — {WARMUP_S:g} s warm-up, {MEASURE_S:g} s measured")
        before = cpu_sample(server_pid, postgres=postgres)
        result = Load(port, target).run()
        report_cpu(target.name, before, cpu_sample(server_pid, postgres=postgres))
        log(
            f"{target.name}: {result.requests} requests in {result.seconds:.2f} s "
            f"({CLIENTS} clients)"
        )
        figures += [
            (f"{target.name}_rps", result.rps),
            (f"{target.name}_p50_ms", result.percentile_ms(50)),
            (f"{target.name}_p95_ms", result.percentile_ms(95)),
        ]
    return figures


def terminate_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def main() -> int:
    signal.signal(signal.SIGTERM, terminate_on_sigterm)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="concours-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = server_environment(tmp)
        database_url = os.environ.get("DATABASE_URL", "")
        postgres = database_url.startswith(("postgres://", "postgresql://"))
        database = "DATABASE_URL, used as is" if database_url else f"SQLite in {tmp / 'data'}"
        log(f"throw-away environment in {tmp}; database: {database}")
        try:
            manage(env, "migrate", "--no-input", "-v", "0")
            manage(env, "load_demo", "--if-empty")
            manage(env, "collectstatic", "--no-input", "-v", "0")
            port = free_port()
            with gunicorn(env, port, tmp / "gunicorn.log") as server:
                figures = measure(port, server.pid, postgres=postgres)
        except BenchmarkFailed as error:
            log(f"FAILED: {error}")
            return 1
    for name, value in figures:
        print(f"{name}: {value:.1f}")
    log(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
