"""Benchmark the outbox through one Celery worker (issue 13: "10,000 notifications through one
worker in < 60 s, 0 duplicates").

Run from the repo root, with PostgreSQL and Redis:
`.venv/bin/python bench/notifications.py [--notifications N] [--database-url URL] [--redis-url URL]`.
It makes a `bench_<name>` database next to the given one (dropped at the end), queues N outbox rows
with notifications.services.notify_many (handed to the broker after commit in tasks of
NOTIFICATIONS_BATCH_SIZE, as in the product; --batch-size 1 gives one task per row, as before),
then starts one worker (`celery -A kentplacements worker --concurrency 1`) whose mail goes to files
(EMAIL_URL=filemail://), waits until every row is sent, and counts each notification's copies in the
files by its X-Kent-Placements-Notification header. See bench/README.md.
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from common import NOTIFICATION_HEADER, REPO, load_average, partner_declined, setup_django, throwaway_database

TARGET_SECONDS = 60
BATCH = 1000


def queue(count: int) -> list[int]:
    """``count`` rows, a real template each, queued in transactions of BATCH as a service would."""
    from django.db import transaction

    from notifications.services import notify_many

    ids = []
    for start in range(0, count, BATCH):
        with transaction.atomic():
            rows = notify_many(
                partner_declined(f"contact{n}@example.org", n, "We have enough partners in your area this year.")
                for n in range(start, min(start + BATCH, count))
            )
        ids.extend(row.pk for row in rows)
    return ids


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def start_worker(env: dict, log: Path, extra: list[str]) -> subprocess.Popen:
    command = [
        str(REPO / ".venv/bin/celery"),
        "-A",
        "kentplacements",
        "worker",
        "--concurrency",
        "1",
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--hostname",
        f"bench-{os.getpid()}@%h",
        *extra,
    ]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for(condition, timeout: float, what: str, worker: subprocess.Popen):
    deadline = time.monotonic() + timeout
    while not condition():
        if worker.poll() is not None:
            raise SystemExit(f"the worker stopped (exit {worker.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


def cpu_seconds(pid: int) -> float:
    """CPU time of the worker and its pool's processes so far (Linux /proc): on a busy machine the
    wall clock says more about the other load than about the worker."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    ticks = 0
    for process in (pid, *map(int, children)):
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime and stime
    return ticks / os.sysconf("SC_CLK_TCK")


def delivered_copies(mail_dir: Path) -> Counter:
    copies = Counter()
    for path in mail_dir.iterdir():
        copies.update(int(n) for n in NOTIFICATION_HEADER.findall(path.read_bytes()))
    return copies


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=10_000)
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kp_bench_notify")
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10", help="broker; its database is emptied")
    parser.add_argument("--worker-log", type=Path, help="keep the worker's log here (by default it is deleted)")
    parser.add_argument(
        "--worker-option",
        action="append",
        default=[],
        help="passed on to the worker, e.g. --worker-option=--pool=solo (default: the product's settings)",
    )
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for the worker")
    parser.add_argument(
        "--batch-size", type=int, help="NOTIFICATIONS_BATCH_SIZE for the run (default: the setting's, 50)"
    )
    args = parser.parse_args()
    if args.batch_size:
        os.environ["NOTIFICATIONS_BATCH_SIZE"] = str(args.batch_size)

    mail_dir = Path(tempfile.mkdtemp(prefix="kp-bench-mail-"))
    os.environ.update(
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        CELERY_BROKER_URL=args.redis_url,
        EMAIL_URL=f"filemail:///{mail_dir}",  # django-environ drops one slash
    )
    setup_django(services=True)
    import redis

    broker = redis.Redis.from_url(args.redis_url)
    broker.flushdb()  # this run's own Redis database: no task of an earlier run is left in it
    worker = None
    try:
        with throwaway_database() as connection:
            from django.conf import settings

            from notifications.models import Notification

            started = time.perf_counter()
            ids = queue(args.notifications)
            queued_in = time.perf_counter() - started
            print(
                f"{connection.vendor} + Redis: {len(ids)} notifications queued in {queued_in:.1f} s "
                f"({len(ids) / queued_in:.0f}/s, rendered and handed to the broker); {load_average()}"
            )
            env = {
                **os.environ,
                "DEBUG": "0",  # as in production: no query log in the worker
                "SECRET_KEY": secrets.token_urlsafe(50),
                "DATABASE_URL": with_database(args.database_url, connection.settings_dict["NAME"]),
            }
            log = args.worker_log or mail_dir.parent / f"{mail_dir.name}-worker.log"
            started = time.perf_counter()
            worker = start_worker(env, log, args.worker_option)
            wait_for(lambda: b" ready." in log.read_bytes(), args.timeout, "the worker to be ready", worker)
            ready = time.perf_counter()
            cpu_at_ready = cpu_seconds(worker.pid)
            # The throwaway database holds only this run's rows: an indexed "anything left?" is
            # enough, and costs the shared CPUs far less than counting 10,000 IDs five times a second.
            pending = Notification.objects.filter(status__in=("queued", "failed"))
            wait_for(lambda: not pending.exists(), args.timeout, "every notification to be sent", worker)
            done = time.perf_counter()
            elapsed = done - ready
            cpu = cpu_seconds(worker.pid) - cpu_at_ready
            worker.send_signal(signal.SIGTERM)  # a warm shutdown: the task in hand finishes
            worker.wait(timeout=60)

            copies = delivered_copies(mail_dir)
            duplicates = sum(n - 1 for n in copies.values() if n > 1)
            missing = len(set(ids) - set(copies))
            attempts = sum(Notification.objects.filter(pk__in=ids).values_list("attempts", flat=True))
            left = broker.llen("celery")
            sent = Notification.objects.filter(pk__in=ids, status="sent").count()
            ok = elapsed < TARGET_SECONDS and duplicates == 0 and missing == 0 and sent == len(ids)
            print(f"  worker start to ready      {ready - started:6.1f} s")
            print(f"  ready to all sent          {elapsed:6.1f} s   target < {TARGET_SECONDS} s")
            print(f"  worker CPU time            {cpu:6.1f} s   {cpu * 1000 / len(ids):.1f} ms per notification")
            print(f"  throughput                 {len(ids) / elapsed:6.0f} notifications/s")
            print(f"  delivered (mail files)     {sum(copies.values()):6}   distinct {len(copies)}, missing {missing}")
            print(f"  duplicates                 {duplicates:6}   attempts {attempts} for {len(ids)} rows")
            print(f"  rows marked sent           {sent:6}")
            print(f"  tasks left on the broker   {left:6}")
            print(f"  at the end: {load_average()}; batches of {settings.NOTIFICATIONS_BATCH_SIZE}")
            print("PASS" if ok else "MISS")
            return 0 if ok else 1
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait()
        broker.flushdb()
        for path in mail_dir.iterdir():
            path.unlink()
        mail_dir.rmdir()
        log = mail_dir.parent / f"{mail_dir.name}-worker.log"
        if log.exists():  # not --worker-log's
            log.unlink()


if __name__ == "__main__":
    sys.exit(main())
