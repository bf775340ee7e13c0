#!/usr/bin/env python
"""Throughput of the person overview under concurrent clients, audited against unaudited.

    .venv/bin/python bench/audit_concurrency.py [--persons 5000] [--seconds 20]
        [--clients 1,4,16] [--workers 4] [--database navet_audit_bench]

Creates a fresh PostgreSQL database on 127.0.0.1:5432 (user postgres, trust auth; an
existing one of that name is dropped first), migrates it and seeds it with
`manage.py seed_demo --persons N --seed 1`. Then, twice, it starts gunicorn
(`navet.wsgi:application`, `--workers` sync workers) on a free local port, logs every
client in as veileder.oslo (its own session, through the login form), and lets 1, 4 and 16
concurrent clients open the person overview of a different person on each request for
`--seconds` each, after a short warm-up:

* audited: the server as deployed; every overview appends `person.read` and
  `person.listed` to the audit trail;
* off: the same server started with bench/gunicorn_audit_off.py, which turns
  `trail.record` and `trail.record_many` into no-ops in the gunicorn workers only.

Last, the trail alone: 1, 4 and 16 processes (`--appenders`) that only call `trail.record`,
one event per transaction, for `--append-seconds` each: the most appends per second the
trail takes, whatever the pages around it cost.

It prints requests per second, p50 and p95 latency per run, how many server backends were
waiting on an advisory lock (the audit chain's; sampled every 20 ms from pg_stat_activity),
and per client count the ratio audited ÷ off of the throughput; last one JSON line with
every figure. See bench/README.md.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
AUDIT_OFF_CONFIG = str(ROOT / "bench" / "gunicorn_audit_off.py")
DB_HOST, DB_PORT, DB_USER = "127.0.0.1", 5432, "postgres"
USERNAME, PASSWORD = "veileder.oslo", "demo"
WARM_UP_SECONDS = 3.0
UUID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=5000, help="default 5000")
    parser.add_argument(
        "--seconds", type=float, default=20.0, help="timed seconds per run (default 20)"
    )
    parser.add_argument(
        "--clients", default="1,4,16", help="concurrent clients, comma-separated (default 1,4,16)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--database", default="navet_audit_bench", help="dropped and created (default %(default)s)"
    )
    parser.add_argument(
        "--appenders",
        default="1,4,16",
        help="processes appending to the trail directly, comma-separated (default 1,4,16)",
    )
    parser.add_argument(
        "--append-seconds", type=float, default=10.0, help="per appender count (default 10)"
    )
    parser.add_argument("--append-worker", type=float, help=argparse.SUPPRESS)
    return parser.parse_args()


def _say(text: str) -> None:
    print(text, flush=True)


# --- The database -------------------------------------------------------------------------


def _admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(
        host=DB_HOST, port=DB_PORT, user=DB_USER, dbname="postgres", autocommit=True
    )


def _recreate_database(name: str) -> None:
    from psycopg import sql

    with _admin_connection() as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _query(database: str, statement: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(
        host=DB_HOST, port=DB_PORT, user=DB_USER, dbname=database, autocommit=True
    ) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def _environment(database: str) -> dict[str, str]:
    """Production-like settings (no DEBUG), demo mode for the demo logins and secret key."""
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{DB_USER}@{DB_HOST}:{DB_PORT}/{database}",
        "DJANGO_SETTINGS_MODULE": "navet.settings",
        "NAVET_ENV_FILE": "",
        "DEBUG": "false",
        "NAVET_DEMO_MODE": "true",
        "NAVET_ALLOW_SYNTHETIC_IDS": "true",
        "NAVET_SECURE": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore::UserWarning",
    }


def _manage(env: dict[str, str], *arguments: str) -> None:
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def _visible_person_ids(env: dict[str, str]) -> list[str]:
    """The persons veileder.oslo may open, as the access policy says."""
    script = (
        "from navet.access.policy import check_person_access, visible_persons\n"
        "from navet.core.models import Employee\n"
        f"employee = Employee.objects.get(user__username={USERNAME!r})\n"
        "for person in visible_persons(employee).order_by('id'):\n"
        "    if check_person_access(employee, person).allowed:\n"
        "        print(person.pk)\n"
    )
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    # The shell also says how many objects it imported; keep only the ids.
    return [word for word in result.stdout.split() if UUID_PATTERN.fullmatch(word)]


# --- The server -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(
    env: dict[str, str], port: int, workers: int, *, audit: bool
) -> subprocess.Popen[bytes]:
    command = [
        GUNICORN,
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    if not audit:
        command += ["-c", AUDIT_OFF_CONFIG]
    server = subprocess.Popen([*command, "navet.wsgi:application"], cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            if _request(port, "GET", "/healthz").status == 200:
                time.sleep(1.0)  # let every worker finish loading the application
                return server
        except OSError:
            time.sleep(0.2)
    _stop_server(server)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def _stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- The clients ----------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def _request(
    port: int, method: str, path: str, cookies: str = "", body: bytes | None = None
) -> Response:
    """One request on a new connection (gunicorn's sync workers close it after each)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        headers = {"Host": f"127.0.0.1:{port}"}
        if cookies:
            headers["Cookie"] = cookies
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Response(response.status, response.getheaders(), response.read())
    finally:
        connection.close()


def _keep_cookies(jar: dict[str, str], response: Response) -> None:
    for name, value in response.headers:
        if name.lower() == "set-cookie":
            for morsel in SimpleCookie(value).values():
                jar[morsel.key] = morsel.value


def _cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def _log_in(port: int) -> str:
    """Log in through the form, as a browser does; returns the Cookie header to send."""
    jar: dict[str, str] = {}
    page = _request(port, "GET", "/logg-inn/")
    _keep_cookies(jar, page)
    found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if page.status != 200 or found is None:
        raise RuntimeError(f"the login page answered HTTP {page.status} without a CSRF token")
    form = {
        "csrfmiddlewaretoken": found.group(1).decode(),
        "username": USERNAME,
        "password": PASSWORD,
    }
    body = urllib.parse.urlencode(form).encode()
    answer = _request(port, "POST", "/logg-inn/", _cookie_header(jar), body)
    _keep_cookies(jar, answer)
    if answer.status != 302:
        raise RuntimeError(f"logging in as {USERNAME} answered HTTP {answer.status}, not 302")
    return _cookie_header(jar)


@dataclass
class Run:
    mode: str
    clients: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)  # HTTP status or exception: count
    audit_rows: int = 0
    lock_waiters: float = 0.0  # mean backends waiting on an advisory lock, sampled
    lock_waiting_share: float = 0.0  # share of samples with at least one such backend

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def percentile(self, share: int) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        return ordered[max(0, -(-len(ordered) * share // 100) - 1)]


def _drive(
    port: int, sessions: list[str], paths: itertools.cycle[str], seconds: float
) -> tuple[list[float], dict[str, int], float]:
    """Each session is one client thread requesting the next path until time is up."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors: dict[str, int] = {}
    deadline = time.monotonic() + seconds

    def client(cookies: str) -> None:
        while time.monotonic() < deadline:
            with lock:
                path = next(paths)
            started = time.perf_counter()
            try:
                status = str(_request(port, "GET", path, cookies).status)
            except OSError as error:
                status = type(error).__name__
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if status == "200":
                    latencies.append(elapsed)
                else:
                    errors[status] = errors.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(cookies,)) for cookies in sessions]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.monotonic() - started


class LockSampler(threading.Thread):
    """Every 20 ms, count the server's backends waiting on an advisory lock (the chain's)."""

    STATEMENT = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
        "AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
    )

    def __init__(self, database: str) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.samples: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        import psycopg

        with psycopg.connect(
            host=DB_HOST, port=DB_PORT, user=DB_USER, dbname=self.database, autocommit=True
        ) as conn:
            while not self.stop.wait(0.02):
                row = conn.execute(self.STATEMENT, [self.database]).fetchone()
                self.samples.append(int(row[0]) if row else 0)

    def finish(self) -> tuple[float, float]:
        self.stop.set()
        self.join()
        if not self.samples:
            return 0.0, 0.0
        waiting = sum(1 for n in self.samples if n)
        return sum(self.samples) / len(self.samples), waiting / len(self.samples)


def _audit_rows(database: str) -> int:
    return int(_query(database, "SELECT count(*) FROM audit_auditevent")[0][0])  # type: ignore[call-overload]


def _measure(
    args: argparse.Namespace,
    env: dict[str, str],
    paths: itertools.cycle[str],
    client_counts: list[int],
    *,
    audit: bool,
) -> list[Run]:
    mode = "audited" if audit else "off"
    port = _free_port()
    _say(f"Starting gunicorn ({args.workers} workers, audit {mode}) on port {port} ...")
    server = _start_server(env, port, args.workers, audit=audit)
    runs = []
    try:
        sessions = []
        for n in range(max(client_counts)):
            sessions.append(_log_in(port))
            _say(f"  logged in client {n + 1}/{max(client_counts)}")
        for clients in client_counts:
            run = Run(mode, clients)
            _say(f"  {mode}, {clients} client(s): warming up {WARM_UP_SECONDS:.0f} s ...")
            _drive(port, sessions[:clients], paths, WARM_UP_SECONDS)
            before = _audit_rows(args.database)
            _say(f"  {mode}, {clients} client(s): timing {args.seconds:.0f} s ...")
            sampler = LockSampler(args.database)
            sampler.start()
            run.latencies_ms, run.errors, run.seconds = _drive(
                port, sessions[:clients], paths, args.seconds
            )
            run.lock_waiters, run.lock_waiting_share = sampler.finish()
            run.audit_rows = _audit_rows(args.database) - before
            _say(
                f"  {mode}, {clients} client(s): {len(run.latencies_ms)} requests, "
                f"{run.throughput:.1f}/s, p50 {run.percentile(50):.1f} ms, "
                f"p95 {run.percentile(95):.1f} ms, errors {run.errors or 'none'}, "
                f"{run.audit_rows} audit rows, lock waiters {run.lock_waiters:.2f} "
                f"({run.lock_waiting_share:.0%} of samples)"
            )
            runs.append(run)
    finally:
        _stop_server(server)
    if not audit and any(run.audit_rows for run in runs):
        raise RuntimeError("the unaudited server wrote audit rows: the switch did not take")
    return runs


# --- The trail alone -----------------------------------------------------------------------


def _append_worker(seconds: float) -> None:
    """In a child process: set Django up, say "ready", wait for the start time on stdin,
    then append `person.read` events for `seconds`, as fast as one database connection
    can; print how many."""
    import django

    django.setup()
    from navet.audit import trail
    from navet.audit.vocabulary import AuditAction

    trail.record(actor=None, action=AuditAction.PERSON_READ, data={"bench": "warm-up"})
    print("ready", flush=True)
    start_at = float(sys.stdin.readline())
    time.sleep(max(0.0, start_at - time.time()))
    count = 0
    while time.time() < start_at + seconds:
        trail.record(actor=None, action=AuditAction.PERSON_READ, data={"bench": count})
        count += 1
    print(count, flush=True)


@dataclass
class Appends:
    processes: int
    per_second: float
    lock_waiters: float
    lock_waiting_share: float


def _measure_appends(
    args: argparse.Namespace, env: dict[str, str], counts: list[int]
) -> list[Appends]:
    """The trail's own ceiling: processes that do nothing but append, one transaction each."""
    results = []
    for processes in counts:
        _say(f"  {processes} appending process(es): timing {args.append_seconds:.0f} s ...")
        children = [
            subprocess.Popen(
                [PYTHON, __file__, "--append-worker", str(args.append_seconds)],
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(processes)
        ]
        for child in children:  # every child has set Django up and appended once
            assert child.stdout is not None
            if child.stdout.readline().strip() != "ready":
                raise RuntimeError("an appending process did not start")
        start_at = time.time() + 0.5
        for child in children:  # all of them before waiting for any
            assert child.stdin is not None
            child.stdin.write(f"{start_at}\n")
            child.stdin.flush()
        sampler = LockSampler(args.database)
        sampler.start()
        outputs = [child.communicate()[0] for child in children]
        waiters, share = sampler.finish()
        total = sum(int(output.split()[-1]) for output in outputs)
        result = Appends(processes, total / args.append_seconds, waiters, share)
        _say(
            f"  {processes} appending process(es): {result.per_second:.0f} appends/s, "
            f"lock waiters {waiters:.2f} ({share:.0%} of samples)"
        )
        results.append(result)
    return results


def main() -> int:
    args = _arguments()
    if args.append_worker:
        _append_worker(args.append_worker)
        return 0
    client_counts = [int(n) for n in args.clients.split(",") if n]
    if not Path(GUNICORN).exists():
        print(
            f"{GUNICORN} is missing: .venv/bin/pip install -e '.[bench]'",
            file=sys.stderr,
        )
        return 2
    env = _environment(args.database)

    _say(f"Creating database {args.database} on {DB_HOST}:{DB_PORT} ...")
    _recreate_database(args.database)
    _say("Migrating ...")
    _manage(env, "migrate", "--noinput", "--verbosity", "0")
    _say(f"Seeding {args.persons} persons ...")
    started = time.perf_counter()
    _manage(env, "seed_demo", "--persons", str(args.persons), "--seed", "1")
    _say(f"  seeded in {time.perf_counter() - started:.1f} s")
    _query(args.database, "ANALYZE")  # as autovacuum would soon after a bulk load

    person_ids = _visible_person_ids(env) if client_counts else ["-"]
    if not person_ids:
        print(f"{USERNAME} sees no persons: seed with more persons.", file=sys.stderr)
        return 2
    _say(f"{USERNAME} may open {len(person_ids)} persons; each request opens the next one.")
    paths = itertools.cycle(f"/personer/{pk}/" for pk in person_ids)

    load_before = os.getloadavg()[0]
    runs = []
    if client_counts:  # --clients "" times only the trail alone
        runs += _measure(args, env, paths, client_counts, audit=True)
        runs += _measure(args, env, paths, client_counts, audit=False)
    _say("The trail alone: processes appending directly, one event per transaction ...")
    appends = _measure_appends(args, env, [int(n) for n in args.appenders.split(",")])
    load_after = os.getloadavg()[0]

    _say("")
    _say(
        f"PostgreSQL, {args.persons} persons, gunicorn {args.workers} sync workers, "
        f"{args.seconds:.0f} s per run, person overview of {USERNAME}, "
        f"{os.cpu_count()} CPUs, load {load_before:.1f} → {load_after:.1f}"
    )
    _say(
        f"{'clients':>7} {'mode':<8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} "
        f"{'lock waiters':>12} {'waiting':>8}"
    )
    for run in runs:
        _say(
            f"{run.clients:>7} {run.mode:<8} {run.throughput:>8.1f} {run.percentile(50):>8.1f} "
            f"{run.percentile(95):>8.1f} {sum(run.errors.values()):>7} {run.lock_waiters:>12.2f} "
            f"{run.lock_waiting_share:>8.0%}"
        )
    _say("")
    ratios = {}
    for clients in client_counts:
        audited = next(r for r in runs if r.mode == "audited" and r.clients == clients)
        off = next(r for r in runs if r.mode == "off" and r.clients == clients)
        ratios[clients] = audited.throughput / off.throughput if off.throughput else 0.0
        _say(f"clients={clients} audited/off throughput ratio={ratios[clients]:.2f}")
    _say("")
    _say(f"{'appending processes':>19} {'appends/s':>10} {'lock waiters':>12} {'waiting':>8}")
    for result in appends:
        _say(
            f"{result.processes:>19} {result.per_second:>10.0f} {result.lock_waiters:>12.2f} "
            f"{result.lock_waiting_share:>8.0%}"
        )
    figures = {
        "bench": "audit_concurrency",
        "persons": args.persons,
        "workers": args.workers,
        "seconds": args.seconds,
        "cpus": os.cpu_count(),
        "load_before": round(load_before, 2),
        "load_after": round(load_after, 2),
        "runs": [
            {
                "mode": run.mode,
                "clients": run.clients,
                "requests": len(run.latencies_ms),
                "per_second": round(run.throughput, 2),
                "p50_ms": round(run.percentile(50), 2),
                "p95_ms": round(run.percentile(95), 2),
                "errors": run.errors,
                "audit_rows": run.audit_rows,
                "lock_waiters": round(run.lock_waiters, 3),
                "lock_waiting_share": round(run.lock_waiting_share, 3),
            }
            for run in runs
        ],
        "ratios": {str(clients): round(ratio, 3) for clients, ratio in ratios.items()},
        "appends": [
            {
                "processes": result.processes,
                "per_second": round(result.per_second, 1),
                "lock_waiters": round(result.lock_waiters, 3),
                "lock_waiting_share": round(result.lock_waiting_share, 3),
            }
            for result in appends
        ],
    }
    _say(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
