"""`make test` on a two-core machine: the browser tests (with the apps' tests conftest.py
puts beside them) run in one pytest process and the rest in another, side by side, and
the whole suite takes about the time of the longer half instead of the sum (CI must finish in 20 minutes).

The two must not share state: the browser half gets its own test database
(TEST_DATABASE_NAME, read by kentplacements/settings.py; SQLite's test databases are in
memory anyway) and the next Redis database, since every test empties the cache it uses
(conftest.py) and rate limits and used TOTP codes live there. Each half's output is kept
in a file and printed whole when both have finished, one after the other, with the time
each took. The exit status is the first failure's."""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

# Every test is in exactly one half; conftest.py says which apps' tests join the browser tests.
HALVES = (
    ("browser tests and those beside them", "browser or beside_browser"),
    ("the other tests", "not browser and not beside_browser"),
)


def next_redis_database(url: str) -> str:
    """redis://host:6379/1 -> redis://host:6379/2"""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{number + 1}"))


def browser_environment(environment: dict) -> dict:
    separate = dict(environment)
    database_url = environment.get("DATABASE_URL", "")
    if database_url and not database_url.startswith("sqlite"):
        separate["TEST_DATABASE_NAME"] = f"test_{urlsplit(database_url).path.strip('/')}_browser"
    if redis_url := environment.get("REDIS_URL"):
        separate["REDIS_URL"] = next_redis_database(redis_url)
        if environment.get("CELERY_BROKER_URL") == redis_url:
            separate["CELERY_BROKER_URL"] = separate["REDIS_URL"]
    return separate


def main(arguments: list[str]) -> int:
    environments = (browser_environment(os.environ), dict(os.environ))  # in the order of HALVES
    statuses = []
    with contextlib.ExitStack() as files:
        runs = []
        for (title, marker), environment in zip(HALVES, environments, strict=True):
            output = files.enter_context(tempfile.TemporaryFile(mode="w+"))
            command = [sys.executable, "-m", "pytest", "-m", marker, *arguments]
            process = subprocess.Popen(  # noqa: S603 (this interpreter, pytest and our own arguments)
                command, stdout=output, stderr=subprocess.STDOUT, env=environment
            )
            runs.append((title, process, output, time.monotonic()))
        for title, process, output, started in runs:
            status = process.wait()
            statuses.append(status)
            output.seek(0)
            print(f"\n===== {title}: exit {status} after {time.monotonic() - started:.0f} s =====", flush=True)
            sys.stdout.write(output.read())
            sys.stdout.flush()
    return next((status for status in statuses if status), 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
