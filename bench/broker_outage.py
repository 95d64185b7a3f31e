"""Broker down (issue 13): "with Redis stopped for 30 s while 500 public submissions arrive,
every submission is saved and every notification delivered once after Redis returns: 0 lost,
0 duplicated, and logins keep working throughout."

Run from the repo root: `.venv/bin/python bench/broker_outage.py [--outage 30] [--submissions 500]`.
The real app runs under gunicorn with one Celery worker, on a fresh PostgreSQL database, with
Redis (cache and broker, one database) reached through a TCP proxy: "Redis stopped" is the proxy
closing its port and every connection, so the real Redis is never touched. Mail goes to files,
one per message, each carrying its outbox row's ID, so deliveries are counted and duplicates seen.
This script plays beat: it runs the outbox sweep every --sweep-every seconds. See bench/README.md.
"""

import argparse
import os
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import outbox_rig as rig
from common import NOTIFICATION_HEADER

FORM = "/positive-action/businesses/"
LOGIN = "/accounts/login/"
USER_EMAIL = "outage.bench@example.org"
USER_PASSWORD = "a long bench password 7"  # noqa: S105 (a throwaway account in a throwaway database)


def deliveries(mail_dir: Path) -> list[int]:
    """The outbox row ID of every message written (one file per connection, one message each)."""
    return [int(found) for path in mail_dir.iterdir() for found in NOTIFICATION_HEADER.findall(path.read_bytes())]


def submission(number: int) -> dict:
    return {
        "business_name": f"Bench Bakery {number}",
        "area": "Ashford",
        "contact_name": f"Sam Bench {number}",
        "email": f"owner{number}@bench.example.org",
        "offers": ["venue"],
        "website": "",
    }


def submit(port, number, not_before):
    time.sleep(max(0.0, not_before - time.monotonic()))
    # Each business from its own address (X-Forwarded-For, one trusted proxy), as 500 people
    # would be: the per-address limit (30/h) is left as it is and is not what is measured.
    browser = rig.Browser(port, address=f"10.{number // 65536}.{number // 256 % 256}.{number % 256}")
    status, location = browser.submit(FORM, submission(number))
    return status == 302 and "thank-you" in location


def log_in(port, number):
    browser = rig.Browser(port, address=f"10.200.{number // 256 % 256}.{number % 256}")
    status, location = browser.submit(LOGIN, {"login": USER_EMAIL, "password": USER_PASSWORD})
    if status != 302 or LOGIN in location:
        return False
    status, _, _ = browser.request("GET", "/")
    return status == 200


def prepare(env):
    rig.manage(env, "migrate", "--noinput")
    from allauth.account.models import EmailAddress

    from accounts.models import User

    user = User.objects.create_user(email=USER_EMAIL, password=USER_PASSWORD)
    EmailAddress.objects.create(user=user, email=USER_EMAIL, verified=True, primary=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outage", type=float, default=30, help="seconds Redis is away (default 30)")
    parser.add_argument("--submissions", type=int, default=500, help="public form posts during the outage")
    parser.add_argument("--clients", type=int, default=6, help="submissions sent at once (default 6)")
    parser.add_argument("--sweep-every", type=float, default=60, help="seconds between sweeps, as beat (60)")
    rig.add_service_arguments(parser)
    parser.add_argument("--timeout", type=float, default=600, help="give up waiting for delivery after this")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so the clean-up below runs

    proxy = rig.TcpProxy()
    proxy.start()
    mail_dir = Path(tempfile.mkdtemp(prefix="kp-outage-mail-"))
    port = rig.free_port()
    env = rig.app_env(
        database=args.database,
        redis_url=f"redis://127.0.0.1:{proxy.port}/{args.redis_db}",
        email_url=f"filemail:///{mail_dir}",  # environ drops one slash
        TRUSTED_PROXY_COUNT="1",
        **({"NOTIFICATIONS_STUCK_AFTER_SECONDS": str(args.stuck_after)} if args.stuck_after else {}),
    )
    rig.flush_redis_db(args.redis_db)
    rig.fresh_database(args.database)
    rig.setup_django(env)
    prepare(env)
    from django.db import connection

    from notifications.enums import NotificationStatus as S
    from notifications.models import Notification
    from notifications.services import sweep_outbox
    from outreach.businesses.models import BusinessInterest

    processes = []
    stop_sweeping = threading.Event()
    try:
        processes.append(rig.gunicorn(env, port))
        processes.append(rig.celery_worker(env))
        rig.wait_for_http(port)
        assert log_in(port, 0), "the bench user cannot log in before the outage"

        def sweeper():
            while not stop_sweeping.wait(args.sweep_every):
                sweep_outbox()
                connection.close()

        threading.Thread(target=sweeper, daemon=True).start()

        print(f"{rig_load()}; Redis stopped for {args.outage:g} s, {args.submissions} submissions", flush=True)
        proxy.stop()
        outage_start = time.monotonic()
        logins = []
        done = threading.Event()

        def keep_logging_in():
            number = 1
            while not done.is_set():
                started = time.monotonic()
                logins.append((log_in(port, number), time.monotonic() - started))
                number += 1
                done.wait(0.5)

        login_thread = threading.Thread(target=keep_logging_in)
        login_thread.start()
        with ThreadPoolExecutor(args.clients) as pool:
            # spread over the outage, as people arrive, rather than all in its first seconds
            spacing = args.outage * 0.9 / args.submissions
            numbers = range(1, args.submissions + 1)
            accepted = sum(pool.map(lambda n: submit(port, n, outage_start + (n - 1) * spacing), numbers))
        sending_took = time.monotonic() - outage_start
        time.sleep(max(0.0, args.outage - sending_took))
        done.set()
        login_thread.join()
        proxy.start()
        back = time.monotonic()
        print(f"Redis back after {back - outage_start:.1f} s; waiting for the outbox to empty ...", flush=True)

        pending = (S.QUEUED, S.FAILED)
        while time.monotonic() - back < args.timeout:
            created = Notification.objects.count()
            if not Notification.objects.filter(status__in=pending).exists() and len(deliveries(mail_dir)) >= created:
                break
            connection.close()
            time.sleep(0.5)
        delivery_took = time.monotonic() - back
        time.sleep(2)  # a late duplicate would show up here

        saved = BusinessInterest.objects.count()
        created = Notification.objects.count()
        sent = Notification.objects.filter(status=S.SENT).count()
        delivered = deliveries(mail_dir)
        unique = len(set(delivered))
        lost = created - unique
        duplicated = len(delivered) - unique
        login_ok = sum(ok for ok, _ in logins)
        login_ms = [seconds * 1000 for _, seconds in logins]
    finally:
        stop_sweeping.set()
        for process in processes:
            rig.stop(process)
        proxy.stop()
        connection.close()
        rig.drop_database(args.database)
        rig.flush_redis_db(args.redis_db)
        shutil.rmtree(mail_dir, ignore_errors=True)

    def line(label, value, good):
        print(f"  {label:<44} {value:>10}   {'PASS' if good else 'MISS'}")

    print(f"\nSubmissions sent during the outage ({sending_took:.1f} s):  {args.submissions}")
    line("answered with the thank-you page", accepted, accepted == args.submissions)
    line("saved (business interests)", saved, saved == args.submissions)
    line("notifications created (outbox rows)", created, created >= saved)
    line("marked sent", sent, sent == created)
    line("messages delivered (files)", len(delivered), len(delivered) == created)
    line("lost (created - delivered once)", lost, lost == 0)
    line("duplicated (delivered - unique)", duplicated, duplicated == 0)
    line("logins during the outage: attempted", len(logins), bool(logins))
    line("logins during the outage: succeeded", login_ok, login_ok == len(logins))
    if login_ms:
        median, worst = statistics.median(login_ms), max(login_ms)
        print(f"  login (GET form, POST, GET home) median {median:.0f} ms, max {worst:.0f} ms")
    print(f"  delivery took {delivery_took:.1f} s after Redis returned (sweep every {args.sweep_every:g} s)")
    good = (
        accepted == saved == args.submissions
        and lost == 0
        and duplicated == 0
        and sent == created
        and logins
        and login_ok == len(logins)
    )
    print("PASS" if good else "MISS")
    return 0 if good else 1


def rig_load():
    return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"


if __name__ == "__main__":
    sys.exit(main())
