"""A worker killed mid-task (issue 13): "the task is redelivered and the email sent once".

Run from the repo root: `.venv/bin/python bench/worker_killed.py [--scenario all]`.
One Celery worker (concurrency 1) delivers an outbox row to a small SMTP server run by this
script, which takes the message and then stalls before answering the end of DATA, so the
task is caught in the middle of sending: nothing has been accepted yet. Then `kill -9`:

- ``child``: the pool process running the task. The worker's main process sees it lost
  (acks_late + reject_on_worker_lost) and puts the task back; a new pool process runs it.
- ``worker``: the whole worker, main process and pool, as when a machine dies. A second
  worker is started; the unacknowledged task waits in Redis for its visibility timeout (an
  hour), so the outbox sweep (run here as beat would) queues the row again once it is
  due (NOTIFICATIONS_STUCK_AFTER_SECONDS). When the old task does come back, the row is
  sent and it does nothing.
- ``batch``: five rows queued together (notify_many: one task, one SMTP connection); the
  server accepts the first two and stalls on the third, and the pool process is killed. The
  task comes back and sends only the three not yet marked sent.

Each scenario passes if the SMTP server accepted each message exactly once and its row is
marked sent. Uses a fresh PostgreSQL database and Redis database 11 (flushed), both
dropped/flushed at the end. See bench/README.md.
"""

import argparse
import signal
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import outbox_rig as rig
from common import NOTIFICATION_HEADER, partner_declined


class StallingSmtp(socketserver.ThreadingTCPServer):
    """Just enough SMTP for Django's backend. The ``stall_in``-th message of a scenario is read
    in full and then left unanswered (``stalled`` is set); every other one is accepted (250),
    and counted by its outbox row ID."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.accepted = []  # outbox row IDs, one per message answered 250
        self.data_received = 0
        self.stall_in = 1
        self.stalled = threading.Event()
        self.lock = threading.Lock()


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        server = self.server
        self.reply("220 bench ESMTP")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250 bench")
            elif verb == b"DATA":
                self.reply("354 go ahead")
                message = b"".join(iter(self.rfile.readline, b".\r\n"))
                with server.lock:
                    server.data_received += 1
                    server.stall_in -= 1
                    stall = server.stall_in == 0
                if stall:
                    server.stalled.set()
                    self.rfile.read()  # no answer: wait until the client is gone
                    return
                with server.lock:
                    server.accepted += [int(found) for found in NOTIFICATION_HEADER.findall(message)]
                self.reply("250 accepted")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.reply("250 OK")


def pool_processes(worker) -> list[int]:
    result = subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True, text=True, check=False)
    return [int(pid) for pid in result.stdout.split()]


def queue_one(number):
    from django.db import transaction

    from notifications.services import queue_rendered

    with transaction.atomic():
        row = queue_rendered(
            recipient=f"killed{number}@bench.example.org",
            template="bench/worker_killed",
            subject="Bench: a worker killed mid-task",
            body_text="Sent once, whatever happens to the worker.",
        )
    return row.pk


BATCH = 5
STALL_AT = 3  # in the batch scenario: two accepted and marked sent before the kill


def queue_batch(number):
    """BATCH rows in one transaction: one task, sent over one SMTP connection."""
    from django.db import transaction

    from notifications.services import notify_many

    with transaction.atomic():
        rows = notify_many(
            partner_declined(f"killed{number}-{n}@bench.example.org", n, "Sent once, whatever happens to the worker.")
            for n in range(BATCH)
        )
    return [row.pk for row in rows]


def wait_for(condition, timeout, every=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def run_scenario(kind, number, env, smtp, args):
    from django.db import connection

    from notifications.enums import NotificationStatus as S
    from notifications.models import Notification
    from notifications.services import sweep_outbox

    smtp.stall_in = STALL_AT if kind == "batch" else 1
    smtp.stalled.clear()
    accepted_before, data_before = len(smtp.accepted), smtp.data_received
    workers = [rig.celery_worker(env, name=f"{kind}-first")]
    figures = {}
    try:
        time.sleep(args.worker_start)  # let it connect, so the task is not waiting in the queue
        queued = time.monotonic()
        pks = queue_batch(number) if kind == "batch" else [queue_one(number)]
        if not smtp.stalled.wait(args.timeout):
            raise RuntimeError(f"{kind}: the task never reached the SMTP server (see bench/out/{kind}-first.log)")
        figures["queued to mid-send"] = time.monotonic() - queued
        if kind in ("child", "batch"):
            for pid in pool_processes(workers[0]):
                subprocess.run(["kill", "-9", str(pid)], check=True)
        else:
            rig.stop(workers[0], signal.SIGKILL)
            workers.append(rig.celery_worker(env, name=f"{kind}-second"))
        killed = time.monotonic()

        def delivered():
            if kind == "worker":
                sweep_outbox()  # what beat does every minute; a no-op until the row is due
                connection.close()
            return set(pks) <= set(smtp.accepted[accepted_before:])

        ok = wait_for(delivered, args.timeout, every=1.0 if kind == "worker" else 0.2)
        figures["killed to accepted"] = time.monotonic() - killed
        time.sleep(args.settle)  # a second copy would arrive here
        rows = Notification.objects.filter(pk__in=pks)
        accepted = smtp.accepted[accepted_before:]
        figures.update(
            sent=ok,
            messages=len(pks),
            accepted=[accepted.count(pk) for pk in pks],
            data=smtp.data_received - data_before,
            statuses=sorted({row.status for row in rows}),
            attempts=[row.attempts for row in rows],
            sent_row=all(row.status == S.SENT for row in rows) and len(rows) == len(pks),
        )
        connection.close()
    finally:
        for worker in workers:
            rig.stop(worker)
    return figures


WHAT = {
    "child": "the pool process mid-send",
    "batch": f"the pool process mid-batch (message {STALL_AT} of {BATCH})",
    "worker": "the whole worker mid-send",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=("child", "worker", "batch", "all"), default="all")
    rig.add_service_arguments(parser)
    parser.add_argument("--worker-start", type=float, default=8, help="seconds a new worker is given to connect")
    parser.add_argument("--settle", type=float, default=5, help="seconds to watch for a second copy")
    parser.add_argument("--timeout", type=float, default=400, help="give up waiting after this")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so the clean-up below runs

    smtp = StallingSmtp()
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    env = rig.app_env(
        database=args.database,
        redis_url=f"redis://127.0.0.1:6379/{args.redis_db}",
        email_url=f"smtp://127.0.0.1:{smtp.server_address[1]}",
        **({"NOTIFICATIONS_STUCK_AFTER_SECONDS": str(args.stuck_after)} if args.stuck_after else {}),
    )
    rig.flush_redis_db(args.redis_db)
    rig.fresh_database(args.database)
    rig.setup_django(env)
    from django.conf import settings
    from django.db import connection

    kinds = ("child", "batch", "worker") if args.scenario == "all" else (args.scenario,)
    results = {}
    try:
        rig.manage(env, "migrate", "--noinput")
        for number, kind in enumerate(kinds, start=1):
            print(f"{kind}: killing {WHAT[kind]} ...", flush=True)
            results[kind] = run_scenario(kind, number, env, smtp, args)
    finally:
        smtp.shutdown()
        connection.close()
        rig.drop_database(args.database)
        rig.flush_redis_db(args.redis_db)

    print(f"\nSweep due after {settings.NOTIFICATIONS_STUCK_AFTER_SECONDS} s (NOTIFICATIONS_STUCK_AFTER_SECONDS)")
    good = True
    for kind, figures in results.items():
        passed = figures["accepted"] == [1] * figures["messages"] and figures["sent_row"]
        good &= passed
        print(f"\n{kind}: kill -9 {WHAT[kind]}")
        print(f"  queued -> task in the middle of SMTP DATA   {figures['queued to mid-send']:8.1f} s")
        print(f"  kill -> every message accepted by SMTP      {figures['killed to accepted']:8.1f} s")
        print(f"  messages the SMTP server received (DATA)    {figures['data']:8d}   for {figures['messages']}")
        accepted = " ".join(map(str, figures["accepted"]))
        print(f"  times each message was accepted (sent)      {accepted:>8}   target 1 each")
        rows = f"{'/'.join(figures['statuses']):>8} after {' '.join(map(str, figures['attempts']))} attempt(s)"
        print(f"  outbox rows                                 {rows}")
        print(f"  {'PASS' if passed else 'MISS'}")
    print("\nPASS" if good else "\nMISS")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
