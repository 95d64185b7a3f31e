"""What the outbox resilience benchmarks share (bench/broker_outage.py, bench/worker_killed.py):
a TCP proxy in front of Redis that can "stop Redis" without touching the real server, a fresh
PostgreSQL database, the app under gunicorn and Celery workers started as in production, and a
small HTTP client with cookies and CSRF. See bench/README.md.

Processes started here run in sessions of their own so they are stopped as a group; nothing
else on the machine is touched (only the Redis database given, which is flushed first)."""

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"  # git-ignored: process logs stay here after the run
REDIS = ("127.0.0.1", 6379)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TcpProxy:
    """Forwards a local port to Redis. ``stop()`` closes the listener and every open connection,
    so clients see exactly what a stopped Redis gives them (refused connections, dropped
    sockets); ``start()`` listens on the same port again."""

    def __init__(self, target=REDIS):
        self.target = target
        self.port = free_port()
        self._listener = None
        self._sockets = set()
        self._lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self):
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            try:
                upstream = socket.create_connection(self.target, timeout=2)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:  # stopped meanwhile
                    client.close()
                    upstream.close()
                    continue
                self._sockets |= {client, upstream}
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def postgres_url(database: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{database}"


def fresh_database(database: str):
    subprocess.run(["dropdb", "-U", "postgres", "-h", "127.0.0.1", "--if-exists", database], check=True)
    subprocess.run(["createdb", "-U", "postgres", "-h", "127.0.0.1", database], check=True)


def drop_database(database: str):
    subprocess.run(["dropdb", "-U", "postgres", "-h", "127.0.0.1", "--if-exists", "--force", database], check=False)


def flush_redis_db(db: int):
    """Only the benchmark's own database: others on this Redis belong to other people."""
    subprocess.run(["redis-cli", "-n", str(db), "flushdb"], check=True, capture_output=True)


def add_service_arguments(parser):
    """The options every outbox resilience run takes: its database, Redis database and sweep timing."""
    parser.add_argument(
        "--stuck-after", type=int, help="NOTIFICATIONS_STUCK_AFTER_SECONDS for the run (the setting's default: 120)"
    )
    parser.add_argument("--database", default="kp_resil", help="PostgreSQL database, dropped and made afresh")
    parser.add_argument("--redis-db", type=int, default=11, help="Redis database, flushed first (default 11)")


def app_env(*, database: str, redis_url: str, email_url: str, **extra) -> dict:
    """The environment of every process of the run (and of this one, before setup_django)."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    return env | {
        # DEBUG: plain static files, no HTTPS redirect; nothing the outbox does depends on it
        "DEBUG": "1",
        "DATABASE_URL": postgres_url(database),
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "EMAIL_URL": email_url,
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "kentplacements.settings",
        **extra,
    }


def setup_django(env: dict):
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def spawn(name: str, command: list[str], env: dict) -> subprocess.Popen:
    OUT.mkdir(exist_ok=True)
    log = (OUT / f"{name}.log").open("w")
    # A session of its own: stop() ends the master and its children together.
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def gunicorn(env, port, workers=2, threads=4) -> subprocess.Popen:
    return spawn(
        "gunicorn",
        [
            sys.executable,
            "-m",
            "gunicorn",
            f"--workers={workers}",
            f"--threads={threads}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            "kentplacements.wsgi",
        ],
        env,
    )


def celery_worker(env, name="worker") -> subprocess.Popen:
    return spawn(
        name,
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kentplacements",
            "worker",
            "--concurrency=1",
            "--pool=prefork",
            "--without-gossip",
            "--without-mingle",
            f"--hostname={name}@%h",
            "--loglevel=WARNING",
        ],
        env,
    )


def stop(process: subprocess.Popen, sig=signal.SIGTERM):
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for_http(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {timeout}s (see bench/out/gunicorn.log)")


class Browser:
    """One visitor: cookies kept, CSRF token read from the form, redirects not followed."""

    CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    def __init__(self, port, address="127.0.0.1"):
        self.port = port
        self.address = address  # sent as X-Forwarded-For (TRUSTED_PROXY_COUNT=1)
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {"X-Forwarded-For": self.address, "Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.headers.get("Location", ""), text
        finally:
            connection.close()

    def submit(self, path, form):
        """GET the form (for its CSRF token), then POST it; returns (status, Location)."""
        status, _, text = self.request("GET", path)
        match = self.CSRF.search(text)
        if status != 200 or not match:
            return status, ""
        status, location, _ = self.request("POST", path, {**form, "csrfmiddlewaretoken": match.group(1)})
        return status, location
