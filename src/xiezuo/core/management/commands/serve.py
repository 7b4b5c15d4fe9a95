"""`xiezuo serve`: gunicorn and the background task worker, supervised.

- SIGTERM or SIGINT stops both: each gets SIGTERM, `--grace` seconds to finish (a request, the
  task in hand), then SIGKILL to its whole process group; serve exits 0 only when nothing of
  it is left running.
- The task worker is restarted when it dies (a SIGKILL, a SIGABRT from a library, an
  out-of-memory kill); the task it was running, and its job, are marked failed
  (core.jobs.tasks_interrupted), so no page waits forever and the queue goes on.
- gunicorn runs threaded workers (gthread): a few slow clients hold a thread each, not a whole
  worker, so they cannot stall the site. No gunicorn control socket (by default each user
  shares one).
- Kept files that expire (pending uploads, exports) are cleaned when serve starts and hourly.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from xiezuo.core import keptfiles
from xiezuo.core.jobs import tasks_interrupted

RESTART_BACKOFF_MAX = 30  # seconds between restarts of a worker that keeps dying at once


def gunicorn_argv(*, host: str, port: int, workers: int, threads: int, grace: int) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "xiezuo.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers),
            "--worker-class", "gthread", "--threads", str(threads),
            "--access-logfile", "-", "--timeout", "120", "--graceful-timeout", str(grace),
            "--no-control-socket",
            # No ID number in the access log, even one a client put in a URL.
            "--logger-class", "xiezuo.core.access_log.PrivateLogger"]


def worker_id_prefix() -> str:
    return f"serve-{socket.gethostname()[:24]}-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def dead_serve_worker(worker_id: str) -> bool:
    """A worker id of a serve on this host (serve-<host>-<serve pid>-<n>) whose serve is gone."""
    prefix = worker_id_prefix()
    if not worker_id.startswith(prefix):
        return False
    try:
        serve_pid = int(worker_id[len(prefix):].split("-")[0])
    except ValueError:
        return False
    return serve_pid != os.getpid() and not _pid_alive(serve_pid)


@dataclass
class Child:
    name: str
    proc: subprocess.Popen
    started: float = field(default_factory=time.monotonic)
    started_at: object = field(default_factory=timezone.now)
    worker_id: str = ""

    def signal_group(self, sig: int) -> None:
        try:
            os.killpg(self.proc.pid, sig)  # its own process group: gunicorn's workers too
        except ProcessLookupError:
            pass


class Command(BaseCommand):
    help = ("Serve Xiezuo in production: gunicorn (threaded workers), static files through "
            "WhiteNoise, and a supervised task worker; SIGTERM/SIGINT stop them all.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("XIEZUO_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("XIEZUO_PORT", 8000)))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("XIEZUO_WORKERS", 3)))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("XIEZUO_THREADS", 4)),
                            help="threads per gunicorn worker (slow clients hold one each)")
        parser.add_argument("--grace", type=int, default=10,
                            help="seconds a stopping process gets before it is killed")
        parser.add_argument("--cleanup-every", type=int, default=3600,
                            help="seconds between clean-ups of expired kept files")
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start the background task worker")

    def handle(self, *args, **options):
        from xiezuo.core.checks import FIELD_KEY_HINT, FIELD_KEY_MISSING, field_key_missing

        if field_key_missing():
            raise CommandError(f"Refusing to serve: {FIELD_KEY_MISSING}\n{FIELD_KEY_HINT}")
        call_command("collectstatic", interactive=False, verbosity=0)
        self._cleanup()
        self.stop_signal = None
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            self._serve(options)
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)

    def _serve(self, options) -> None:
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "xiezuo.settings"), "XIEZUO_DATA_DIR": str(settings.DATA_DIR)}
        self.grace = options["grace"]
        self.generation = 0
        # Tasks left running by the worker of a serve on this host that died without cleaning up.
        self._interrupted()
        web = self._start("gunicorn", gunicorn_argv(
            host=options["host"], port=options["port"], workers=options["workers"],
            threads=options["threads"], grace=options["grace"]))
        worker = None if options["no_worker"] else self._start_worker()
        exit_code, failures, next_cleanup = 0, 0, time.monotonic() + options["cleanup_every"]
        try:
            while self.stop_signal is None:
                if web.proc.poll() is not None:
                    self.stderr.write(f"gunicorn exited ({web.proc.returncode}); stopping.")
                    exit_code = 1
                    break
                if worker is not None and worker.proc.poll() is not None:
                    worker, failures = self._restart(worker, failures)
                if time.monotonic() >= next_cleanup:
                    self._cleanup()
                    next_cleanup = time.monotonic() + options["cleanup_every"]
                time.sleep(0.2)
        finally:
            self._stop([c for c in (web, worker) if c is not None])
        if exit_code:
            raise SystemExit(exit_code)

    # --- children ------------------------------------------------------------------------------

    def _on_signal(self, signum, frame) -> None:
        if self.stop_signal is None:
            self.stop_signal = signum
            self.stderr.write(f"{signal.Signals(signum).name}: stopping gunicorn and the worker …")

    def _start(self, name: str, argv: list[str], **extra) -> Child:
        proc = subprocess.Popen(argv, env=self.env, start_new_session=True)
        return Child(name=name, proc=proc, **extra)

    def _start_worker(self) -> Child:
        self.generation += 1
        worker_id = f"{worker_id_prefix()}{os.getpid()}-{self.generation}"
        return self._start("worker", [sys.executable, "-m", "xiezuo", "db_worker", "--no-reload",
                                      "--no-startup-delay", "--worker-id", worker_id],
                           worker_id=worker_id)

    def _interrupted(self, worker: Child | None = None) -> int:
        """Fail what `worker` (None: the workers of serves that died) left running. The
        database may have dropped serve's idle connection meanwhile: one retry on a new one."""
        for attempt in (1, 2):
            close_old_connections()
            try:
                if worker is None:
                    return tasks_interrupted(dead=dead_serve_worker)
                return tasks_interrupted(worker_id=worker.worker_id, since=worker.started_at)
            except DatabaseError as e:
                connection.close()
                if attempt == 2:
                    self.stderr.write(f"Could not mark interrupted tasks failed: {e}")
        return 0

    def _restart(self, worker: Child, failures: int) -> tuple[Child, int]:
        worker.signal_group(signal.SIGKILL)  # anything it started
        failed = self._interrupted(worker)
        code = worker.proc.returncode
        how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit {code}"
        self.stderr.write(f"The task worker stopped ({how}); {failed} job(s) it was running "
                          "marked failed. Restarting it.")
        # One that dies at once again and again (a broken database, say) is restarted slower.
        failures = failures + 1 if time.monotonic() - worker.started < 10 else 0
        if failures:
            self._sleep(min(RESTART_BACKOFF_MAX, 2 ** failures))
        if self.stop_signal is not None:
            return worker, failures
        return self._start_worker(), failures

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while self.stop_signal is None and time.monotonic() < end:
            time.sleep(0.2)

    def _stop(self, children: list[Child]) -> None:
        for c in children:
            if c.proc.poll() is None:
                c.signal_group(signal.SIGTERM)
        deadline = time.monotonic() + self.grace + 2  # gunicorn's own graceful timeout first
        for c in children:
            try:
                c.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{c.name} did not stop within {self.grace} s: killed.")
            c.signal_group(signal.SIGKILL)  # what is left of its group (gunicorn's workers)
            if c.proc.poll() is None:
                c.proc.wait()
        for c in children:
            if c.worker_id:
                failed = self._interrupted(c)
                if failed:
                    self.stderr.write(f"{failed} job(s) interrupted by the stop marked failed.")

    def _cleanup(self) -> None:
        try:
            result = keptfiles.cleanup()
        except OSError as e:
            self.stderr.write(f"Clean-up of kept files failed: {e}")
            return
        if result.removed:
            self.stdout.write(f"Removed {len(result.removed)} expired upload(s)/export(s).")
