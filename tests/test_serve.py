"""`xiezuo serve` in a real subprocess on a free port with a temporary SQLite database: SIGTERM and
SIGINT stop gunicorn and the task worker (no child left), a worker that dies is restarted and
the job it ran is marked failed, a task interrupted by the stop is marked failed, and slow
clients do not stall a 2-worker serve."""

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from xiezuo.core.management.commands.serve import gunicorn_argv

ROOT = Path(__file__).resolve().parents[1]

SETUP = textwrap.dedent("""
    import sys
    import django
    django.setup()
    from django.core.management import call_command
    if sys.argv[1] == "migrate":
        call_command("migrate", verbosity=0)
        from xiezuo.accounts.models import User
        User.objects.create_user(username="serve-test", password="pw-serve-12345")
        sys.exit(0)
    from xiezuo.accounts.models import User
    from xiezuo.core.jobs import job_create
    from serve_tasks import slow_task
    user = User.objects.get(username="serve-test")
    for i in range(int(sys.argv[2])):
        job = job_create(kind="test.slow", title=f"slow {i}", user=user)
        slow_task.enqueue(job_id=str(job.pk))
        print(job.pk, flush=True)
""")


def _env(data_dir: Path) -> dict:
    env = {**os.environ, "XIEZUO_DATA_DIR": str(data_dir),
           "XIEZUO_SECRET_KEY": "serve-test-secret-key-0123456789",
           # serve refuses to start without the ID-number key (tests/test_field_key_required.py)
           "XIEZUO_FIELD_KEY": "c2VydmUtdGVzdC1maWVsZC1rZXktMDEyMzQ1Njc4OWE=",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]),
           "DJANGO_SETTINGS_MODULE": "xiezuo.settings"}
    for var in ("DATABASE_URL", "XIEZUO_DEBUG"):
        env.pop(var, None)
    return env


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A migrated SQLite database with one user, made once and copied for each test."""
    base = tmp_path_factory.mktemp("serve-template")
    script = base / "setup.py"
    script.write_text(SETUP, "utf-8")
    subprocess.run([sys.executable, str(script), "migrate"], env=_env(base / "data"), check=True,
                   timeout=300)
    return base


@pytest.fixture
def site(migrated, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(migrated / "data" / "xiezuo.sqlite3", data / "xiezuo.sqlite3")
    return {"data": data, "env": _env(data), "setup": migrated / "setup.py"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _descendants(pid: int) -> dict[int, str]:
    """pid -> command line of every live process below pid (read from /proc)."""
    parents: dict[int, int] = {}
    cmd: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z":
            parents[int(entry.name)] = int(fields[1])
    out, todo = {}, [pid]
    while todo:
        p = todo.pop()
        for child, parent in parents.items():
            if parent == p and child not in out:
                out[child] = cmd.get(child, "")
                todo.append(child)
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _wait(what, predicate, timeout: float = 90):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _status(data: Path, job_id: str) -> tuple[str, str]:
    db = sqlite3.connect(data / "xiezuo.sqlite3", timeout=30)
    try:
        job = db.execute("SELECT status FROM core_job WHERE id = ?", [job_id.replace("-", "")]
                         ).fetchone()
        task = db.execute("SELECT status FROM django_tasks_database_dbtaskresult WHERE "
                          "args_kwargs LIKE ?", [f"%{job_id}%"]).fetchone()
    finally:
        db.close()
    return (job[0] if job else "", task[0] if task else "")


def _get(port: int, path: str = "/accounts/login/", timeout: float = 10) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
        return r.status


def _serve(site, *args) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    log = (site["data"].parent / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "xiezuo", "serve", "--port", str(port), *args],
                            env=site["env"], stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        _wait("the site to answer", lambda: _answers(port, proc), timeout=120)
    except AssertionError:
        _kill_all(proc)
        raise AssertionError((site["data"].parent / "serve.log").read_text()) from None
    return proc, port


def _answers(port: int, proc: subprocess.Popen) -> bool:
    if proc.poll() is not None:
        raise AssertionError(f"serve exited with {proc.returncode}")
    try:
        return _get(port, timeout=2) == 200
    except OSError:
        return False


def _kill_all(proc: subprocess.Popen) -> None:
    """Clean-up after a failed test: whatever is left below serve, then serve."""
    for pid in _descendants(proc.pid):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _workers(proc) -> dict[int, str]:
    return {p: c for p, c in _descendants(proc.pid).items() if "db_worker" in c}


@pytest.mark.parametrize(("kill", "stop"), [(signal.SIGKILL, signal.SIGTERM),
                                            (signal.SIGABRT, signal.SIGINT)],
                         ids=["worker-sigkill-then-sigterm", "worker-sigabrt-then-sigint"])
def test_a_dead_worker_is_restarted_its_job_failed_and_the_stop_leaves_no_child(site, kill, stop):
    made = subprocess.run([sys.executable, str(site["setup"]), "enqueue", "2"], env=site["env"],
                          capture_output=True, text=True, timeout=120, check=True)
    first, second = made.stdout.split()
    proc, port = _serve(site, "--workers", "2", "--grace", "2")
    try:
        _wait("the first job to run", lambda: _status(site["data"], first) == ("running",
                                                                                 "RUNNING"))
        (old_worker,) = _workers(proc)
        os.kill(old_worker, kill)
        _wait("the first job to be marked failed",
              lambda: _status(site["data"], first) == ("failed", "FAILED"))
        _wait("the restarted worker to take the second job",
              lambda: _status(site["data"], second) == ("running", "RUNNING"))
        (new_worker,) = _workers(proc)
        assert new_worker != old_worker
        children = _descendants(proc.pid)
        assert any("gunicorn" in c for c in children.values())
        assert _get(port) == 200

        os.kill(proc.pid, stop)
        assert proc.wait(timeout=60) == 0
        _wait("every child of serve to stop",
              lambda: not [p for p in children if _alive(p)], timeout=15)
        # The stop interrupted the second task mid-way: failed, not left running.
        assert _status(site["data"], second) == ("failed", "FAILED")
    finally:
        _kill_all(proc)


def test_three_slow_clients_do_not_stall_a_two_worker_serve(site):
    # Also: serve cleans up expired kept files when it starts.
    expired = site["data"] / "uploads" / "pending" / "old" / "roster.xlsx"
    expired.parent.mkdir(parents=True)
    expired.write_bytes(b"x")
    two_days_ago = time.time() - 48 * 3600
    for p in (expired, expired.parent):
        os.utime(p, (two_days_ago, two_days_ago))
    proc, port = _serve(site, "--workers", "2", "--no-worker", "--grace", "2")
    assert not expired.parent.exists()
    slow = []
    try:
        for _ in range(3):  # headers begun, never finished
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            slow.append(s)
        time.sleep(1)
        started = time.monotonic()
        for _ in range(3):
            assert _get(port, timeout=10) == 200
        assert time.monotonic() - started < 8
        children = _descendants(proc.pid)
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        _wait("every child of serve to stop",
              lambda: not [p for p in children if _alive(p)], timeout=15)
    finally:
        for s in slow:
            s.close()
        _kill_all(proc)


def test_each_serve_runs_gunicorn_without_the_shared_control_socket():
    argv = gunicorn_argv(host="127.0.0.1", port=8000, workers=2, threads=4, grace=10)
    assert "--no-control-socket" in argv
    assert argv[argv.index("--worker-class") + 1] == "gthread"


def test_a_worker_freezes_its_start_up_heap_before_serving(tmp_path):
    """Loading xiezuo.wsgi (what each gunicorn worker does) loads the URL configuration and
    moves the start-up heap out of the garbage collector's generations (core/serving.py), so a
    full collection during a request no longer walks Django and every part's modules."""
    code = ("import gc, xiezuo.wsgi, sys\n"
            "from django.urls import get_resolver\n"
            "print(gc.get_freeze_count(), 'xiezuo.plan.views' in sys.modules)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "xiezuo.settings",
           "XIEZUO_DATA_DIR": str(tmp_path), "XIEZUO_SECRET_KEY": "serve-test-only"}
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    assert int(out[0]) > 50_000 and out[1] == "True"
