"""Settings for the test suite: the real settings with a throw-away key and inline tasks."""

import os
import tempfile

os.environ.setdefault("XIEZUO_SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("XIEZUO_DATA_DIR", tempfile.mkdtemp(prefix="xiezuo-test-"))

from xiezuo.settings import *  # noqa: E402,F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
AXES_ENABLED = True
