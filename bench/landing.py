"""Benchmark the public pages against a bare Django "hello", both under gunicorn.

Run from the repo root: `.venv/bin/python bench/landing.py [--seconds N] [--rounds N]`
(or `make bench`). The pages are the ones issue 13 names: the landing page, the work
experience programme list, a volunteer campaign's page and an outreach event's page, as an
anonymous visitor sees them. The absolute req/s depend on the machine; each page's ratio
page/hello is what we hold to a target, because both servers share the machine, the
gunicorn set-up and the load. See bench/README.md.
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
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

# Issue 13: public pages keep "at least half of a bare Django 'hello' throughput".
TARGET_RATIO = 0.5
WORKERS = 2
WRK_THREADS = 2
WRK_CONNECTIONS = 16
WARMUP_SECONDS = 2
# The settings trust this header (SECURE_PROXY_SSL_HEADER), as behind the real proxy:
# requests count as HTTPS, so the production middleware runs without redirecting.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
# Settings that would reach for services the benchmark does not run (Redis is added back
# for the cache when it answers, as in production).
DROPPED_ENV = ("REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # a list page for `first_link` pages, whose first link is measured
    marker: str  # text the page must show
    first_link: str = ""  # a pattern for the link to follow from `path`


PAGES = [
    Page("landing", "/", "Partner organisations"),
    Page("programmes", "/work-experience/", "Programmes open for applications"),
    Page("campaign", "/volunteering/", "Who can apply", first_link=r'href="(/volunteering/\d+/)"'),
    Page(
        "event",
        "/positive-action/events/",
        "Add the event to your calendar",
        first_link=r'href="(/positive-action/events/\d+/)"',
    ),
]


class BenchError(Exception):
    """Something went wrong that makes the figures meaningless."""


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"


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


def production_env(database_url, secret_key, redis_url):
    """Production defaults (secure cookies, HSTS, manifest static files), on local SQLite,
    with the cache in Redis as in production when `redis_url` is given."""
    return (
        base_env()
        | ({"REDIS_URL": redis_url} if redis_url else {})
        | {
            "DEBUG": "0",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            # An access log per request would measure the logging, not the app.
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "kentplacements.settings",
        }
    )


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
    # seed_demo seals the demo's signed agreements, as `make run` does: with the development
    # key and certificate (var/seal/, git-ignored; kept if they exist).
    manage(demo_env(database_url), "make_seal_certificate")
    manage(demo_env(database_url), "seed_demo")
    # Without DEBUG, {% static %} needs the manifest that collectstatic writes (to
    # STATIC_ROOT, git-ignored); run it under the same settings the server will use.
    manage(production_env(database_url, secret_key, None), "collectstatic", "--noinput")


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


def get(server, path="/"):
    """One plain request, redirects not followed (a redirect here means a misconfiguration)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("GET", path, headers=PROXY_HEADERS)
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


def check_response(server, marker, path="/"):
    status, body = get(server, path)
    if status != 200 or marker not in body:
        raise BenchError(f"{server.name} {path}: expected 200 with {marker!r}, got {status}:\n{body[:500]}")
    return body


def page_paths(server):
    """Each page's path, the campaign and event found on their lists (the demo's first)."""
    paths = {}
    for page in PAGES:
        path = page.path
        if page.first_link:
            body = check_response(server, "", path)
            found = re.search(page.first_link, body)
            if not found:
                raise BenchError(f"no link matching {page.first_link!r} on {path}: does the demo data have one?")
            path = found.group(1)
        check_response(server, page.marker, path)
        paths[page.name] = path
    return paths


# --- the cache: Redis db `--redis-db`, flushed before and after ---


def redis_url(db):
    """The cache production uses, if a Redis answers here; else None (each process's memory)."""
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            if not sock.recv(16).startswith(b"+PONG"):
                return None
    except OSError:
        return None
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{db}"


def flush_redis(url):
    if url:
        import redis  # the app's own dependency, in the same virtualenv

        redis.Redis.from_url(url).flushdb()


def tail(path, lines=20):
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def log_problems(server):
    """Lines that are warnings or worse: with LOG_LEVEL=WARNING nothing else is logged."""
    return [line for line in server.log.read_text(errors="replace").splitlines() if line.strip()]


def is_error(line):
    return any(word in line for word in ("Traceback", "ERROR", "CRITICAL"))


# --- measuring ---


def run_wrk(server, seconds, path="/"):
    headers = [arg for name, value in PROXY_HEADERS.items() for arg in ("-H", f"{name}: {value}")]
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{WRK_CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        *headers,
        server.url(path),
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


def warm_up(server, path="/"):
    # Reaches every worker, so imports, template loading, the first database connection
    # and the first rendering into the cache are not in the figures.
    run_wrk(server, WARMUP_SECONDS, path)


def measure(server, seconds, path="/"):
    result = parse_wrk(run_wrk(server, seconds, path))
    if result.non_2xx_3xx or result.socket_errors:
        raise BenchError(
            f"{server.name} {path}: {result.non_2xx_3xx} non-2xx/3xx responses, {result.socket_errors} socket errors"
        )
    return result


def measure_rounds(hello, app, paths, seconds, rounds):
    """Measure hello and each page back to back, `rounds` times.

    On a shared machine background load comes and goes (we saw the same code give
    ratios from 0.2 to 0.58 in single runs); measuring hello in every round, comparing
    each page with the hello of its own round and taking the median keeps one burst from
    deciding the verdict.
    """
    targets = [("hello", hello, "/")] + [(name, app, path) for name, path in paths.items()]
    results = []
    for number in range(1, rounds + 1):
        print(f"Round {number}/{rounds}: {seconds}s on hello and on each page ...", flush=True)
        # Alternate the order, so a drift during the run weighs on every page alike.
        order = targets if number % 2 else targets[::-1]
        results.append({name: measure(server, seconds, path) for name, server, path in order})
    return results


# --- the run ---


def run(seconds, rounds, redis_db):
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (Debian: apt-get install wrk)")
    OUT.mkdir(exist_ok=True)
    secret_key = secrets.token_urlsafe(50)
    cache_url = redis_url(redis_db) if redis_db is not None else None
    print(f"Cache: {f'Redis, {cache_url}' if cache_url else 'each process memory (LocMemCache): no Redis'}")
    with tempfile.TemporaryDirectory(prefix="bench-landing-") as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        prepare(database_url, secret_key)
        servers = []
        flush_redis(cache_url)
        try:
            app_env = production_env(database_url, secret_key, cache_url)
            servers.append(start_gunicorn("app", "kentplacements.wsgi:application", REPO, app_env))
            servers.append(start_gunicorn("hello", "hello.wsgi:application", BENCH, hello_env(secret_key)))
            app, hello = servers
            for server in servers:
                wait_until_up(server)
            paths = page_paths(app)
            check_response(hello, "hello")
            warm_up(hello)
            for path in paths.values():
                warm_up(app, path)
            # Other work on the machine skews the figures; say how busy it was.
            print(f"Load average before measuring: {load_average()}", flush=True)
            results = measure_rounds(hello, app, paths, seconds, rounds)
            print(f"Load average after measuring: {load_average()}", flush=True)
        finally:
            for server in servers:
                stop(server)
            flush_redis(cache_url)
        problems = {server.name: log_problems(server) for server in servers}
    return paths, results, problems


def load_average():
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} CPUs"


def ratio(results, name):
    return results[name].requests_per_second / results["hello"].requests_per_second


def report(paths, rounds, problems):
    for number, results in enumerate(rounds, 1):
        pages = "   ".join(
            f"{name} {results[name].requests_per_second:7.1f} ({ratio(results, name):.2f})" for name in paths
        )
        print(f"round {number}   hello {results['hello'].requests_per_second:7.1f} req/s   {pages}")
    print(f"Median of {len(rounds)} rounds, each page against the hello of its own round:")
    failed = False
    for name in ["hello", *paths]:
        # A real round for each line (the lower median), not a blend of several, so its figures belong together.
        ranked = sorted(rounds, key=lambda results: ratio(results, name))
        results = ranked[(len(ranked) - 1) // 2]
        result = results[name]
        line = (
            f"  {name:10} {paths.get(name, '/'):28} {result.requests_per_second:8.1f} req/s   "
            f"latency avg {result.latency_avg_ms:7.2f} ms   p99 {result.latency_p99_ms:7.2f} ms"
        )
        if name != "hello":
            median = ratio(results, name)
            verdict = "ok" if median >= TARGET_RATIO else "BELOW TARGET"
            failed = failed or median < TARGET_RATIO
            line += f"   ratio {median:.3f} (target >= {TARGET_RATIO}) {verdict}"
        print(line)
    logs_failed = report_logs(problems)
    return 1 if failed or logs_failed else 0


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
    parser.add_argument("--seconds", type=int, default=8, help="how long wrk measures each page (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of measurements; the median counts (default 3)")
    parser.add_argument(
        "--redis-db",
        type=int,
        default=8,
        help="the Redis database the cache uses, flushed before and after (default 8)",
    )
    parser.add_argument("--no-redis", action="store_true", help="keep the cache in each process's memory")
    args = parser.parse_args()
    if args.no_redis:
        args.redis_db = None
    if args.seconds < 1 or args.rounds < 1:
        parser.error("--seconds and --rounds must be at least 1")
    return args


def main():
    args = parse_args()
    # A SIGTERM (e.g. from CI) becomes SystemExit, so the finally above still stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        paths, results, problems = run(args.seconds, args.rounds, args.redis_db)
    except BenchError as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    return report(paths, results, problems)


if __name__ == "__main__":
    sys.exit(main())
