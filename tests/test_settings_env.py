"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys


def _settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("XIEZUO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", "import xiezuo.settings as s; print(s.DEBUG, s.DATABASES['default']"
         "['ENGINE'], s.ALLOWED_HOSTS, s.DATA_DIR, s.SECRET_KEY[:6])"],
        env={**clean, **env}, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    proc = _settings({"XIEZUO_DATA_DIR": str(tmp_path)})
    assert proc.returncode != 0
    assert "refuses to start without a secret key" in proc.stderr
    assert "XIEZUO_SECRET_KEY" in proc.stderr and "XIEZUO_SECRET_KEY_FILE" in proc.stderr


def test_secret_key_from_a_file(tmp_path):
    (tmp_path / "key").write_text("abcdef-secret-from-file\n")
    proc = _settings({"XIEZUO_SECRET_KEY_FILE": str(tmp_path / "key"),
                      "XIEZUO_DATA_DIR": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[-1] == "abcdef"


def test_an_unreadable_key_file_is_named(tmp_path):
    proc = _settings({"XIEZUO_SECRET_KEY_FILE": str(tmp_path / "missing"),
                      "XIEZUO_DATA_DIR": str(tmp_path)})
    assert proc.returncode != 0 and "missing cannot be read" in proc.stderr


def test_debug_is_off_unless_asked_and_sqlite_lives_in_the_data_dir(tmp_path):
    proc = _settings({"XIEZUO_SECRET_KEY": "k" * 40, "XIEZUO_DATA_DIR": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("False django.db.backends.sqlite3")
    assert str(tmp_path) in proc.stdout


def test_database_url_and_allowed_hosts_from_the_environment(tmp_path):
    proc = _settings({"XIEZUO_SECRET_KEY": "k" * 40, "XIEZUO_DATA_DIR": str(tmp_path),
                      "DATABASE_URL": "postgres://u@db.example:5432/x",
                      "XIEZUO_ALLOWED_HOSTS": "xiezuo.example, other.example",
                      "XIEZUO_DEBUG": "1"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("True django.db.backends.postgresql")
    assert "['xiezuo.example', 'other.example']" in proc.stdout


def test_debug_without_a_key_starts_with_a_development_key(tmp_path):
    proc = _settings({"XIEZUO_DEBUG": "1", "XIEZUO_DATA_DIR": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[-1] == "insecu"
