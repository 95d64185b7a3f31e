"""Benchmark the landing page against a bare Django "hello", both under gunicorn.

Run from the repo root: `.venv/bin/python bench/landing.py [--seconds N] [--rounds N]`
(or `make bench`). The absolute req/s depend on the machine; the ratio landing/hello is
what we hold to a target, because both servers share the machine, the gunicorn set-up
and the load. See bench/README.md.
"""

import argparse
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
# Git-ignored: the gunicorn logs stay here after the run for a look.
OUT = BENCH / "out"

TARGET_RATIO = 0.35
WORKERS = 2
WRK_THREADS = 2
WRK_CONNECTIONS = 16
WARMUP_SECONDS = 2
# The settings trust this header (SECURE_PROXY_SSL_HEADER), as behind the real proxy:
# requests count as HTTPS, so the production middleware runs without redirecting.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
LANDING_MARKER = "Partner organisations"
# Settings that would reach for services the benchmark does not run.
DROPPED_ENV = ("REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")


class BenchError(Exception):
    """Something went wrong that makes the figures meaningless."""


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"


@dataclass
class WrkResult:
    requests_per_second: float
    latency_avg_ms: float
    latency_p99_ms: float
    non_2xx_3xx: int
    socket_errors: int


# --- environments ---


def base_env():
    return {key: value for key, value in os.environ.items() if key not in DROPPED_ENV}


def demo_env(database_url):
    """What `make run` uses: seed_demo refuses to run without DEBUG."""
    return base_env() | {"DEBUG": "1", "DATABASE_URL": database_url}


def production_env(database_url, secret_key):
    """Production defaults (secure cookies, HSTS, manifest static files), on local SQLite."""
    return base_env() | {
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        # An access log per request would measure the logging, not the app.
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "kentplacements.settings",
    }


def hello_env(secret_key):
    return base_env() | {"SECRET_KEY": secret_key, "DJANGO_SETTINGS_MODULE": "hello.settings"}


# --- preparation ---


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def prepare(database_url, secret_key):
    print("Preparing the demo database and static files ...", flush=True)
    manage(demo_env(database_url), "migrate", "--noinput")
    manage(demo_env(database_url), "seed_demo")
    # Without DEBUG, {% static %} needs the manifest that collectstatic writes (to
    # STATIC_ROOT, git-ignored); run it under the same settings the server will use.
    manage(production_env(database_url, secret_key), "collectstatic", "--noinput")


# --- servers ---


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(name, wsgi_app, cwd, env):
    port = free_port()
    log = OUT / f"{name}.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        wsgi_app,
    ]
    with log.open("w") as log_file:
        # A session of its own, so stop() can end the master and its workers together.
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Server(name, port, process, log)


def stop(server):
    # The whole group, even if the master is already gone: no worker is left behind.
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()


def get(server):
    """One plain request, redirects not followed (a redirect here means a misconfiguration)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("GET", "/", headers=PROXY_HEADERS)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def wait_until_up(server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"{server.name}: gunicorn exited early:\n{tail(server.log)}")
        try:
            get(server)
            return
        except OSError:
            time.sleep(0.2)
    raise BenchError(f"{server.name}: no answer within {timeout}s:\n{tail(server.log)}")


def check_response(server, marker):
    status, body = get(server)
    if status != 200 or marker not in body:
        raise BenchError(f"{server.name}: expected 200 with {marker!r}, got {status}:\n{body[:500]}")


def tail(path, lines=20):
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def log_problems(server):
    """Lines that are warnings or worse: with LOG_LEVEL=WARNING nothing else is logged."""
    return [line for line in server.log.read_text(errors="replace").splitlines() if line.strip()]


def is_error(line):
    return any(word in line for word in ("Traceback", "ERROR", "CRITICAL"))


# --- measuring ---


def run_wrk(server, seconds):
    headers = [arg for name, value in PROXY_HEADERS.items() for arg in ("-H", f"{name}: {value}")]
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{WRK_CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        *headers,
        server.url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"wrk failed on {server.name}:\n{result.stdout}{result.stderr}")
    return result.stdout


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def parse_wrk(output):
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    avg = re.search(r"^\s+Latency\s+([\d.]+)(us|ms|s|m)\b", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\b", output, re.MULTILINE)
    if not (rps and avg and p99):
        raise BenchError(f"could not read wrk's output:\n{output}")
    # wrk prints these two lines only when there is something to count.
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return WrkResult(
        requests_per_second=float(rps.group(1)),
        latency_avg_ms=to_ms(*avg.groups()),
        latency_p99_ms=to_ms(*p99.groups()),
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(map(int, sockets.groups())) if sockets else 0,
    )


def warm_up(server):
    # Reaches every worker, so imports, template loading and the first database
    # connection are not in the figures.
    run_wrk(server, WARMUP_SECONDS)


def measure(server, seconds):
    result = parse_wrk(run_wrk(server, seconds))
    if result.non_2xx_3xx or result.socket_errors:
        raise BenchError(
            f"{server.name}: {result.non_2xx_3xx} non-2xx/3xx responses, {result.socket_errors} socket errors"
        )
    return result


def measure_rounds(hello, landing, seconds, rounds):
    """Measure the two servers back to back, `rounds` times.

    On a shared machine background load comes and goes (we saw the same code give
    ratios from 0.2 to 0.58 in single runs); pairing the servers within a round and
    taking the median round keeps one burst from deciding the verdict.
    """
    results = []
    for number in range(1, rounds + 1):
        print(f"Round {number}/{rounds}: {seconds}s on each server ...", flush=True)
        # Alternate the order, so a drift during the run weighs on both servers alike.
        order = (hello, landing) if number % 2 else (landing, hello)
        results.append({server.name: measure(server, seconds) for server in order})
    return results


# --- the run ---


def run(seconds, rounds):
    OUT.mkdir(exist_ok=True)
    secret_key = secrets.token_urlsafe(50)
    with tempfile.TemporaryDirectory(prefix="bench-landing-") as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        prepare(database_url, secret_key)
        servers = []
        try:
            landing_env = production_env(database_url, secret_key)
            servers.append(start_gunicorn("landing", "kentplacements.wsgi:application", REPO, landing_env))
            servers.append(start_gunicorn("hello", "hello.wsgi:application", BENCH, hello_env(secret_key)))
            landing, hello = servers
            for server in servers:
                wait_until_up(server)
            check_response(landing, LANDING_MARKER)
            check_response(hello, "hello")
            for server in servers:
                warm_up(server)
            # Other work on the machine skews the figures; say how busy it was.
            print(f"Load average before measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs", flush=True)
            results = measure_rounds(hello, landing, seconds, rounds)
        finally:
            for server in servers:
                stop(server)
        problems = {server.name: log_problems(server) for server in servers}
    return results, problems


def ratio(results):
    return results["landing"].requests_per_second / results["hello"].requests_per_second


def report(rounds, problems):
    for number, results in enumerate(rounds, 1):
        print(
            f"round {number}   hello {results['hello'].requests_per_second:8.1f} req/s   "
            f"landing {results['landing'].requests_per_second:8.1f} req/s   ratio {ratio(results):.3f}"
        )
    # A real round (the lower median), not a blend of several, so the figures printed belong together.
    ranked = sorted(enumerate(rounds, 1), key=lambda item: ratio(item[1]))
    number, results = ranked[(len(ranked) - 1) // 2]
    median = ratio(results)
    print(f"Median round ({number}):")
    for name in ("hello", "landing"):
        result = results[name]
        print(
            f"  {name:8} {result.requests_per_second:9.1f} req/s   "
            f"latency avg {result.latency_avg_ms:7.2f} ms   p99 {result.latency_p99_ms:7.2f} ms"
        )
    verdict = "ok" if median >= TARGET_RATIO else "BELOW TARGET"
    print(f"  ratio landing/hello {median:.3f}   target >= {TARGET_RATIO}   {verdict}")
    logs_failed = report_logs(problems)
    return 1 if median < TARGET_RATIO or logs_failed else 0


def report_logs(problems):
    """Show what the servers logged; an error there fails the run even if the figures pass."""
    failed = False
    for name, lines in problems.items():
        if lines:
            print(f"{name}: {len(lines)} warning/error lines in {OUT.relative_to(REPO) / (name + '.log')}:")
            print("\n".join(f"  {line}" for line in lines[:10]))
        failed = failed or any(map(is_error, lines))
    return failed


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="how long wrk measures each server (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of measurements; the median counts (default 3)")
    args = parser.parse_args()
    if args.seconds < 1 or args.rounds < 1:
        parser.error("--seconds and --rounds must be at least 1")
    return args


def main():
    args = parse_args()
    # A SIGTERM (e.g. from CI) becomes SystemExit, so the finally above still stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        results, problems = run(args.seconds, args.rounds)
    except BenchError as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    return report(results, problems)


if __name__ == "__main__":
    sys.exit(main())
