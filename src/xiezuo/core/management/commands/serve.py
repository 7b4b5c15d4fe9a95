import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Xiezuo in production: gunicorn, static files through WhiteNoise, a task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("XIEZUO_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("XIEZUO_PORT", 8000)))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("XIEZUO_WORKERS", 3)))
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start the background task worker")

    def handle(self, *args, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "xiezuo.settings"), "XIEZUO_DATA_DIR": str(settings.DATA_DIR)}
        procs = [subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "xiezuo.wsgi:application",
             "--bind", f"{options['host']}:{options['port']}", "--workers", str(options["workers"]),
             "--access-logfile", "-", "--timeout", "120",
             # No ID number in the access log, even one a client put in a URL.
             "--logger-class", "xiezuo.core.access_log.PrivateLogger"], env=env)]
        if not options["no_worker"]:
            procs.append(subprocess.Popen([sys.executable, "-m", "xiezuo", "db_worker"], env=env))
        try:
            procs[0].wait()
        except KeyboardInterrupt:
            pass
        finally:
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in procs:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
