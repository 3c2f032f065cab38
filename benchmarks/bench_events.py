"""Registrations for one event with a quota (issue 6), against gunicorn + PostgreSQL.

Run from the repository root (PostgreSQL must answer at 127.0.0.1:5432 as ``postgres``)::

    .venv/bin/python benchmarks/bench_events.py        # or: make bench

It always makes its own database on that server (``DATABASE_URL`` is not used). A run takes
about two minutes on a quiet machine: half a minute to prepare (``migrate``, the set-up, and
``collectstatic`` beside them), 70 seconds of load, a few seconds of checks.

The target of issue 6: **2,000 registrations a minute for one event with a quota** (pretix
documents 300-400 tickets a minute per event as its practical ceiling), measured from a second
process on loopback, with **zero oversold places** and the 95th percentile under 500 ms.

What one registration is
------------------------
A person who wants a place at a popular seminar has an account (verified e-mail address), is
signed in, and has the registration form open: one public category ("Observer", free), two
questions of the organiser (the institution, required; how they heard of it, a choice,
answered by three people in four). Within the measured minute each simulated registrant, with
its own session, sends the form once: ``POST /events/<slug>/register/`` with the CSRF cookie
and token, the category's id and the answers, exactly as the browser sends the form. The
answer must be the redirect (302) to the registrant's own registration page,
``/events/me/<id>/``, with Django's message saying what became of it (read from the
``messages`` cookie):

- *success* ("You are registered"): **confirmed**, a place in the quota;
- *info* ("The event is full"): **waitlisted**, once the quota is full.

The quota is smaller than the number of registrants: 688 places for 2,287 people by default,
so that at 2,000 a minute it is full a quarter into the measured window (``FULL_AT``), and
still within it when the server takes only half as many. The last places are contested by
requests in flight at once, and everybody after them goes to the waiting list. Both answers
count as a registration answered as expected; stderr says if the quota was not filled.

One registrant in twenty (``RESEND_PROBABILITY``) sends the same form twice: half after the
first answer came back (the back button and a second submit), half at the same moment on a
second connection (a double click racing itself). Both answers must be the redirect to the
*same* registration, at least one of them saying confirmed or waitlisted; never a second
registration.

The registration page a browser would then load is not requested (a read; this measures the
writes the opening of registration piles up), nor the form page before (the registrants have
it open). Signing in is not part of the sequence either: the sessions are made in the set-up
(a password check is a deliberately slow PBKDF2, about 0.35 s of CPU here).

Method
------
1. A throw-away PostgreSQL database ``concours_events_<pid>`` (created, and dropped at the end
   in every case) and a temporary directory (static files, logs). Production settings as in
   ``bench_deadline_rush.py`` (``DEBUG=0``, a random ``SECRET_KEY``, ``ALLOWED_HOSTS=127.0.0.1``,
   ``SECURE_SSL_REDIRECT=0`` for plain http on loopback, ``DATABASE_CONN_MAX_AGE=60``,
   ``LOG_LEVEL=WARNING``, the database task backend, e-mail to Django's dummy backend). No
   ``REDIS_URL``: registering reads nothing from the cache, and sessions are in the database.
2. ``migrate``, then the set-up (this script in a child process, with Django), while
   ``collectstatic`` runs beside them (it needs no database). The set-up makes one published
   seminar of a member competition, open for registration, with two sessions (a registration
   covers both), the public category, a second category only the office registers in, the two
   questions and one quota on the public category; and, in bulk, one verified account and
   database session per registrant, plus one probe. The probe registers through Django's test
   client (the same form, the same view) while its queries are counted: the set-up fails if
   that is not the confirmed redirect, and prints on stderr the queries of one registration
   and of the same form sent again.
3. ``gunicorn concours.wsgi`` with ``WORKERS`` = 4 sync workers and an access log, as
   ``docs/deploy.md`` starts it, waited for through ``/healthz``. **No task worker runs** during the load: each
   registration's e-mail is queued after commit, and the check below counts the queued e-mails.
4. A warm-up and a check from this process (``http.client``), one request at a time: a few
   views of the event's page (every worker's first requests cost more), then
   ``WARMUP_REGISTRANTS`` registrations (each must be confirmed), then the same forms again
   (each must lead to the same registration). gunicorn's CPU time per request is measured
   here, where no queueing or other request inflates it.
5. The load: a second process (this script, ``--internal-load``), with no Django: ``USERS``
   threads, each with the minimal HTTP/1.1 client of ``bench_results_night.py`` (the request
   built once; gunicorn's sync workers close the connection after each answer, so every
   request opens a new TCP connection). Registrant ``j`` is *scheduled* at ``t0 + j / RATE``
   (2,000 a minute: 33.3 a second); thread ``k`` runs registrants ``k, k + USERS, …``, each as
   soon as it is due and its previous one is done. While the server keeps up, the offered load
   is exactly ``RATE`` (an open loop); when it does not, threads fall behind (a closed loop with
   ``USERS`` registrants in flight) and the late starts are reported. The load lasts
   ``WARMUP_S + MEASURE_S + COOLDOWN_S`` seconds; the figures are taken from the middle
   ``MEASURE_S`` seconds.
6. Afterwards, from the database (this script in a child process, with Django):

   - **oversold**: for every quota of the event, the registrations it applies to that hold a
     place (``confirmed`` or ``offered``) beyond its size, summed over the quotas (counted
     here with plain queries, not with the events code under test);
   - **lost**: a registration answered with a redirect whose registration is not in the
     database, is another person's, or has not the status the answer said;
   - **duplicated**: a person with more than one registration for the event (nobody cancels
     during the run, so any second one is a duplicate), a form sent twice answered with two
     different registrations, or a registration with more than one queued e-mail;
   - also reported on stderr: registrations committed although the client got no answer in
     time (neither lost nor duplicated: the person sees it on reload), registrations without
     a queued e-mail, and free places left while people wait (with one quota and nobody
     cancelling, the waiting list must start exactly when the quota is full).

Figures (stdout, one ``name: value`` line each)
-----------------------------------------------
- ``events.registrations_per_min``: registrations answered as expected (every request of the
  registrant) whose first answer *ended* in the measured window, per minute;
- ``events.offered_per_min``: registrants the load generator *started* in the window, per
  minute (equal to ``RATE`` × 60 when the clients kept to the schedule);
- ``events.p50_ms``, ``events.p95_ms``: the registration's answer time (the first sending, from
  sending to the whole answer), of the registrants started in the window (an error or a
  time-out counts at the time it took);
- ``events.server_cpu_ms_per_registration``, ``events.database_cpu_ms_per_registration``: the
  CPU time gunicorn (master and workers) and this database's PostgreSQL backends took in the
  window, divided by the registrations in it (the second sendings included in the cost); at
  2,000 a minute, 30 ms of them make one core;
- ``events.register_server_cpu_ms``: gunicorn's CPU time of one registration, one request at a
  time (the warm-up);
- ``events.oversold``, ``events.lost``, ``events.duplicated``: as above (run-wide, warm-up and
  probe included);
- ``events.errors``: requests of the window's registrants answered otherwise than expected (a
  status other than 302, a redirect elsewhere, a redirect without the expected message, a
  time-out or a connection error).

Percentiles are by nearest rank over the single run. The run exits 1 when a place was oversold
or a registration lost or duplicated (after printing the figures), or when the set-up or the
warm-up check failed (no figures). Progress and diagnostics go to stderr: the queries of one
registration, the CPU taken during the window by gunicorn, the load generator, this database's
PostgreSQL backends, the kernel and every other process (a WARNING when other processes or the
hypervisor took more than ``NOISE_CORES``), late starts, confirmed and waitlisted counts, the
answers that were not as expected.

Options, for experiments (``--help``): ``--rate`` (a second), ``--measure``, ``--warmup``,
``--cooldown``, ``--users``, ``--places``, ``--workers``, ``--worker-class gthread --threads
N``, ``--resend-probability``, ``--keep-db``, and ``--py-spy PATH`` which samples the gunicorn
workers during the window with py-spy (``pip install --target /tmp/pyspy py-spy``) and prints
where their time goes.

Caveats
-------
- The load generator, gunicorn and PostgreSQL share the machine's cores; the CPU shares on
  stderr say how much each took.
- Every registrant registers in the one public category; with several categories and quotas
  the quotas of other categories are neither locked nor counted by a registration.
- A registration covers both sessions of the event (no choice of sessions), as most seminars
  do; with ``choose_sessions`` each registration also writes its chosen sessions.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import parse_qsl, urlencode

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
import bench_deadline_rush as rush  # noqa: E402  (its environment, database and web-server helpers)
import bench_results_night as night  # noqa: E402  (its HTTP client and CPU meter)

rush.LOG_NAME = Path(__file__).stem
log = rush.log
BenchmarkFailed = rush.BenchmarkFailed

REPO = BENCH_DIR.parent
HOST = "127.0.0.1"
SEED = 20261201

RATE = 2000 / 60  # registrants scheduled per second (the target of issue 6: 2,000 a minute)
WARMUP_S = 5.0  # load before the measured window
MEASURE_S = 60.0  # the measured window
COOLDOWN_S = 3.0  # load after it, so that the window ends under load
USERS = 100  # registrants in flight at most (each thread waits for its own answers)
RESEND_PROBABILITY = 0.05  # registrants who send the same form twice
FULL_AT = 0.25  # the quota is full this far into the measured window, at the target rate
WORKERS = 4  # gunicorn sync workers, as docs/deploy.md starts it
WORKER_CLASS = "sync"
THREADS = 1  # only for --worker-class gthread
WARMUP_REGISTRANTS = 20  # registrations before the load, one request at a time
WORKERS_MAX = 8  # the warm-up's first page views reach every worker up to this many
LOAD_START_S = 2.0  # from starting the load process to t0
LOAD_GRACE_S = 100.0  # the load process's limit beyond the schedule: > 3 request time-outs
NOISE_CORES = 0.15
TARGET_PER_MIN = 2000
TARGET_P95_MS = 500
EVENT_SLUG = "summer-academy"
INFO_LEVEL = 20  # django.contrib.messages.INFO: the waiting list
CHOICES = ("Website", "Newsletter", "A colleague")
REGISTRATION_PATH = re.compile(r"/events/me/(\d+)/")


@dataclass(frozen=True)
class Options:
    rate: float
    warmup_s: float
    measure_s: float
    cooldown_s: float
    users: int
    places: int | None
    workers: int
    worker_class: str
    threads: int
    resend_probability: float
    py_spy: str | None
    profile_out: Path | None
    keep_db: bool

    @property
    def total_s(self) -> float:
        return self.warmup_s + self.measure_s + self.cooldown_s


# --- shared by the parent and the load process (no Django) ------------------------------------


def form_body(csrf: str, setup: dict[str, Any], slot: int) -> bytes:
    """The registration form as the browser sends it; registrant ``slot``'s answers."""
    required, optional = setup["questions"]
    fields = [
        ("csrfmiddlewaretoken", csrf),
        ("category", str(setup["category"])),
        (f"q_{required}", f"Conservatory No. {slot % 97 + 1}"),
        (f"q_{optional}", CHOICES[slot % 4] if slot % 4 < len(CHOICES) else ""),
    ]
    return urlencode(fields).encode()


def resend_mode(slot: int, probability: float) -> str | None:
    """``None``, ``"again"`` (the same form after the answer) or ``"race"`` (at the same time)."""
    if random.Random(SEED * 7_919 + slot).random() >= probability:
        return None
    return "again" if slot % 2 == 0 else "race"


def form_headers(port: int, session: str, csrf: str) -> dict[str, str]:
    return {
        "Cookie": f"sessionid={session}; csrftoken={csrf}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://{HOST}:{port}",
        "Accept": "text/html",
        "Accept-Language": "en",
    }


def classify(answer: dict[str, Any]) -> tuple[str, int | None]:
    """(``confirmed`` | ``waitlisted`` | ``existing`` | ``error: …``, the registration's id)."""
    if answer.get("error"):
        return f"error: {answer['error']}", None
    if answer["status"] != 302:
        return f"error: status {answer['status']}", None
    match = REGISTRATION_PATH.fullmatch(answer["location"])
    if match is None:
        return f"error: redirect to {answer['location']}", None
    levels = answer["levels"]
    if rush.SUCCESS_LEVEL in levels:
        return "confirmed", int(match[1])
    if INFO_LEVEL in levels:
        return "waitlisted", int(match[1])
    return "existing", int(match[1])  # a form sent again: the redirect, with no message


def judge(record: dict[str, Any]) -> dict[str, Any]:
    """What one registrant was told, and whether every answer was as expected.

    Returns ``ok``, ``told`` (the status the answers said, or ``None``), ``registration`` (the
    id they led to), ``ids_differ`` (two answers, two registrations), ``errors`` (requests not
    as expected) and ``outcomes`` (each request's classification)."""
    first, first_id = classify(record["first"])
    outcomes = [first]
    ids = {first_id} - {None}
    told = first if first in ("confirmed", "waitlisted") else None
    errors = 0
    mode = record["mode"]
    if mode == "race":
        twin, twin_id = classify(record["twin"])
        outcomes.append(twin)
        ids |= {twin_id} - {None}
        statuses = {o for o in (first, twin) if o in ("confirmed", "waitlisted")}
        told = next(iter(statuses)) if len(statuses) == 1 else None
        failed = sum(o.startswith("error") for o in (first, twin))
        # Two redirects must say once what became of the registration, and not two things.
        errors += failed or int(len(statuses) != 1)
    else:
        if told is None:
            errors += 1
        if mode == "again" and record.get("again") is not None:
            again, again_id = classify(record["again"])
            outcomes.append(again)
            ids |= {again_id} - {None}
            if again_id is None:  # another registration is counted below (ids_differ)
                errors += 1
    return {
        "ok": errors == 0 and len(ids) == 1 and told is not None,
        "told": told,
        "registration": min(ids) if ids else None,
        "ids": sorted(ids),
        "ids_differ": len(ids) > 1,
        "errors": errors + (len(ids) > 1),
        "outcomes": outcomes,
    }


# --- the load process (no Django) -------------------------------------------------------------


def send(port: int, request: bytes) -> dict[str, Any]:
    """One request on a fresh connection (sync workers close it after each answer)."""
    client = night.Client(port)
    start = time.time()
    try:
        answer = client.send(request)
    except Exception as error:  # a time-out, a refused or reset connection: an error, recorded
        return {"start": start, "end": time.time(), "status": 0, "error": repr(error)}
    finally:
        client.close()
    return {
        "start": start,
        "end": time.time(),
        "status": answer.status,
        "location": answer.headers.get("location", ""),
        "levels": rush.message_levels(answer.cookies),
    }


def registrant(config: dict[str, Any], setup: dict[str, Any], slot: int) -> dict[str, Any]:
    port, csrf = config["port"], config["csrf"]
    person = setup["registrants"][slot]
    mode = resend_mode(slot, config["resend_probability"])
    path = f"/events/{setup['slug']}/register/"
    request = night.build_request(
        "POST",
        path,
        port,
        form_headers(port, person["session"], csrf),
        form_body(csrf, setup, slot),
    )
    record: dict[str, Any] = {"slot": slot, "user": person["user"], "mode": mode}
    if mode == "race":
        twin: dict[str, Any] = {}
        thread = threading.Thread(target=lambda: twin.update(send(port, request)), daemon=True)
        thread.start()
        record["first"] = send(port, request)
        thread.join(timeout=2 * night.REQUEST_TIMEOUT_S)
        record["twin"] = twin or {"start": 0, "end": 0, "status": 0, "error": "no answer"}
    else:
        record["first"] = send(port, request)
        if mode == "again" and classify(record["first"])[1] is not None:
            record["again"] = send(port, request)
    return record


def internal_load(config_path: Path) -> None:
    """Registrant ``j`` at ``t0 + j / rate``, ``users`` threads; the records into a file."""
    config = json.loads(config_path.read_text(encoding="utf-8"))
    setup = json.loads(Path(config["setup"]).read_text(encoding="utf-8"))
    t0, rate, users = config["t0"], config["rate"], config["users"]
    end = t0 + config["total_s"]
    first, count = config["first_slot"], len(setup["registrants"])
    records: list[list[dict[str, Any]]] = [[] for _ in range(users)]

    def user(index: int) -> None:
        slot = first + index
        while slot < count:
            scheduled = t0 + (slot - first) / rate
            if scheduled >= end:
                break
            delay = scheduled - time.time()
            if delay > 0:
                time.sleep(delay)
            elif time.time() >= end:
                break  # behind schedule at the end of the load: no new registrant
            try:
                record = registrant(config, setup, slot)
            except Exception as error:  # a bug here must show, not stop the thread silently
                now = time.time()
                record = {"slot": slot, "user": setup["registrants"][slot]["user"], "mode": None,
                          "first": {"start": now, "end": now, "status": 0,
                                    "error": f"in the load process: {error!r}"}}  # fmt: skip
            record["scheduled"] = scheduled
            records[index].append(record)
            slot += users

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, end - time.time()) + LOAD_GRACE_S)
    flat = sorted((r for mine in records for r in mine), key=lambda r: r["slot"])
    Path(config["records"]).write_text(json.dumps(flat), encoding="utf-8")


# --- the parent: warm-up, load, figures --------------------------------------------------------


@dataclass
class WarmUp:
    records: list[dict[str, Any]]
    cpu_ms: dict[str, float]


def warm_up(port: int, server_pid: int, setup: dict[str, Any], csrf: str) -> WarmUp:
    """Page views to wake every worker, then registrations one at a time, then the same forms
    again; every answer checked, gunicorn's CPU per request measured."""
    for _ in range(3 * WORKERS_MAX):
        status, _, _, body = rush.http_request(
            port, "GET", f"/events/{setup['slug']}/", headers={"Accept-Language": "en"}
        )
        if status != 200:
            raise BenchmarkFailed(f"warm-up: the event's page answered {status}: {body[:300]!r}")
    path = f"/events/{setup['slug']}/register/"
    records: list[dict[str, Any]] = []
    cpu_ms: dict[str, float] = {}
    for step, expected in (("first", "confirmed"), ("again", "existing")):
        before = rush.server_cpu_s(server_pid)
        for slot in range(WARMUP_REGISTRANTS):
            person = setup["registrants"][slot]
            if step == "first":
                records.append({"slot": slot, "user": person["user"], "mode": "again",
                                "warm_up": True, "scheduled": time.time()})  # fmt: skip
            start = time.time()
            status, location, cookies, body = rush.http_request(
                port, "POST", path, form_body(csrf, setup, slot),
                form_headers(port, person["session"], csrf),
            )  # fmt: skip
            answer = {"start": start, "end": time.time(), "status": status,
                      "location": location, "levels": rush.message_levels(cookies)}  # fmt: skip
            outcome, registration = classify(answer)
            if outcome != expected or (
                step == "again" and registration != classify(records[slot]["first"])[1]
            ):
                raise BenchmarkFailed(
                    f"warm-up {step} sending of registrant {slot}: {outcome} (expected "
                    f"{expected}); messages {rush.decode_messages(cookies)}; {body[:500]!r}"
                )
            records[slot][step] = answer
        cpu_ms[step] = 1000 * (rush.server_cpu_s(server_pid) - before) / WARMUP_REGISTRANTS
    log(
        f"warm-up: {WARMUP_REGISTRANTS} registrations confirmed, and the same forms again led "
        f"to the same registrations; gunicorn's CPU per request, one at a time: register "
        f"{cpu_ms['first']:.1f} ms, the same form again {cpu_ms['again']:.1f} ms"
    )
    return WarmUp(records, cpu_ms)


def run_load(
    tmp: Path,
    port: int,
    server: subprocess.Popen[bytes],
    setup_path: Path,
    csrf: str,
    database: str,
    options: Options,
) -> tuple[list[dict[str, Any]], float, dict[str, float]]:
    """The load process: the records of every registrant, ``t0``, the CPU seconds by party."""
    records_path = tmp / "records.json"
    t0 = time.time() + LOAD_START_S
    config = {
        "setup": str(setup_path), "records": str(records_path), "port": port, "csrf": csrf,
        "t0": t0, "rate": options.rate, "total_s": options.total_s, "users": options.users,
        "first_slot": WARMUP_REGISTRANTS, "resend_probability": options.resend_probability,
    }  # fmt: skip
    config_path = tmp / "load.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    log(
        f"load: {options.users} threads, {options.rate * 60:.0f} registrants a minute scheduled "
        f"for {options.total_s:g} s ({options.warmup_s:g} warm-up, {options.measure_s:g} "
        f"measured, {options.cooldown_s:g} after)"
    )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, __file__, "--internal-load", str(config_path)],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=sys.stderr,
        stderr=sys.stderr,
        start_new_session=True,
    )
    window_start = t0 + options.warmup_s
    window_end = window_start + options.measure_s
    profiler: subprocess.Popen[bytes] | None = None
    cpu: dict[str, float] = {}
    try:
        rush.sleep_until(window_start, process)
        with night.CpuMeter(server.pid, process.pid, database) as meter:
            meter.sample()
            if options.py_spy:
                profiler = rush.start_py_spy(options, server.pid, tmp)  # type: ignore[arg-type]
            while time.time() < window_end and process.poll() is None:
                time.sleep(min(1.0, max(0.0, window_end - time.time())))
                meter.sample()
            cpu = meter.report("window")
        try:
            process.wait(timeout=LOAD_START_S + options.total_s + 2 * LOAD_GRACE_S)
        except subprocess.TimeoutExpired:
            raise BenchmarkFailed("the load process did not finish in time") from None
    finally:
        rush.stop_group(process, "the load process", 10)  # type: ignore[arg-type]
        if profiler is not None:
            rush.stop_group(profiler, "py-spy", 30)
    if process.returncode != 0 or not records_path.exists():
        raise BenchmarkFailed(f"the load process exited with {process.returncode}, no records")
    records: list[dict[str, Any]] = json.loads(records_path.read_text(encoding="utf-8"))
    return records, t0, cpu


@dataclass
class Figures:
    per_min: float
    offered_per_min: float
    p50_ms: float
    p95_ms: float
    errors: int
    done: int


def figures_of(records: list[dict[str, Any]], t0: float, options: Options) -> Figures:
    start, end = t0 + options.warmup_s, t0 + options.warmup_s + options.measure_s
    load = [r for r in records if not r.get("warm_up")]
    started = [r for r in load if start <= r["first"]["start"] < end]
    if not started:
        raise BenchmarkFailed("no registrant started in the measured window")
    verdicts = {r["slot"]: judge(r) for r in load}
    done = [r for r in load if verdicts[r["slot"]]["ok"] and start <= r["first"]["end"] < end]
    times = [1000 * (r["first"]["end"] - r["first"]["start"]) for r in started]
    errors = sum(verdicts[r["slot"]]["errors"] for r in started)
    late = [r["first"]["start"] - r["scheduled"] for r in started]
    told = [verdicts[r["slot"]]["told"] for r in started]
    log(
        f"window: {len(started)} registrants started, {len(done)} registrations answered as "
        f"expected ended ({told.count('confirmed')} confirmed, {told.count('waitlisted')} "
        f"waitlisted of those started); starts later than scheduled by > 100 ms: "
        f"{sum(d > 0.1 for d in late)} (the worst {max(late, default=0.0):.2f} s)"
    )
    by_told: dict[str, list[float]] = {}
    for record, ms in zip(started, times, strict=True):
        by_told.setdefault(verdicts[record["slot"]]["told"] or "not told", []).append(ms)
    seconds = [
        1000 * (r[k]["end"] - r[k]["start"]) for r in started for k in ("again", "twin") if r.get(k)
    ]
    log(
        f"window: registration p50 {rush.percentile(times, 50):.0f} ms, p95 "
        f"{rush.percentile(times, 95):.0f} ms, max {max(times):.0f} ms; "
        + "; ".join(
            f"{what} p50 {rush.percentile(v, 50):.0f} ms, p95 {rush.percentile(v, 95):.0f} ms"
            for what, v in sorted(by_told.items())
        )
        + (f"; second sendings ({len(seconds)}) p95 {rush.percentile(seconds, 95):.0f} ms"
           if seconds else "")
    )  # fmt: skip
    outcomes: dict[str, int] = {}
    for record in load:
        verdict = verdicts[record["slot"]]
        if not verdict["ok"]:
            text = f"{record['mode'] or 'once'}: {' / '.join(verdict['outcomes'])}"[:160]
            outcomes[text] = outcomes.get(text, 0) + 1
    for text, count in sorted(outcomes.items(), key=lambda kv: -kv[1])[:10]:
        log(f"not as expected ({count}×): {text}")
    return Figures(
        per_min=60 * len(done) / options.measure_s,
        offered_per_min=60 * len(started) / options.measure_s,
        p50_ms=rush.percentile(times, 50),
        p95_ms=rush.percentile(times, 95),
        errors=errors,
        done=len(done),
    )


def verify(env: dict[str, str], tmp: Path, records: list[dict[str, Any]]) -> dict[str, Any]:
    judged_path, out = tmp / "judged.json", tmp / "verified.json"
    judged = [{"user": r["user"], "slot": r["slot"], **judge(r)} for r in records]
    judged_path.write_text(json.dumps(judged), encoding="utf-8")
    rush.run_child(
        env,
        [sys.executable, __file__, "--internal-verify", str(tmp / "setup.json"),
         str(judged_path), str(out)],
        "checking every answer and every quota against the database",
        rush.SETUP_TIMEOUT_S,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    log(
        f"database: {result['confirmed']} confirmed, {result['waitlisted']} waitlisted, "
        f"{result['other']} otherwise; quotas {result['quotas']}; committed without an answer "
        f"in time: {result['unanswered']}; e-mails queued: {result['emails_missing']} missing, "
        f"{result['emails_extra']} extra"
    )
    if result["undersold"]:
        log(f"WARNING: {result['undersold']} places left free while people wait")
    if not result["waitlisted"]:
        log(
            "WARNING: the quota did not fill, nobody went to the waiting list: the last places "
            "were not contested (a smaller --places would)"
        )
    for example in result["examples"]:
        log(f"NOT AS ANSWERED: {example}")
    return result


# --- child processes with Django: the set-up and the check -----------------------------------


def internal_setup(out: Path, count: int, places: int) -> None:
    """The seminar, its category, questions and quota, and ``count`` signed-in registrants."""
    import datetime as dt

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import connection, transaction
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from concours.accounts.models import User
    from concours.competitions.tests.factories import CompetitionFactory
    from concours.events.models import CategoryKind, QuestionKind, SessionMode
    from concours.events.tests.factories import (
        CategoryFactory,
        EventFactory,
        QuestionFactory,
        QuotaFactory,
        SessionFactory,
    )

    now = timezone.now()
    with transaction.atomic():
        event = EventFactory(
            competition=CompetitionFactory(slug="academy", name_en="Academy Competition"),
            slug=EVENT_SLUG, title_en="Summer Academy", title_zh="夏季学院",
            registration_opens_at=now - dt.timedelta(hours=1),
            registration_closes_at=now + dt.timedelta(days=10),
        )  # fmt: skip
        morning = SessionFactory(event=event, title_en="Masterclass")
        SessionFactory(
            event=event, title_en="Panel", mode=SessionMode.HYBRID,
            starts_at=morning.starts_at + dt.timedelta(hours=6),
            ends_at=morning.starts_at + dt.timedelta(hours=8),
            platform_url="https://meet.example.org/academy-panel",
        )  # fmt: skip
        category = CategoryFactory(event=event, kind=CategoryKind.OBSERVER, name_en="Observer")
        CategoryFactory(event=event, kind=CategoryKind.PRESS, name_en="Press", is_public=False)
        required = QuestionFactory(event=event, text_en="Your institution", required=True)
        optional = QuestionFactory(
            event=event, text_en="How did you hear of the academy?", kind=QuestionKind.CHOICE,
            choices="\n".join(CHOICES), required=False, order=1,
        )  # fmt: skip
        quota = QuotaFactory(event=event, name="Observers", size=places, category=category)
        users = User.objects.bulk_create(
            User(email=f"registrant-{i}@example.org", full_name=f"Registrant {i}",
                 password=make_password(None), email_verified_at=now)
            for i in range(count + 1)
        )  # fmt: skip
        backend = settings.AUTHENTICATION_BACKENDS[0]
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
                expire_date=now + dt.timedelta(days=1),
            )
            for user in users
        ]
        Session.objects.bulk_create(sessions)
    setup = {
        "event": event.pk, "slug": event.slug, "category": category.pk,
        "questions": [required.pk, optional.pk], "quota": quota.pk, "places": places,
        "registrants": [
            {"user": user.pk, "session": session.session_key}
            for user, session in zip(users[:count], sessions[:count], strict=True)
        ],
    }  # fmt: skip

    # The probe: one registration through the same view, its queries counted.
    client = DjangoClient(HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["sessionid"] = sessions[count].session_key
    csrf = "x" * 32  # the test client does not check CSRF
    data = dict(parse_qsl(form_body(csrf, setup, 0).decode(), keep_blank_values=True))
    path = f"/events/{EVENT_SLUG}/register/"
    for step in ("register", "the same form again"):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(path, data)
        location = response.headers.get("Location", "")
        if response.status_code != 302 or not REGISTRATION_PATH.fullmatch(location):
            raise SystemExit(
                f"the probe's registration ({step}) answered {response.status_code} "
                f"{location}: {response.content[:800]!r}"
            )
        log(f"set-up: the probe's {step}: 302 to {location}, {len(queries)} queries:")
        for query in queries.captured_queries:
            log(f"    {' '.join(query['sql'].split())[:220]}")
    out.write_text(json.dumps(setup), encoding="utf-8")
    log(f"set-up: {count} registrants ready for {places} places (and the probe, registered)")


def internal_verify(setup_path: Path, judged_path: Path, out: Path) -> None:
    """Quotas, answers and the database compared; the counts into a file."""
    import django

    django.setup()
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from concours.events.models import Event, Quota, Registration

    setup = json.loads(setup_path.read_text(encoding="utf-8"))
    judged: list[dict[str, Any]] = json.loads(judged_path.read_text(encoding="utf-8"))
    event = Event.objects.get(pk=setup["event"])
    holding = ("confirmed", "offered")  # written out: not the events code under test
    rows = {r.pk: r for r in Registration.objects.filter(event=event)}
    examples: list[str] = []

    # Oversold (and places left free while people wait), counted with plain queries.
    oversold = undersold = 0
    quotas = []
    for quota in Quota.objects.filter(event=event).order_by("id"):
        applying = Registration.objects.filter(event=event)
        if quota.category_id is not None:
            applying = applying.filter(category_id=quota.category_id)
        if quota.session_id is not None and event.choose_sessions:
            applying = applying.filter(chosen__session_id=quota.session_id)
        taken = applying.filter(status__in=holding).distinct().count()
        waiting = applying.filter(status="waitlisted").distinct().count()
        oversold += max(0, taken - quota.size)
        if waiting:
            undersold += max(0, quota.size - taken)
        quotas.append(f"{quota.name}: {taken} of {quota.size} taken, {waiting} waiting")

    # Lost and duplicated: the answers against the rows.
    lost = duplicated = 0
    answered: set[int] = set()
    for verdict in judged:
        if verdict["ids_differ"]:
            duplicated += 1
            examples.append(f"user {verdict['user']}: answers led to {verdict['ids']}")
        for pk in verdict["ids"]:
            answered.add(pk)
            row = rows.get(pk)
            if row is None or row.user_id != verdict["user"]:
                lost += 1
                examples.append(f"user {verdict['user']}: registration {pk} answered, not found")
            elif verdict["told"] is not None and row.status != verdict["told"]:
                lost += 1
                examples.append(
                    f"user {verdict['user']}: told {verdict['told']}, the database says {row.status}"
                )
    per_user = (
        Registration.objects.filter(event=event)
        .values("user_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for entry in per_user:
        duplicated += 1
        examples.append(f"user {entry['user_id']}: {entry['n']} registrations")
    emails: dict[int, int] = {}
    for args_kwargs in DBTaskResult.objects.filter(
        task_path__endswith="send_registration_email"
    ).values_list("args_kwargs", flat=True):
        registration_id = args_kwargs["args"][0]
        emails[registration_id] = emails.get(registration_id, 0) + 1
    extra = [pk for pk, n in emails.items() if n > 1]
    duplicated += len(extra)
    examples += [f"registration {pk}: {emails[pk]} e-mails queued" for pk in extra[:3]]
    statuses = [r.status for r in rows.values()]
    people = {v["user"] for v in judged}
    out.write_text(
        json.dumps(
            {
                "oversold": oversold,
                "undersold": undersold,
                "lost": lost,
                "duplicated": duplicated,
                "quotas": quotas,
                "confirmed": statuses.count("confirmed"),
                "waitlisted": statuses.count("waitlisted"),
                "other": len(statuses) - statuses.count("confirmed") - statuses.count("waitlisted"),
                "unanswered": sum(
                    1 for r in rows.values() if r.user_id in people and r.pk not in answered
                ),
                "emails_missing": sum(1 for pk in rows if pk not in emails),
                "emails_extra": sum(n - 1 for n in emails.values() if n > 1),
                "examples": examples[:8],
            }
        ),
        encoding="utf-8",
    )


# --- main --------------------------------------------------------------------------------------


def parse_options(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rate", type=float, default=RATE, help="registrants a second")
    parser.add_argument("--warmup", type=float, default=WARMUP_S)
    parser.add_argument("--measure", type=float, default=MEASURE_S)
    parser.add_argument("--cooldown", type=float, default=COOLDOWN_S)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--places", type=int, help="the quota's size (default: full at FULL_AT)")
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default=WORKER_CLASS)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--resend-probability", type=float, default=RESEND_PROBABILITY)
    parser.add_argument("--py-spy", help="path of a py-spy binary: profile the workers")
    parser.add_argument("--profile-out", type=Path, help="where py-spy writes (kept)")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    args = parser.parse_args(argv)
    if not (0 < args.rate <= 500 and 0 < args.measure <= 600 and 1 <= args.users <= 1000):
        parser.error("--rate, --measure or --users out of bounds (500/s, 600 s, 1000 users)")
    if args.places is not None and args.places < WARMUP_REGISTRANTS + 1:
        parser.error(f"--places must leave room for the warm-up ({WARMUP_REGISTRANTS + 1})")
    return Options(
        rate=args.rate, warmup_s=args.warmup, measure_s=args.measure, cooldown_s=args.cooldown,
        users=args.users, places=args.places, workers=args.workers,
        worker_class=args.worker_class, threads=args.threads,
        resend_probability=args.resend_probability, py_spy=args.py_spy,
        profile_out=args.profile_out, keep_db=args.keep_db,
    )  # fmt: skip


def terminate_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(f"stopped by signal {signum}")


@contextlib.contextmanager
def collecting_static(env: dict[str, str]) -> Iterator[None]:
    """``collectstatic`` in the background while the block runs; the block waits for it."""
    log("manage.py collectstatic --no-input -v 0 (in the background)")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=sys.stderr,
        stderr=sys.stderr,
        start_new_session=True,
    )
    try:
        yield
        try:
            process.wait(timeout=rush.SETUP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise BenchmarkFailed("collectstatic: not done in time") from None
        if process.returncode != 0:
            raise BenchmarkFailed(f"collectstatic: exited with {process.returncode}")
    finally:
        rush.stop_group(process, "collectstatic", 10)  # type: ignore[arg-type]


def run(options: Options) -> int:
    started = time.monotonic()
    database = f"concours_events_{os.getpid()}"
    count = WARMUP_REGISTRANTS + math.ceil(options.rate * options.total_s)
    # Full FULL_AT into the window at the rate (the warm-up's and the probe's places included).
    full_at_s = options.warmup_s + FULL_AT * options.measure_s
    places = options.places or WARMUP_REGISTRANTS + 1 + round(options.rate * full_at_s)
    csrf = "".join(secrets.choice(rush.CSRF_ALPHABET) for _ in range(32))
    with tempfile.TemporaryDirectory(prefix="concours-events-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "uploads-in-flight").mkdir()
        env = rush.server_environment(tmp, database)
        env.pop("REDIS_URL", None)
        log(f"throw-away environment in {tmp}; database {database}")
        try:
            with rush.throwaway_database(database, options.keep_db):
                setup_path = tmp / "setup.json"
                with collecting_static(env):  # meanwhile: it needs no database
                    rush.manage(env, "migrate", "--no-input", "-v", "0")
                    rush.run_child(
                        env,
                        [sys.executable, __file__, "--internal-setup", str(setup_path),
                         str(count), str(places)],
                        f"set-up: one event, {places} places, {count} registrants "
                        f"({WARMUP_REGISTRANTS} for the warm-up)",
                        rush.SETUP_TIMEOUT_S,
                    )  # fmt: skip
                setup = json.loads(setup_path.read_text(encoding="utf-8"))
                port = rush.free_port()
                with rush.web_server(env, port, tmp / "gunicorn.log", options) as server:  # type: ignore[arg-type]
                    warm = warm_up(port, server.pid, setup, csrf)
                    load_records, t0, cpu = run_load(
                        tmp, port, server, setup_path, csrf, database, options
                    )
                records = warm.records + load_records
                tracebacks = rush.tail(tmp / "gunicorn.log", 400).count("Traceback")
                if tracebacks:
                    log(f"the gunicorn log has {tracebacks} tracebacks; its end:")
                    log(rush.tail(tmp / "gunicorn.log"))
                figures = figures_of(records, t0, options)
                checked = verify(env, tmp, records)
            if options.py_spy:
                rush.summarize_profile(options.profile_out or tmp / "profile.txt")
        except BenchmarkFailed as error:
            log(f"FAILED: {error}")
            return 1
    print(f"events.registrations_per_min: {figures.per_min:.0f}")
    print(f"events.offered_per_min: {figures.offered_per_min:.0f}")
    print(f"events.p50_ms: {figures.p50_ms:.0f}")
    print(f"events.p95_ms: {figures.p95_ms:.0f}")
    if cpu and figures.done:
        print(f"events.server_cpu_ms_per_registration: {1000 * cpu['server'] / figures.done:.1f}")
        print(
            f"events.database_cpu_ms_per_registration: {1000 * cpu['database'] / figures.done:.1f}"
        )
    print(f"events.register_server_cpu_ms: {warm.cpu_ms['first']:.1f}")
    print(f"events.oversold: {checked['oversold']}")
    print(f"events.lost: {checked['lost']}")
    print(f"events.duplicated: {checked['duplicated']}")
    print(f"events.errors: {figures.errors}")
    met = figures.per_min >= TARGET_PER_MIN and figures.p95_ms < TARGET_P95_MS
    log(
        f"the target of issue 6 ({TARGET_PER_MIN} a minute, p95 under {TARGET_P95_MS} ms, "
        f"nothing oversold) is {'met' if met and not checked['oversold'] else 'NOT met'}"
    )
    log(f"done in {time.monotonic() - started:.0f} s")
    if checked["oversold"] or checked["lost"] or checked["duplicated"]:
        log("FAILED: places oversold, or answers and database disagree (lost or duplicated)")
        return 1
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] in (["--internal-setup"], ["--internal-verify"]):
        sys.path.insert(0, str(REPO))  # the children import Django and the project
    if argv[:1] == ["--internal-setup"]:
        internal_setup(Path(argv[1]), int(argv[2]), int(argv[3]))
        return 0
    if argv[:1] == ["--internal-verify"]:
        internal_verify(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        return 0
    if argv[:1] == ["--internal-load"]:
        internal_load(Path(argv[1]))
        return 0
    signal.signal(signal.SIGTERM, terminate_on_sigterm)
    return run(parse_options(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
