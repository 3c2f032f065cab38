"""The deadline rush (issue 4): submissions with a 5 MB document, against gunicorn + PostgreSQL.

Run from the repository root (PostgreSQL must answer at 127.0.0.1:5432 as ``postgres``)::

    .venv/bin/python benchmarks/bench_deadline_rush.py        # or: make bench

It always makes its own database on that server (``DATABASE_URL`` is not used). A run takes
about three minutes (one of them ``collectstatic``) and writes up to 18 GB of uploads into its
temporary directory, removed at the end.

The target of issue 4: **50 submissions a second** for at least 60 seconds on this 2-core
machine, the 95th percentile under 500 ms, nothing lost, nothing duplicated.

What one submission is
----------------------
A candidate at the deadline has filled in everything but one document days ago (the programme
already valid for the round's rules, the recording link, the photo, the proof of birth date) and
is signed in. Within the measured minute each simulated candidate, with its own session:

1. uploads the CV, 5 MiB of bytes starting with ``%PDF-``, as the documents form does
   (multipart ``POST …/documents/``, kind ``cv``); the answer must be the redirect back to the
   documents page (302);
2. submits (``POST …/submit/`` with a fresh ``submission_key``, as the application page's
   form does); the answer must be the redirect to the application with Django's *success*
   message (the ``messages`` cookie; an "already submitted" refusal is also a redirect);
3. one candidate in ten (``RETRY_PROBABILITY``) sends the same submit again with the same key,
   half of them after the first answer came back (a retry, a second click), half at the same
   moment as the first (two tabs, a double click racing itself). The answer must be the same
   success redirect.

A *submission* is steps 1 and 2 answered as above. The redirect targets a browser would then
load (the documents page, the application page) are not requested: they are reads, and this
measures the writes the deadline piles up. Signing in is not part of the sequence either: the
sessions are made in the set-up (a password check is a deliberately slow PBKDF2, 1.5 million
iterations, about 0.35 s of CPU here: 50 sign-ins a second would need 17 cores by themselves;
and at the deadline the candidates have long been signed in).

Method
------
1. A throw-away PostgreSQL database ``concours_rush_<pid>`` (created, and dropped at the end
   in every case), and a temporary directory for uploads (``PRIVATE_MEDIA_ROOT``), static files
   and logs. Production settings: ``DEBUG=0``, a random ``SECRET_KEY``,
   ``ALLOWED_HOSTS=127.0.0.1``, ``SECURE_SSL_REDIRECT=0`` (plain http on loopback),
   ``DATABASE_CONN_MAX_AGE=60``, ``LOG_LEVEL=WARNING``, e-mail to Django's dummy backend, and
   ``REDIS_URL`` to database ``REDIS_DB`` of the local Redis (emptied before and after), the
   shared cache through which sessions are read.
2. ``migrate`` and ``collectstatic``, then the set-up (this script in a child process, with
   Django): one open edition shaped as in the tests (a violin division, a pre-selection from
   recordings, a first round of 20 to 25 minutes that needs a Paganini caprice) and, in bulk,
   one verified account, profile, draft, valid programme, recording link, photo, proof of
   birth date and session per candidate. The sessions are also put in the shared cache, as a
   candidate's earlier requests would have. The first draft is checked to lack nothing but
   the CV.
3. ``gunicorn concours.wsgi`` with ``WORKERS`` = 4 sync workers and an access log (a file in
   the temporary directory), as ``docs/deploy.md`` starts it, waited for through
   ``/healthz`` (2 workers cost less CPU per submission, but fell behind with CPU to spare
   when the waits on PostgreSQL and the disk grew; docs/benchmarks.md, 2026-11-30);
   or, with ``--server granian``, ``granian --interface wsgi concours.wsgi:application`` with
   ``--workers`` processes of ``--threads`` Python threads (the comparison in
   ``docs/benchmarks.md``). The server runs in a memory cgroup of ``--memory-limit`` MiB
   (2048; ``0`` for none), as ``docs/deploy.md`` gives the web service a memory budget
   (systemd's ``MemoryMax=``): the page cache of the files it writes is charged to it, so once
   the uploads reach the budget their pages are reused. Without it, every upload on this virtual
   machine takes new memory, and the first write into a page the hypervisor has taken back costs
   3-4.5 ms of kernel time per MiB instead of 0.3 (``docs/benchmarks.md``, "The machine's
   memory"): a long-running server, whose memory is full of page cache, does not pay that.
   During the run the kernel's dirty-page thresholds are 32 MiB (background writeback) and
   256 MiB (writers wait), as ``docs/deploy.md`` sets them on a server that takes uploads
   (``--dirty BACKGROUND:LIMIT``, ``0`` to leave the machine's; put back afterwards): with the
   defaults (10 % and 20 % of the memory) the uploads are written back in bursts that hold up
   PostgreSQL's commits on the same disk (p95 at 20 a second 672 ms, with them 126 ms).
   The server also gets ``docs/deploy.md``'s glibc tunables (``MALLOC_TUNING``: blocks under
   16 MiB from the heap, the heap kept until 128 MiB of it are free; ``--no-malloc-tuning``
   for without): otherwise every upload's buffers fault in fresh pages, about 870 page faults
   per submission.
   The task backend is the database
   one (``django_tasks_db``) and **no task worker runs** during the load: the e-mail of each submission is queued after commit,
   and the check below counts the queued e-mails. A worker sending mail is work for after the
   rush (or another machine); here it would take CPU from the server.
4. A warm-up and a check from this process (``http.client``), one request at a time: a few
   page views, then ``WARMUP_SEQUENCES`` complete submissions (every upload, then every
   submit, then every submit again with its key). Anything but the expected answers fails the
   run before any load. The server's CPU time per request of each step is measured here, where
   no queueing or other request inflates it.
5. The load: ``locust --headless`` in a second process (a generated locustfile, FastHttpUser)
   with ``USERS`` users on loopback. Sequence ``j`` is *scheduled* at ``t0 + j / RATE`` and
   uses candidate ``j``; user ``k`` runs sequences ``k, k + USERS, …``, each as soon as it is
   due and its previous one is done. While the server keeps up, the offered load is exactly
   ``RATE`` sequences a second; when it does not, users fall behind (a closed loop with
   ``USERS`` candidates in flight) and the late starts are reported. The load lasts
   ``WARMUP_S + MEASURE_S + COOLDOWN_S`` seconds; the figures are taken from the middle
   ``MEASURE_S`` seconds. The warm-up (10 s) is long enough for the uploads (250 MiB a second
   at 50 a second) to fill the server's memory budget, so the window measures a server whose
   page cache is full and recycled, not its first gigabytes; the window's p95 is also shown
   for each 10 s of it (``TIMELINE_S``).
6. Afterwards, from the database (this script in a child process, with Django), for every
   application that took part:

   - **lost**: a submit answered with success whose application is not ``submitted`` with the
     client's key and exactly one status change to ``submitted``; and an upload answered 302
     whose document is not in the database with its 5 MiB file on disk (documents are counted
     per application: as many CVs as 302 answers);
   - **duplicated**: an application with more than one status change to ``submitted``, or
     more than one queued status e-mail; a retry (same key) answered otherwise than with the
     same success redirect;
   - also reported on stderr: submissions and uploads the server committed although the client
     got no answer in time (neither lost nor duplicated: the candidate sees them on reload),
     and whether each submitted application has exactly one queued e-mail.

Figures (stdout, one ``name: value`` line each)
-----------------------------------------------
- ``applications.submissions_per_s``: complete submissions (steps 1-2 answered as expected)
  that *ended* in the measured window, divided by its length;
- ``applications.offered_per_s``: sequences the load generator *started* in the window, per
  second (equal to ``RATE`` when the clients kept to the schedule);
- ``applications.p50_ms``, ``applications.p95_ms``: the whole sequence (upload + submit, as
  the candidate waits for both), of the sequences started in the window that got answers;
- ``applications.upload_p95_ms``, ``applications.submit_p95_ms``: the single requests;
- ``applications.server_cpu_ms_per_submission``, ``applications.database_cpu_ms_per_submission``:
  the CPU time the server (main process and workers) and PostgreSQL took in the window, divided by
  submissions in it (retries included in the cost): what one submission costs under load,
  whatever else the machine was doing; at 50 a second, 1000 ms of them make one core;
- ``applications.server_kernel_cpu_ms_per_submission``: the part of the server's that the kernel
  spent on its behalf (receiving the bodies, writing the files, page faults);
- ``applications.upload_server_cpu_ms``, ``applications.submit_server_cpu_ms``: the server's CPU
  time of one upload and of one submit, one request at a time (the warm-up);
- ``applications.lost``, ``applications.duplicated``: as above (run-wide, warm-up included);
- ``applications.errors``: requests of the window's sequences answered otherwise than expected
  (a status other than 302, a wrong redirect, a refused submit, a time-out or a connection
  error).

Percentiles are by nearest rank over the single run. The run exits 1 when anything was lost
or duplicated (after printing the figures), or when the set-up or the warm-up check failed (no
figures). Progress and diagnostics go to stderr: the CPU taken during the window by the server,
locust, this database's PostgreSQL backends, the kernel and every other process (sampled each
second from ``/proc``; a WARNING when other processes took more than ``NOISE_CORES``), late
starts, the answers that were not as expected, locust's own statistics.

Options, for experiments (``--help``): ``--rate``, ``--measure``, ``--users``, ``--server``,
``--workers``, ``--worker-class gthread --threads N``, ``--retry-probability``, ``--keep-db``, and
``--py-spy PATH`` which samples the server's workers during the window with py-spy (``pip
install --target /tmp/pyspy py-spy``) and prints where their time goes.

Caveats
-------
- The load generator, the server and PostgreSQL share the two cores; the locust process sends
  ~250 MB/s over loopback at 50 submissions a second. The CPU shares on stderr say how much
  each took.
- Every upload is written to disk (5 MiB each, ~18 GB for a full run at 50/s): the temporary
  directory needs the space, and the page cache absorbs most of it; it is removed at the end.
- Every upload carries the same bytes (the server cannot tell; nothing deduplicates files).
- The photo and the proof of birth date of every candidate point to one small shared file.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import functools
import http.client
import json
import math
import os
import random
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
HOST = "127.0.0.1"
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"

RATE = 50.0  # sequences scheduled per second (the target of issue 4)
WARMUP_S = 10.0  # load before the measured window: fills the 2 GiB memory budget at 50/s
MEASURE_S = 60.0  # the measured window
COOLDOWN_S = 5.0  # load after it, so that the window ends under load
USERS = 150  # simulated candidates in flight at most (each waits for its own answers)
RETRY_PROBABILITY = 0.10  # candidates that send the same submit twice
SERVER = "gunicorn"  # as docs/deploy.md; --server granian for the comparison
WORKERS = 4  # gunicorn sync workers, as docs/deploy.md starts it
WORKER_CLASS = "sync"
THREADS = 1  # for --worker-class gthread, and granian's threads per worker
REDIS_PORT = 6379
REDIS_DB = 12  # the shared cache (sessions read through it), emptied before and after the run
UPLOAD_BYTES = 5 * 1024 * 1024  # the CV: 5 MiB starting with %PDF-
SEED = 20261129
MEMORY_LIMIT_MIB = 2048  # --memory-limit: the server's memory budget (a cgroup), 0 for none
DIRTY_MIB = "32:256"  # --dirty: the kernel's writeback thresholds during the run, "0": as they are
# glibc's tunables for the server, as docs/deploy.md sets them (--no-malloc-tuning: without)
MALLOC_TUNING = {"MALLOC_MMAP_THRESHOLD_": "16777216", "MALLOC_TRIM_THRESHOLD_": "134217728"}
WARMUP_SEQUENCES = 20  # complete submissions before the load, one request at a time
TIMELINE_S = 10.0  # the window's p95 is also shown per slice of this many seconds
WORKERS_MAX = 8  # the warm-up's first page views reach every worker up to this many
REQUEST_TIMEOUT_S = 30.0  # client side; gunicorn's worker time-out is the same
STARTUP_TIMEOUT_S = 30.0
SETUP_TIMEOUT_S = 600.0
LOCUST_START_S = 6.0  # from starting locust to t0 (it imports, builds the body, spawns)
LOCUST_GRACE_S = 100.0  # locust's own limit beyond the schedule: > 3 request time-outs
NOISE_CORES = 0.15  # more CPU than this taken by other processes: warn
SUCCESS_LEVEL = 25  # django.contrib.messages.SUCCESS
CSRF_ALPHABET = string.ascii_letters + string.digits


class BenchmarkFailed(Exception):
    """A broken set-up or a wrong answer before the load: the run fails without figures."""


#: The prefix of every line on stderr; a benchmark that imports these helpers sets its own name.
LOG_NAME = "bench_deadline_rush"


def log(message: str) -> None:
    print(
        f"[{LOG_NAME} {time.strftime('%H:%M:%S', time.gmtime())}] {message}",
        file=sys.stderr,
        flush=True,
    )


# --- shared with the generated locustfile (no Django, no locust imports here) ----------------


def cv_bytes(size: int, seed: int) -> bytes:
    """``size`` bytes that a PDF sniffer accepts: ``%PDF-1.7`` then incompressible bytes."""
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    return head + random.Random(seed).randbytes(size - len(head))


def multipart_body(csrf: str, size: int, seed: int) -> tuple[bytes, str]:
    """The documents form as a browser sends it: the CSRF field, ``kind=cv`` and the file."""
    content = cv_bytes(size, seed)
    boundary = "----ConcoursRush" + "".join(random.Random(seed + 1).choices(CSRF_ALPHABET, k=24))
    if boundary.encode() in content:  # cannot happen with these sizes, but never send a bad body
        raise ValueError("the boundary occurs in the file")
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{csrf}\r\n".encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncv\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="cv.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode(),
        content,
        f"\r\n--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def submission_key(seed: int, slot: int) -> str:
    """The key candidate ``slot`` submits with (the application page puts a fresh one in)."""
    return str(uuid.UUID(int=random.Random(seed * 1_000_003 + slot).getrandbits(128), version=4))


def retry_mode(seed: int, slot: int, probability: float) -> str | None:
    """``None``, ``"again"`` (same submit after the answer) or ``"race"`` (at the same time)."""
    if random.Random(seed * 7_919 + slot).random() >= probability:
        return None
    return "again" if slot % 2 == 0 else "race"


def decode_messages(set_cookies: list[str]) -> list[tuple[int, str]]:
    """The Django messages (level, text) a response stores in the ``messages`` cookie.

    The cookie is ``base64(json)`` (zlib-compressed when it starts with a dot), a timestamp and
    a signature; the messages are read, the signature is not checked (only the server could).
    """
    found: list[tuple[int, str]] = []
    for header in set_cookies:
        name, _, rest = header.partition("=")
        if name.strip() != "messages":
            continue
        value = rest.split(";", 1)[0].strip().strip('"').replace("\\054", ",")
        payload = value.split(":", 1)[0]  # payload:timestamp:signature
        if not payload:
            continue
        try:
            encoded = payload.removeprefix(".")
            data = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            if payload.startswith("."):
                data = zlib.decompress(data)
            messages = json.loads(data)
        except (ValueError, zlib.error):
            continue
        found += [
            (int(m[2]), str(m[3]))
            for m in messages
            if isinstance(m, list) and len(m) >= 4 and m[0] == "__json_message"
        ]
    return found


def message_levels(set_cookies: list[str]) -> list[int]:
    return [level for level, _ in decode_messages(set_cookies)]


def classify_submit(status: int, location: str, expected: str, set_cookies: list[str]) -> str:
    """``ok`` (the success redirect), ``refused`` (a redirect without success) or ``error: …``."""
    if status != 302:
        return f"error: status {status}"
    if location != expected:
        return f"error: redirect to {location}"
    return "ok" if SUCCESS_LEVEL in message_levels(set_cookies) else "refused"


def classify_upload(status: int, location: str, expected: str) -> str:
    if status != 302:
        return f"error: status {status}"
    if location != expected:
        return f"error: redirect to {location}"
    return "ok"


def candidate_paths(reference: str) -> dict[str, str]:
    base = f"/me/applications/{reference}/"
    return {"application": base, "documents": f"{base}documents/", "submit": f"{base}submit/"}


LOCUSTFILE = '''"""Generated by benchmarks/bench_deadline_rush.py: the simulated candidates of the rush."""

import json
import os
import sys
import time

import gevent
from locust import FastHttpUser, events, task
from locust.exception import StopUser

CONFIG = json.loads(open(os.environ["RUSH_CONFIG"], encoding="utf-8").read())
sys.path.insert(0, CONFIG["bench_dir"])
import bench_deadline_rush as rush  # noqa: E402

with open(CONFIG["candidates_file"], encoding="utf-8") as handle:
    CANDIDATES = json.load(handle)["candidates"]
BODY, CONTENT_TYPE = rush.multipart_body(CONFIG["csrf"], CONFIG["upload_bytes"], CONFIG["seed"])
RECORDS = []
STATE = {"next_user": 0, "done": 0}


@events.quitting.add_listener
def write_records(environment, **kwargs):
    with open(CONFIG["records_file"], "w", encoding="utf-8") as handle:
        json.dump(RECORDS, handle)


class Candidate(FastHttpUser):
    network_timeout = CONFIG["timeout"]
    connection_timeout = CONFIG["timeout"]
    max_retries = 0
    concurrency = 2  # the racing double submit needs a second connection

    def on_start(self):
        self.number = STATE["next_user"]
        STATE["next_user"] += 1
        # Never follow redirects. (Locust switches this per request and restores it after,
        # which races when one user has two requests in flight: the racing double submit.)
        self.client.client.redirect_response_codes = frozenset()

    @task
    def candidates(self):
        slot = CONFIG["first_slot"] + self.number
        end = CONFIG["t0"] + CONFIG["total_s"]
        while slot < len(CANDIDATES):
            scheduled = CONFIG["t0"] + (slot - CONFIG["first_slot"]) / CONFIG["rate"]
            if scheduled >= end:
                break
            delay = scheduled - time.time()
            if delay > 0:
                gevent.sleep(delay)
            elif time.time() >= end:
                break  # behind schedule at the end of the load: no new candidate
            try:
                RECORDS.append(self.sequence(slot, scheduled))
            except Exception as error:  # a bug here must show, not restart the task
                RECORDS.append({"slot": slot, "reference": CANDIDATES[slot]["reference"],
                                "key": "", "scheduled": scheduled, "retry_mode": None,
                                "upload": {"start": scheduled, "end": time.time(), "status": 0,
                                           "outcome": f"error: in the locustfile: {error!r}"}})
            slot += CONFIG["users"]
        STATE["done"] += 1
        if STATE["done"] == CONFIG["users"]:
            gevent.spawn_later(0.2, self.environment.runner.quit)
        raise StopUser()

    def post(self, path, body, content_type, cookie, name):
        self.client.cookiejar.clear()  # only the cookies below: as a browser on http would
        headers = {"Content-Type": content_type, "Cookie": cookie, "Origin": self.host}
        start = time.time()
        with self.client.post(path, data=body, headers=headers, name=name,
                              allow_redirects=False, catch_response=True) as response:
            end = time.time()
            error = getattr(response, "error", None)
            if error is not None or not response.status_code:
                response.failure(repr(error))
                return start, end, 0, "", [], f"error: {error!r}"
            location = response.headers.get("Location", "") or ""
            cookies = response.headers.getlist("Set-Cookie") if response.headers else []
            if response.status_code == 302:
                response.success()
            else:
                response.failure(f"status {response.status_code}")
            return start, end, response.status_code, location, cookies, None

    def submit(self, paths, key, cookie, name):
        body = f"csrfmiddlewaretoken={CONFIG['csrf']}&submission_key={key}".encode()
        start, end, status, location, cookies, error = self.post(
            paths["submit"], body, "application/x-www-form-urlencoded", cookie, name)
        outcome = error or rush.classify_submit(status, location, paths["application"], cookies)
        return {"start": start, "end": end, "status": status, "outcome": outcome}

    def sequence(self, slot, scheduled):
        candidate = CANDIDATES[slot]
        paths = rush.candidate_paths(candidate["reference"])
        key = rush.submission_key(CONFIG["seed"], slot)
        retry = rush.retry_mode(CONFIG["seed"], slot, CONFIG["retry_probability"])
        cookie = f"sessionid={candidate['session']}; csrftoken={CONFIG['csrf']}"
        record = {"slot": slot, "reference": candidate["reference"], "key": key,
                  "scheduled": scheduled, "retry_mode": retry}
        start, end, status, location, _, error = self.post(
            paths["documents"], BODY, CONTENT_TYPE, cookie, "upload")
        record["upload"] = {"start": start, "end": end, "status": status,
                            "outcome": error or rush.classify_upload(status, location, paths["documents"])}
        if record["upload"]["outcome"] != "ok":
            return record
        if retry == "race":
            twin = gevent.spawn(self.submit, paths, key, cookie, "submit (retry)")
            record["submit"] = self.submit(paths, key, cookie, "submit")
            record["retry"] = twin.get()
        else:
            record["submit"] = self.submit(paths, key, cookie, "submit")
            if retry == "again" and record["submit"]["outcome"] == "ok":
                record["retry"] = self.submit(paths, key, cookie, "submit (retry)")
        return record
'''


# --- the parent: environment, database, server, load, figures --------------------------------


@dataclass(frozen=True)
class Options:
    rate: float
    warmup_s: float
    measure_s: float
    cooldown_s: float
    users: int
    server: str
    workers: int
    worker_class: str
    threads: int
    retry_probability: float
    py_spy: str | None
    profile_out: Path | None
    keep_db: bool
    memory_limit_mib: int = 0
    dirty_mib: tuple[int, int] | None = None
    malloc_tuning: bool = False

    @property
    def total_s(self) -> float:
        return self.warmup_s + self.measure_s + self.cooldown_s


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def server_environment(tmp: Path, database: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="concours.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        CONCOURS_DEMO="0",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        DATABASE_CONN_MAX_AGE="60",
        CONCOURS_DATA_DIR=str(tmp / "data"),
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private"),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        TMPDIR=str(tmp / "uploads-in-flight"),  # Django's temporary upload files
    )
    return env


@contextlib.contextmanager
def shared_cache() -> Iterator[str]:
    """``REDIS_URL`` of the production set-up's shared cache, emptied before and after."""
    import redis

    client = redis.Redis(host=HOST, port=REDIS_PORT, db=REDIS_DB, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        raise BenchmarkFailed(
            f"Redis does not answer at {HOST}:{REDIS_PORT} ({error}); the production set-up "
            "reads sessions through it"
        ) from None
    client.flushdb()
    try:
        yield f"redis://{HOST}:{REDIS_PORT}/{REDIS_DB}"
    finally:
        with contextlib.suppress(redis.RedisError):
            client.flushdb()
        client.close()


@contextlib.contextmanager
def throwaway_database(name: str, keep: bool) -> Iterator[None]:
    import psycopg  # the venv's PostgreSQL driver; Django is not imported in this process

    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=10) as conn:
            # A leftover of a killed run whose pid was this one's: no live process owns it.
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        raise BenchmarkFailed(f"PostgreSQL at {PG_ADMIN_URL}: {error}") from None
    log(f"created the database {name}")
    try:
        yield
    finally:
        if keep:
            log(f"kept the database {name} (--keep-db)")
        else:
            with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=10) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            log(f"dropped the database {name}")


def run_child(env: dict[str, str], args: list[str], what: str, timeout: float) -> None:
    log(what)
    try:
        completed = subprocess.run(
            args,
            cwd=REPO,
            env=env,
            stdout=sys.stderr,
            stderr=sys.stderr,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BenchmarkFailed(f"{what}: not done in {timeout:.0f} s") from None
    if completed.returncode != 0:
        raise BenchmarkFailed(f"{what}: exited with {completed.returncode}")


def manage(env: dict[str, str], *args: str) -> None:
    run_child(
        env, [sys.executable, "manage.py", *args], f"manage.py {' '.join(args)}", SETUP_TIMEOUT_S
    )


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no {path.name})"


def gunicorn_command(port: int, options: Options, access_log: Path) -> list[str]:
    command = [
        sys.executable, "-m", "gunicorn", "concours.wsgi",
        "--bind", f"{HOST}:{port}",
        "--workers", str(options.workers),
        "--worker-class", options.worker_class,
        "--timeout", str(int(REQUEST_TIMEOUT_S)),
        "--backlog", "2048",
        "--error-logfile", "-",
        "--log-level", "warning",
        # As docs/deploy.md runs it: one access-log line per request.
        "--access-logfile", str(access_log),
    ]  # fmt: skip
    if options.worker_class == "gthread":
        command += ["--threads", str(options.threads)]
    return command


def granian_command(port: int, options: Options) -> list[str]:
    """granian, for the comparison in docs/benchmarks.md: ``--workers`` processes of
    ``--threads`` Python threads (its ``--blocking-threads``)."""
    return [
        str(Path(sys.executable).parent / "granian"), "--interface", "wsgi", "--no-ws",
        "concours.wsgi:application", "--host", HOST, "--port", str(port),
        "--workers", str(options.workers), "--blocking-threads", str(options.threads),
        "--backlog", "2048", "--log-level", "warning",
    ]  # fmt: skip


@contextlib.contextmanager
def web_server(
    env: dict[str, str], port: int, log_path: Path, options: Options
) -> Iterator[subprocess.Popen[bytes]]:
    """The server as ``docs/deploy.md`` starts it (gunicorn), or granian with
    ``--server granian``; ready (``/healthz`` answers 200), stopped on exit."""
    name = getattr(options, "server", "gunicorn")
    if name == "granian":
        command = granian_command(port, options)
        log(
            f"starting granian on {HOST}:{port}: {options.workers} workers × {options.threads} threads"
        )
    else:
        command = gunicorn_command(port, options, log_path.with_name("access.log"))
        log(
            f"starting gunicorn on {HOST}:{port}: {options.workers} {options.worker_class} workers"
            + (f" × {options.threads} threads" if options.worker_class == "gthread" else "")
        )
    with contextlib.ExitStack() as stack:
        # The other benchmarks start their server here too, with options of their own: they
        # write no uploads, and run without the budget and the writeback thresholds.
        stack.enter_context(dirty_thresholds(getattr(options, "dirty_mib", None)))
        join = None
        if memory_limit_mib := getattr(options, "memory_limit_mib", 0):
            procs = stack.enter_context(memory_cgroup(memory_limit_mib))
            if procs is not None:
                join = functools.partial(procs.write_text, "0\n")  # "0": the process writing
        if getattr(options, "malloc_tuning", False):
            env = {**env, **MALLOC_TUNING}
            log("the server's malloc: " + " ".join(f"{k}={v}" for k, v in MALLOC_TUNING.items()))
        with log_path.open("ab") as log_file:
            process = subprocess.Popen(
                command,
                cwd=REPO,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=log_file,
                start_new_session=True,
                preexec_fn=join,  # the child joins the cgroup before gunicorn starts
            )
        stack.enter_context(serving(process, name, port, log_path))
        yield process


@contextlib.contextmanager
def memory_cgroup(limit_mib: int) -> Iterator[Path | None]:
    """A memory cgroup of ``limit_mib`` MiB beside this process's own (cgroup v1 or v2): the
    path of its ``cgroup.procs``, which a process joins by writing its pid (or ``0``) there;
    removed on exit. ``None``, with a warning, where no cgroup can be made (not root, no memory
    controller). The server's page cache (the uploads it writes) is charged to it, so once
    the files written reach the limit the kernel reuses their pages instead of taking new ones.
    """
    own = Path("/proc/self/cgroup").read_text(encoding="utf-8").splitlines()
    unified = Path("/sys/fs/cgroup/cgroup.controllers").exists()
    if unified:
        path = next(line.split(":", 2)[2] for line in own if line.startswith("0::"))
        parent, limit_file = Path("/sys/fs/cgroup") / path.lstrip("/"), "memory.max"
    else:
        path = next((line.split(":", 2)[2] for line in own if ":memory:" in line), "")
        parent, limit_file = (
            Path("/sys/fs/cgroup/memory") / path.lstrip("/"),
            "memory.limit_in_bytes",
        )
    group = parent / f"concours-rush-{os.getpid()}"
    try:
        group.mkdir()
        (group / limit_file).write_text(f"{limit_mib * 1024 * 1024}\n")
    except OSError as error:
        with contextlib.suppress(OSError):
            group.rmdir()
        log(
            f"WARNING: cannot make a memory cgroup in {parent} ({error}); the server runs "
            "without a memory budget (the kernel's share per submission will be higher)"
        )
        yield None
        return
    log(f"the server runs in the memory cgroup {group} limited to {limit_mib} MiB")
    try:
        yield group / "cgroup.procs"
    finally:
        for _ in range(20):  # the stopped workers may take a moment to leave it
            try:
                group.rmdir()
                break
            except OSError:
                time.sleep(0.25)
        else:
            log(f"could not remove the memory cgroup {group}")


VM = Path("/proc/sys/vm")
DIRTY_SETTINGS = ("dirty_background_ratio", "dirty_ratio", "dirty_background_bytes", "dirty_bytes")


@contextlib.contextmanager
def dirty_thresholds(dirty_mib: tuple[int, int] | None) -> Iterator[None]:
    """The kernel's dirty-page thresholds set to ``dirty_mib`` (background, limit) for the run,
    as ``docs/deploy.md`` sets them on a server that takes uploads, and put back afterwards.

    With the defaults (10 % and 20 % of the memory, gigabytes here) the uploads' page cache is
    written back in bursts that hold up PostgreSQL's commits on the same disk; with 32 and
    256 MiB it is written back as it comes. Needs root; otherwise a warning, and nothing set.
    """
    if dirty_mib is None:
        yield
        return
    try:
        before = {name: (VM / name).read_text().strip() for name in DIRTY_SETTINGS}
    except OSError as error:
        log(f"WARNING: cannot read the dirty-page thresholds ({error}); they stay as they are")
        yield
        return

    def restore() -> None:
        for name in (
            "dirty_ratio",
            "dirty_bytes",
            "dirty_background_ratio",
            "dirty_background_bytes",
        ):
            if before[name] != "0":  # the form that was in force
                with contextlib.suppress(OSError):
                    (VM / name).write_text(before[name] + "\n")

    try:
        # Writing one form (bytes or ratio) zeroes the other; the background threshold first,
        # so that it is never above the limit (the limit in force is the larger one then).
        (VM / "dirty_background_bytes").write_text(f"{dirty_mib[0] * 1024 * 1024}\n")
        (VM / "dirty_bytes").write_text(f"{dirty_mib[1] * 1024 * 1024}\n")
    except OSError as error:
        restore()  # the first write may have gone through
        log(f"WARNING: cannot set the dirty-page thresholds ({error}); they stay as they are")
        yield
        return
    log(
        f"writeback: dirty pages written back from {dirty_mib[0]} MiB, writers held at {dirty_mib[1]} MiB"
    )
    try:
        yield
    finally:
        restore()


@contextlib.contextmanager
def serving(
    process: subprocess.Popen[bytes], name: str, port: int, log_path: Path
) -> Iterator[None]:
    """The started server, once it is healthy; stopped on exit."""
    try:
        wait_until_healthy(process, port, log_path)
        try:
            yield
        except BenchmarkFailed as error:
            raise BenchmarkFailed(
                f"{error}\n--- end of the server log ---\n{tail(log_path)}"
            ) from None
    finally:
        stop_group(process, name, 15)


def stop_group(process: subprocess.Popen[bytes], name: str, timeout: float) -> None:
    """SIGTERM to the process, SIGKILL to its process group if it does not stop in time."""
    if process.poll() is None:
        log(f"stopping {name}")
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            log(f"{name} did not stop in {timeout:.0f} s; killing its process group")
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # leftovers of the group (workers), if any
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def http_request(
    port: int, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> tuple[int, str, list[str], bytes]:
    """One request on a fresh connection: status, Location, Set-Cookie headers and body."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        content = response.read()
        return (
            response.status,
            response.getheader("Location", ""),
            response.headers.get_all("Set-Cookie") or [],
            content,
        )
    finally:
        conn.close()


def wait_until_healthy(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkFailed(f"the server exited with {process.returncode}:\n{tail(log_path)}")
        try:
            status, _, _, body = http_request(port, "GET", "/healthz")
        except OSError as error:
            last_error = repr(error)
        else:
            if status == 200:
                log("the server is up: /healthz answers 200")
                return
            last_error = f"/healthz answered {status}: {body[:200]!r}"
        time.sleep(0.1)
    raise BenchmarkFailed(f"the server not healthy after {STARTUP_TIMEOUT_S:.0f} s ({last_error})")


def server_cpu_s(server_pid: int) -> float:
    """CPU seconds used so far by the server's main process and workers (0 where /proc is missing)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                ppid, _, ticks = process_stat(int(entry.name))
                if int(entry.name) == server_pid or ppid == server_pid:
                    total += ticks
    return total / os.sysconf("SC_CLK_TCK")


@dataclass
class WarmUp:
    records: list[dict[str, Any]]
    cpu_ms: dict[str, float]  # server CPU per request, by step, one request at a time


def warm_up(port: int, server_pid: int, candidates: list[dict[str, str]], csrf: str) -> WarmUp:
    """Complete submissions, one request at a time, checked: every upload, then every submit,
    then every submit again (same key). The server's CPU per request of each step is measured
    here, with no other request in flight, so that it does not depend on queueing."""
    body, content_type = multipart_body(csrf, UPLOAD_BYTES, SEED)
    origin = f"http://{HOST}:{port}"
    records = [
        {"slot": slot, "reference": c["reference"], "key": submission_key(SEED, slot),
         "retry_mode": "again", "warm_up": True,
         "cookie": f"sessionid={c['session']}; csrftoken={csrf}"}
        for slot, c in enumerate(candidates)
    ]  # fmt: skip
    for candidate in candidates[: 3 * WORKERS_MAX]:  # the workers' first requests cost more
        paths = candidate_paths(candidate["reference"])
        cookie = f"sessionid={candidate['session']}; csrftoken={csrf}"
        status, _, _, content = http_request(
            port, "GET", paths["documents"], b"", {"Cookie": cookie}
        )
        if status != 200:
            raise BenchmarkFailed(
                f"warm-up: the documents page answered {status}: {content[:500]!r}"
            )
    cpu_ms: dict[str, float] = {}
    for step in ("upload", "submit", "retry"):
        cpu_before = server_cpu_s(server_pid)
        for record in records:
            paths = candidate_paths(record["reference"])
            headers = {"Cookie": record["cookie"], "Origin": origin}
            start = time.time()
            if step == "upload":
                headers["Content-Type"] = content_type
                status, location, cookies, content = http_request(
                    port, "POST", paths["documents"], body, headers
                )
                outcome = classify_upload(status, location, paths["documents"])
            else:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                form = f"csrfmiddlewaretoken={csrf}&submission_key={record['key']}".encode()
                status, location, cookies, content = http_request(
                    port, "POST", paths["submit"], form, headers
                )
                outcome = classify_submit(status, location, paths["application"], cookies)
            if outcome != "ok":
                raise BenchmarkFailed(
                    f"warm-up {step}: {outcome}: messages {decode_messages(cookies)}: "
                    f"{content[:500]!r}"
                )
            record[step] = {"start": start, "end": time.time(), "status": status,
                            "outcome": outcome}  # fmt: skip
            record.setdefault("scheduled", start)
        cpu_ms[step] = 1000 * (server_cpu_s(server_pid) - cpu_before) / len(records)
    for record in records:
        del record["cookie"]
    log(
        f"warm-up: {len(records)} submissions answered as expected, and their retries; "
        f"the server's CPU per request, one at a time: upload {cpu_ms['upload']:.0f} ms, submit "
        f"{cpu_ms['submit']:.0f} ms, the same submit again {cpu_ms['retry']:.0f} ms"
    )
    return WarmUp(records, cpu_ms)


# --- CPU shares on stderr ----------------------------------------------------------------------


class CpuMeter:
    """The CPU each party takes during the window, from ``/proc`` (Linux), sampled every
    second: the server (main process and workers), locust, the PostgreSQL backends connected to
    this run's database (the server is shared with whatever else runs on the machine), the kernel
    threads (page-cache writeback); the rest of the machine's time is other processes'.

    A process first seen after the first sample counts whole (it started in the window); one
    that ends loses at most its last second.
    """

    def __init__(self, server_pid: int, client_pid: int, database: str) -> None:
        self.server_pid, self.client_pid, self.database = server_pid, client_pid, database
        parties = ("server", "server_system", "client", "database", "tools")
        self.ticks: dict[str, dict[int, int]] = {party: {} for party in parties}
        self.used = dict.fromkeys(parties, 0)
        self.start: tuple[float, list[int], int] | None = None
        self.end: tuple[float, list[int], int] | None = None
        self.conn: Any = None

    def __enter__(self) -> CpuMeter:
        import psycopg

        with contextlib.suppress(psycopg.Error):
            self.conn = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
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
        seen: dict[str, dict[int, int]] = {party: {} for party in self.used}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            try:
                ppid, flags, user, system = process_times(pid)
            except (OSError, ValueError, IndexError):
                continue  # gone in the meantime
            ticks = user + system
            if flags & 0x00200000 or pid == 2 or ppid == 2:  # PF_KTHREAD
                kernel += ticks
            elif pid == self.server_pid or ppid == self.server_pid:
                seen["server"][pid] = ticks
                seen["server_system"][pid] = system
            elif pid == self.client_pid:
                seen["client"][pid] = ticks
            elif pid in database_pids:
                seen["database"][pid] = ticks
            elif pid == os.getpid() or ppid == os.getpid():  # this script, py-spy
                seen["tools"][pid] = ticks
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

    def report(self) -> dict[str, float]:
        """On stderr: the cores each party took; a warning if other processes took some."""
        if self.start is None or self.end is None or self.end[0] <= self.start[0]:
            return {}
        tick = os.sysconf("SC_CLK_TCK")
        wall = self.end[0] - self.start[0]
        delta = [b - a for a, b in zip(self.start[1], self.end[1], strict=True)]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (d / tick / wall for d in delta)
        cores = {party: ticks / tick / wall for party, ticks in self.used.items()}
        kernel = (self.end[2] - self.start[2]) / tick / wall
        tasks = user + nice + system
        others = max(0.0, tasks - sum(cores.values()) + cores["server_system"] - kernel)
        line = (
            f"window: cores used by the server {cores['server']:.2f} "
            f"(of which in the kernel {cores['server_system']:.2f}), locust {cores['client']:.2f}, "
            f"PostgreSQL (this database) {cores['database']:.2f}, kernel threads {kernel:.2f}, "
            f"interrupts {irq + softirq:.2f}, this script and py-spy {cores['tools']:.2f}, "
            f"other processes {others:.2f} (the machine busy "
            f"{tasks + irq + softirq:.2f} of {os.cpu_count()}), stolen {steal:.2f}"
        )
        if others > NOISE_CORES or steal > NOISE_CORES:
            line += " — WARNING: the machine was not quiet, these figures are not comparable"
        log(line)
        return {**cores, "others": others}


def process_stat(pid: int) -> tuple[int, int, int]:
    """(ppid, flags, utime + stime in ticks) of one process."""
    ppid, flags, user, system = process_times(pid)
    return ppid, flags, user + system


def process_times(pid: int) -> tuple[int, int, int, int]:
    """(ppid, flags, utime, stime in ticks) of one process."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[1]), int(fields[6]), int(fields[11]), int(fields[12])


# --- the load ----------------------------------------------------------------------------------


def run_load(
    tmp: Path,
    port: int,
    server: subprocess.Popen[bytes],
    candidates_file: Path,
    first_slot: int,
    csrf: str,
    database: str,
    options: Options,
) -> tuple[list[dict[str, Any]], float, dict[str, float]]:
    """Locust in a second process: the records of every sequence, ``t0``, the CPU shares."""
    locustfile = tmp / "locustfile_rush.py"
    locustfile.write_text(LOCUSTFILE, encoding="utf-8")
    records_file = tmp / "records.json"
    t0 = time.time() + LOCUST_START_S
    config = {
        "bench_dir": str(BENCH_DIR),
        "candidates_file": str(candidates_file),
        "records_file": str(records_file),
        "first_slot": first_slot,
        "t0": t0,
        "rate": options.rate,
        "total_s": options.total_s,
        "users": options.users,
        "retry_probability": options.retry_probability,
        "upload_bytes": UPLOAD_BYTES,
        "seed": SEED,
        "csrf": csrf,
        "timeout": REQUEST_TIMEOUT_S,
    }
    config_file = tmp / "rush_config.json"
    config_file.write_text(json.dumps(config), encoding="utf-8")
    locust = Path(sys.executable).with_name("locust")
    run_time = math.ceil(LOCUST_START_S + options.total_s + LOCUST_GRACE_S)
    command = [
        str(locust), "-f", str(locustfile), "--headless",
        "-u", str(options.users), "-r", str(options.users),
        "-t", f"{run_time}s", "--stop-timeout", "30",
        "--host", f"http://{HOST}:{port}",
        "--csv", str(tmp / "locust"), "--only-summary",
        "--exit-code-on-error", "0", "--loglevel", "WARNING",
    ]  # fmt: skip
    env = {**os.environ, "RUSH_CONFIG": str(config_file), "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log(
        f"locust: {options.users} users, {options.rate:g} sequences/s scheduled for "
        f"{options.total_s:g} s ({options.warmup_s:g} warm-up, {options.measure_s:g} measured, "
        f"{options.cooldown_s:g} after); its output: {tmp / 'locust.log'}"
    )
    window_start = t0 + options.warmup_s
    window_end = window_start + options.measure_s
    with (tmp / "locust.log").open("ab") as locust_log:
        process = subprocess.Popen(
            command,
            cwd=tmp,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=locust_log,
            stderr=locust_log,
            start_new_session=True,
        )
    profiler: subprocess.Popen[bytes] | None = None
    cpu: dict[str, float] = {}
    try:
        sleep_until(window_start, process)
        with CpuMeter(server.pid, process.pid, database) as meter:
            meter.sample()
            if options.py_spy:
                profiler = start_py_spy(options, server.pid, tmp)
            while time.time() < window_end and process.poll() is None:
                time.sleep(min(1.0, max(0.0, window_end - time.time())))
                meter.sample()
            cpu = meter.report()
        try:
            process.wait(timeout=LOCUST_START_S + options.total_s + 2 * LOCUST_GRACE_S)
        except subprocess.TimeoutExpired:
            raise BenchmarkFailed("locust did not finish in time") from None
    finally:
        stop_group(process, "locust", 30)
        if profiler is not None:
            stop_group(profiler, "py-spy", 30)
    if not records_file.exists():
        raise BenchmarkFailed(f"locust wrote no records:\n{tail(tmp / 'locust.log')}")
    log_locust_stats(tmp / "locust_stats.csv")
    records: list[dict[str, Any]] = json.loads(records_file.read_text(encoding="utf-8"))
    return records, t0, cpu


def sleep_until(moment: float, process: subprocess.Popen[bytes]) -> None:
    while (left := moment - time.time()) > 0:
        if process.poll() is not None:
            return
        time.sleep(min(left, 0.5))


def log_locust_stats(path: Path) -> None:
    """Locust's own view of the requests (its percentiles are rounded), as a cross-check."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for row in csv.DictReader(lines):
        log(
            f"locust stats: {row['Type']} {row['Name']}: {row['Request Count']} requests, "
            f"{row['Failure Count']} failures, median {row['Median Response Time']} ms, "
            f"95% {row['95%']} ms, max {float(row['Max Response Time']):.0f} ms"
        )


def start_py_spy(options: Options, server_pid: int, tmp: Path) -> subprocess.Popen[bytes]:
    out = options.profile_out or tmp / "profile.txt"
    log(f"py-spy: sampling the server's workers for {options.measure_s:g} s into {out}")
    command = [
        str(options.py_spy), "record", "--pid", str(server_pid), "--subprocesses",
        "--duration", str(int(options.measure_s)), "--rate", "50", "--format", "raw",
        "--nonblocking", "--output", str(out),
    ]  # fmt: skip
    with (tmp / "py-spy.log").open("ab") as spy_log:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=spy_log,
            stderr=spy_log,
            start_new_session=True,
        )


def summarize_profile(path: Path, top: int = 30) -> None:
    """Inclusive and self shares of the sampled frames (py-spy's collapsed stacks)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        log(f"py-spy wrote no profile at {path}")
        return
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in lines:
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = [re.sub(r":\d+\)$", ")", f) for f in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + count
        own[frames[-1]] = own.get(frames[-1], 0) + count
    if not total:
        return
    log(f"py-spy: {total} samples of the workers (waits on PostgreSQL count as busy)")
    for title, table in (("inclusive", inclusive), ("self", own)):
        for frame, count in sorted(table.items(), key=lambda kv: -kv[1])[:top]:
            log(f"py-spy {title} {100 * count / total:5.1f} %  {frame}")


# --- figures -----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    rank = max(1, math.ceil(len(ordered) * p / 100))
    return ordered[rank - 1]


@dataclass
class Figures:
    submissions_per_s: float
    offered_per_s: float
    p50_ms: float
    p95_ms: float
    upload_p95_ms: float
    submit_p95_ms: float
    errors: int


def request_ok(answer: dict[str, Any] | None) -> bool:
    return answer is not None and answer["outcome"] == "ok"


def timeline(started: list[dict[str, Any]], start: float, end: float) -> str:
    """The sequences' p95 in each ``TIMELINE_S`` slice of the window (by start): whether a
    high p95 is the whole window queueing or a few seconds' stall that took long to drain."""
    slices: list[list[float]] = [[] for _ in range(max(1, math.ceil((end - start) / TIMELINE_S)))]
    for r in started:
        index = min(int((r["upload"]["start"] - start) // TIMELINE_S), len(slices) - 1)
        slices[index].append(
            1000 * ((r.get("submit") or r["upload"])["end"] - r["upload"]["start"])
        )
    return " ".join(f"{percentile(s, 95):.0f}" if s else "-" for s in slices) + " ms"


def figures_of(records: list[dict[str, Any]], t0: float, options: Options) -> Figures:
    start, end = t0 + options.warmup_s, t0 + options.warmup_s + options.measure_s
    load = [r for r in records if not r.get("warm_up")]
    completed = [
        r for r in load if request_ok(r["upload"]) and request_ok(r.get("submit"))
    ]  # fmt: skip
    done_in_window = [r for r in completed if start <= r["submit"]["end"] < end]
    started = [r for r in load if start <= r["upload"]["start"] < end]
    # What the candidate waited: from sending the upload to the last answer (an error or a
    # time-out counts at the time it took).
    sequences = [
        1000 * ((r.get("submit") or r["upload"])["end"] - r["upload"]["start"]) for r in started
    ]
    uploads = [1000 * (r["upload"]["end"] - r["upload"]["start"]) for r in started]
    submits = [
        1000 * (r["submit"]["end"] - r["submit"]["start"]) for r in started if r.get("submit")
    ]
    if not started or not submits:
        raise BenchmarkFailed("no sequence in the measured window got to its submit")
    errors = 0
    for r in started:
        for answer in (r["upload"], r.get("submit"), r.get("retry")):
            if answer is not None and answer["outcome"] != "ok":
                errors += 1
        if request_ok(r["upload"]) and r.get("submit") is None:
            errors += 1  # cannot happen: the locustfile always submits after a good upload
    late = [r["upload"]["start"] - r["scheduled"] for r in started]
    log(
        f"window: {len(started)} sequences started, {len(done_in_window)} complete submissions "
        f"ended; starts later than scheduled by > 100 ms: {sum(d > 0.1 for d in late)} "
        f"(the worst {max(late, default=0.0):.2f} s)"
    )
    log(
        f"window: sequence p50 {percentile(sequences, 50):.0f} ms, p95 "
        f"{percentile(sequences, 95):.0f} ms, max {max(sequences):.0f} ms; upload p50 "
        f"{percentile(uploads, 50):.0f} ms, p95 {percentile(uploads, 95):.0f} ms; submit p50 "
        f"{percentile(submits, 50):.0f} ms, p95 {percentile(submits, 95):.0f} ms"
    )
    log(f"window: sequence p95 per {TIMELINE_S:g} s: {timeline(started, start, end)}")
    outcomes: dict[str, int] = {}
    for r in load:
        for what in ("upload", "submit", "retry"):
            if r.get(what) is not None and r[what]["outcome"] != "ok":
                text = f"{what}: {r[what]['outcome']}"[:160]
                outcomes[text] = outcomes.get(text, 0) + 1
    for text, count in sorted(outcomes.items(), key=lambda kv: -kv[1])[:10]:
        log(f"not as expected ({count}×): {text}")
    return Figures(
        submissions_per_s=len(done_in_window) / options.measure_s,
        offered_per_s=len(started) / options.measure_s,
        p50_ms=percentile(sequences, 50),
        p95_ms=percentile(sequences, 95),
        upload_p95_ms=percentile(uploads, 95),
        submit_p95_ms=percentile(submits, 95),
        errors=errors,
    )


# --- child processes with Django: the set-up and the check -----------------------------------


def internal_setup(out: Path, count: int) -> None:
    """The edition and ``count`` candidates, each a draft missing only the CV, signed in."""
    import datetime as dt

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import transaction
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from concours.accounts.models import User
    from concours.applications.checks import submission_findings
    from concours.applications.models import (
        Application,
        ApplicationStatus,
        CandidateProfile,
        Document,
        DocumentKind,
        ProgrammePiece,
        Recording,
        RecordingKind,
    )
    from concours.competitions.models import RoundKind
    from concours.competitions.tests.factories import (
        CompetitionFactory,
        DivisionFactory,
        EditionFactory,
        RepertoireCategoryFactory,
        RepertoireRequirementFactory,
        RoundFactory,
    )

    now = timezone.now()
    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    (private / "rush").mkdir(parents=True, exist_ok=True)
    (private / "rush" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (private / "rush" / "birth.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00" * 64)
    with transaction.atomic():
        edition = EditionFactory(
            competition=CompetitionFactory(slug="rush", name_en="Deadline Rush Competition"),
            year=now.year + 1,
            starts_on=(now + dt.timedelta(days=200)).date(),
            ends_on=(now + dt.timedelta(days=214)).date(),
            applications_open_at=now - dt.timedelta(days=10),
            applications_close_at=now + dt.timedelta(days=1),
        )
        division = DivisionFactory(
            edition=edition, slug="violin",
            born_on_or_after=dt.date(1990, 1, 1), born_on_or_before=dt.date(2008, 1, 1),
        )  # fmt: skip
        RoundFactory(division=division, number=1, kind=RoundKind.PRESELECTION,
                     name_en="Pre-selection", min_duration=None, max_duration=None)  # fmt: skip
        first = RoundFactory(division=division, number=2, name_en="Round 1")
        paganini = RepertoireCategoryFactory(
            edition=edition, code="paganini", name_en="Paganini caprice"
        )
        RepertoireRequirementFactory(round=first, category=paganini)

        users = User.objects.bulk_create(
            User(email=f"rush-{i}@example.org", full_name=f"Rush Candidate {i}",
                 password=make_password(None), email_verified_at=now)
            for i in range(count)
        )  # fmt: skip
        profiles = CandidateProfile.objects.bulk_create(
            CandidateProfile(user=user, given_name="Rush", family_name=f"Candidate {i}",
                             birth_date=dt.date(2000, 5, 1), citizenship="CN",
                             country_represented="CN", residence="DE")
            for i, user in enumerate(users)
        )  # fmt: skip
        applications = Application.objects.bulk_create(
            Application(candidate=profile, division=division, status=ApplicationStatus.DRAFT)
            for profile in profiles
        )
        pieces = ProgrammePiece.objects.bulk_create(
            piece
            for application in applications
            for piece in (
                ProgrammePiece(application=application, round=first, order=1,
                               composer="Paganini", work="Caprice No. 24", duration_seconds=300),
                ProgrammePiece(application=application, round=first, order=2, composer="Bach",
                               work="Partita No. 2", movements="Chaconne", duration_seconds=960),
            )
        )  # fmt: skip
        through = ProgrammePiece.categories.through
        through.objects.bulk_create(
            through(programmepiece_id=piece.pk, repertoirecategory_id=paganini.pk)
            for piece in pieces
            if piece.composer == "Paganini"
        )
        Recording.objects.bulk_create(
            Recording(application=application, kind=RecordingKind.LINK,
                      url="https://www.youtube.com/watch?v=rush", title="Caprice 24",
                      recorded_on=dt.date(2025, 1, 10), unedited_declared_at=now)
            for application in applications
        )  # fmt: skip
        Document.objects.bulk_create(
            document
            for application in applications
            for document in (
                Document(application=application, kind=DocumentKind.PHOTO,
                         file="rush/photo.png", content_type="image/png", size=72),
                Document(application=application, kind=DocumentKind.BIRTH_PROOF,
                         file="rush/birth.pdf", content_type="application/pdf", size=73),
            )
        )  # fmt: skip
        sessions = []
        expire = now + dt.timedelta(days=1)
        backend = settings.AUTHENTICATION_BACKENDS[0]
        for user in users:
            data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: backend,
                    HASH_SESSION_KEY: user.get_session_auth_hash()}  # fmt: skip
            sessions.append(
                Session(
                    session_key=get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
                    session_data=SessionStore().encode(data),
                    expire_date=expire,
                )
            )
        Session.objects.bulk_create(sessions)
        if settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db":
            # Candidates at a deadline have been working in the portal: their sessions are in
            # the shared cache already, as the first request of each would have put them.
            from django.contrib.sessions.backends.cached_db import KEY_PREFIX
            from django.core.cache import caches

            caches[settings.SESSION_CACHE_ALIAS].set_many(
                {
                    KEY_PREFIX + s.session_key: SessionStore().decode(s.session_data)
                    for s in sessions
                },
                timeout=int((expire - now).total_seconds()),
            )
    first_draft = Application.objects.get(pk=applications[0].pk)
    codes = [finding.code for finding in submission_findings(first_draft, now=timezone.now())]
    if codes != ["missing_cv"]:
        raise SystemExit(f"the prepared draft should lack only the CV, it lacks: {codes}")
    out.write_text(
        json.dumps(
            {
                "candidates": [
                    {"reference": str(application.reference), "session": session.session_key}
                    for application, session in zip(applications, sessions, strict=True)
                ]
            }
        ),
        encoding="utf-8",
    )
    log(f"set-up: {count} candidates ready")


def internal_verify(records_path: Path, candidates_path: Path, out: Path) -> None:
    """Compare what the clients were told with what the database holds; write the counts."""
    import django

    django.setup()
    from django.core.files.storage import storages
    from django.db.models import Count, Q
    from django_tasks_db.models import DBTaskResult

    from concours.applications.models import (
        Application,
        ApplicationStatus,
        Document,
        DocumentKind,
    )

    records = json.loads(records_path.read_text(encoding="utf-8"))
    references = [
        c["reference"] for c in json.loads(candidates_path.read_text())["candidates"]
    ]  # fmt: skip
    applications = {
        str(a.reference): a
        for a in Application.objects.filter(reference__in=references).annotate(
            submitted_changes=Count(
                "status_changes", filter=Q(status_changes__new_status=ApplicationStatus.SUBMITTED)
            )
        )
    }
    cvs: dict[int, list[tuple[str, int]]] = {}
    for document in Document.objects.filter(kind=DocumentKind.CV).values(
        "application_id", "file", "size"
    ):
        cvs.setdefault(document["application_id"], []).append((document["file"], document["size"]))
    emails: dict[int, int] = {}
    for args_kwargs in DBTaskResult.objects.filter(
        task_path__endswith="send_status_email"
    ).values_list("args_kwargs", flat=True):
        application_id, status = args_kwargs["args"][:2]
        if status == ApplicationStatus.SUBMITTED:
            emails[application_id] = emails.get(application_id, 0) + 1
    storage = storages["private"]
    lost = duplicated = unacknowledged_submits = unacknowledged_uploads = 0
    lost_examples: list[str] = []
    told: dict[str, dict[str, Any]] = {r["reference"]: r for r in records}
    for reference, application in applications.items():
        record = told.get(reference)
        uploads_ok = int(record is not None and record["upload"]["outcome"] == "ok")
        submit_ok = record is not None and any(
            answer is not None and answer["outcome"] == "ok"
            for answer in (record.get("submit"), record.get("retry"))
        )
        documents = cvs.get(application.pk, [])
        good_documents = [
            name for name, size in documents
            if size == UPLOAD_BYTES and storage.exists(name) and storage.size(name) == UPLOAD_BYTES
        ]  # fmt: skip
        if len(good_documents) < uploads_ok:
            lost += 1
            lost_examples.append(f"{reference}: upload answered 302, {len(documents)} CVs")
        elif len(documents) > uploads_ok:
            unacknowledged_uploads += len(documents) - uploads_ok
        submitted = application.status == ApplicationStatus.SUBMITTED
        if submit_ok:
            assert record is not None
            if not (
                submitted
                and str(application.submission_key) == record["key"]
                and application.submitted_changes == 1
            ):
                lost += 1
                lost_examples.append(
                    f"{reference}: submit answered with success, the database says "
                    f"{application.status}, {application.submitted_changes} changes"
                )
        elif submitted:
            unacknowledged_submits += 1
        if application.submitted_changes > 1 or emails.get(application.pk, 0) > 1:
            duplicated += 1
        if record is not None and record.get("retry") is not None:
            first, again = record.get("submit"), record["retry"]
            if first is not None and (first["outcome"] == "ok") != (again["outcome"] == "ok"):
                duplicated += 1  # the same submit answered differently
    submitted_ids = {
        a.pk for a in applications.values() if a.status == ApplicationStatus.SUBMITTED
    }  # fmt: skip
    result = {
        "lost": lost,
        "duplicated": duplicated,
        "unacknowledged_submits": unacknowledged_submits,
        "unacknowledged_uploads": unacknowledged_uploads,
        "submitted": len(submitted_ids),
        "emails_missing": sum(1 for pk in submitted_ids if emails.get(pk, 0) == 0),
        "emails_extra": sum(max(0, n - 1) for n in emails.values()),
        "lost_examples": lost_examples[:5],
    }
    out.write_text(json.dumps(result), encoding="utf-8")


def verify(env: dict[str, str], tmp: Path, records: list[dict[str, Any]], candidates: Path):  # type: ignore[no-untyped-def]
    records_path = tmp / "all_records.json"
    records_path.write_text(json.dumps(records), encoding="utf-8")
    out = tmp / "verified.json"
    run_child(
        env,
        [sys.executable, __file__, "--internal-verify", str(records_path), str(candidates), str(out)],
        "checking every answer against the database",
        SETUP_TIMEOUT_S,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    log(
        f"database: {result['submitted']} applications submitted; committed without an answer "
        f"in time: {result['unacknowledged_submits']} submits, "
        f"{result['unacknowledged_uploads']} uploads; status e-mails queued: "
        f"{result['emails_missing']} missing, {result['emails_extra']} extra"
    )
    for example in result["lost_examples"]:
        log(f"LOST: {example}")
    return result


# --- main --------------------------------------------------------------------------------------


def parse_options(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rate", type=float, default=RATE)
    parser.add_argument("--warmup", type=float, default=WARMUP_S)
    parser.add_argument("--measure", type=float, default=MEASURE_S)
    parser.add_argument("--cooldown", type=float, default=COOLDOWN_S)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--server", choices=("gunicorn", "granian"), default=SERVER)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default=WORKER_CLASS)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--retry-probability", type=float, default=RETRY_PROBABILITY)
    parser.add_argument("--py-spy", help="path of a py-spy binary: profile the workers")
    parser.add_argument("--profile-out", type=Path, help="where py-spy writes (kept)")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    parser.add_argument(
        "--memory-limit", type=int, default=MEMORY_LIMIT_MIB, metavar="MIB",
        help="run the server in a memory cgroup of this size (0: none); see the docstring",
    )  # fmt: skip
    parser.add_argument(
        "--dirty", default=DIRTY_MIB, metavar="BACKGROUND:LIMIT",
        help="the kernel's dirty-page thresholds in MiB during the run (0: leave them)",
    )  # fmt: skip
    parser.add_argument(
        "--no-malloc-tuning", action="store_true",
        help="start the server without docs/deploy.md's glibc malloc tunables",
    )  # fmt: skip
    args = parser.parse_args(argv)
    dirty = None
    if args.dirty != "0":
        try:
            background, limit = (int(part) for part in args.dirty.split(":"))
        except ValueError:
            parser.error("--dirty takes BACKGROUND:LIMIT in MiB, e.g. 32:256, or 0")
        if not 0 < background < limit:
            parser.error("--dirty: 0 < BACKGROUND < LIMIT")
        dirty = (background, limit)
    if not (0 < args.rate <= 500 and 0 < args.measure <= 600 and 1 <= args.users <= 1000):
        parser.error("--rate, --measure or --users out of bounds (500/s, 600 s, 1000 users)")
    return Options(
        rate=args.rate, warmup_s=args.warmup, measure_s=args.measure, cooldown_s=args.cooldown,
        users=args.users, server=args.server, workers=args.workers,
        worker_class=args.worker_class,
        threads=args.threads, retry_probability=args.retry_probability, py_spy=args.py_spy,
        profile_out=args.profile_out, keep_db=args.keep_db, memory_limit_mib=args.memory_limit,
        dirty_mib=dirty, malloc_tuning=not args.no_malloc_tuning,
    )  # fmt: skip


def terminate_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def check_disk(tmp: Path, needed: int) -> None:
    free = shutil.disk_usage(tmp).free
    if free < needed * 1.2:
        raise BenchmarkFailed(
            f"{tmp} has {free / 1e9:.1f} GB free; the uploads need about {needed / 1e9:.1f} GB"
        )


def run(options: Options) -> int:
    started = time.monotonic()
    database = f"concours_rush_{os.getpid()}"
    warm_ups = WARMUP_SEQUENCES
    scheduled = math.ceil(options.rate * options.total_s)
    count = warm_ups + scheduled
    csrf = "".join(secrets.choice(CSRF_ALPHABET) for _ in range(32))
    with tempfile.TemporaryDirectory(prefix="concours-rush-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "uploads-in-flight").mkdir()
        env = server_environment(tmp, database)
        log(f"throw-away environment in {tmp}; database {database}")
        try:
            check_disk(tmp, count * UPLOAD_BYTES)
            with throwaway_database(database, options.keep_db), shared_cache() as redis_url:
                env["REDIS_URL"] = redis_url
                manage(env, "migrate", "--no-input", "-v", "0")
                manage(env, "collectstatic", "--no-input", "-v", "0")
                candidates_file = tmp / "candidates.json"
                run_child(
                    env,
                    [sys.executable, __file__, "--internal-setup", str(candidates_file), str(count)],
                    f"set-up: {count} candidates ({warm_ups} for the warm-up)",
                    SETUP_TIMEOUT_S,
                )  # fmt: skip
                candidates = json.loads(candidates_file.read_text())["candidates"]
                port = free_port()
                log(machine_reference())
                with web_server(env, port, tmp / "server.log", options) as process:
                    warm = warm_up(port, process.pid, candidates[:warm_ups], csrf)
                    records = warm.records
                    load_records, t0, cpu = run_load(
                        tmp, port, process, candidates_file, warm_ups, csrf, database, options
                    )
                    records += load_records
                server_errors = tail(tmp / "server.log", 200).count("Traceback")
                if server_errors:
                    log(f"the server log has {server_errors} tracebacks; its end:")
                    log(tail(tmp / "server.log"))
                figures = figures_of(records, t0, options)
                checked = verify(env, tmp, records, candidates_file)
            if options.py_spy:
                summarize_profile(options.profile_out or tmp / "profile.txt")
        except BenchmarkFailed as error:
            log(f"FAILED: {error}")
            return 1
    print(f"applications.submissions_per_s: {figures.submissions_per_s:.1f}")
    print(f"applications.offered_per_s: {figures.offered_per_s:.1f}")
    print(f"applications.p50_ms: {figures.p50_ms:.0f}")
    print(f"applications.p95_ms: {figures.p95_ms:.0f}")
    print(f"applications.upload_p95_ms: {figures.upload_p95_ms:.0f}")
    print(f"applications.submit_p95_ms: {figures.submit_p95_ms:.0f}")
    if cpu and figures.submissions_per_s:
        # What one submission costs the server, whatever else the machine was doing.
        per = 1000 / figures.submissions_per_s
        print(f"applications.server_cpu_ms_per_submission: {cpu['server'] * per:.0f}")
        print(f"applications.server_kernel_cpu_ms_per_submission: {cpu['server_system'] * per:.0f}")
        print(f"applications.database_cpu_ms_per_submission: {cpu['database'] * per:.0f}")
    print(f"applications.upload_server_cpu_ms: {warm.cpu_ms['upload']:.0f}")
    print(f"applications.submit_server_cpu_ms: {warm.cpu_ms['submit']:.0f}")
    print(f"applications.lost: {checked['lost']}")
    print(f"applications.duplicated: {checked['duplicated']}")
    print(f"applications.errors: {figures.errors}")
    log(f"done in {time.monotonic() - started:.0f} s")
    if checked["lost"] or checked["duplicated"]:
        log("FAILED: answers and database disagree (lost or duplicated submissions)")
        return 1
    return 0


def machine_reference() -> str:
    """Two small reference workloads, timed on this process's CPU clock just before the load:
    figures from different hours or machines compare only in their light. A pure-Python loop
    stays in the core's caches; copying 1 GiB through a 64 MiB buffer is bound by the memory,
    which other guests of the host share (on 2026-11-30 the rush's server CPU per submission
    rose by a quarter within an hour while the loop's time did not move)."""
    began = time.process_time()
    total = 0
    for number in range(5_000_000):
        total += number
    loop_ms = 1000 * (time.process_time() - began)
    block = bytearray(64 * 1024 * 1024)
    target = bytearray(len(block))
    target[:] = block  # the pages are the process's own before the timing
    began = time.process_time()
    for _ in range(16):
        target[:] = block
    copy_ms = 1000 * (time.process_time() - began)
    return f"machine: a 5 million-turn Python loop {loop_ms:.0f} ms, copying 1 GiB {copy_ms:.0f} ms"


def main(argv: list[str]) -> int:
    if argv[:1] in (["--internal-setup"], ["--internal-verify"]):
        sys.path.insert(0, str(REPO))  # the children import Django and the project
    if argv[:1] == ["--internal-setup"]:
        internal_setup(Path(argv[1]), int(argv[2]))
        return 0
    if argv[:1] == ["--internal-verify"]:
        internal_verify(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        return 0
    signal.signal(signal.SIGTERM, terminate_on_sigterm)
    return run(parse_options(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
