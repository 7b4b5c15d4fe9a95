"""The ID-number key must be configured in production: `check --deploy` warns, `serve` refuses."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError

from xiezuo.registry import crypto


def _deploy_ids():
    return {m.id for m in checks.run_checks(include_deployment_checks=True)}


def test_check_deploy_warns_when_the_field_key_is_missing(settings):
    settings.DEBUG, settings.FIELD_ENCRYPTION_KEY = False, ""
    assert "xiezuo.W001" in _deploy_ids()
    settings.FIELD_ENCRYPTION_KEY = crypto.new_field_key()
    assert "xiezuo.W001" not in _deploy_ids()


def test_serve_refuses_to_start_without_a_field_key(settings, monkeypatch):
    import subprocess

    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: started.append(a))
    settings.DEBUG, settings.FIELD_ENCRYPTION_KEY = False, ""
    with pytest.raises(CommandError, match="XIEZUO_FIELD_KEY"):
        call_command("serve")
    assert started == []


def test_a_debug_machine_may_run_without_a_field_key(settings):
    settings.DEBUG, settings.FIELD_ENCRYPTION_KEY = True, ""
    assert "xiezuo.W001" not in _deploy_ids()


def test_the_key_made_for_an_old_demo_opens_what_the_secret_key_encrypted():
    secret = "an-old-demo-secret-key-0123456789"
    derived = crypto.field_key_derived_from(secret)
    assert crypto.FieldKeys(field_key=derived).same_as(crypto.FieldKeys(secret_key=secret))
    blob = crypto.FieldKeys(secret_key=secret).encrypt("62112419800101001X")
    assert crypto.FieldKeys(field_key=derived).decrypt(blob) == "62112419800101001X"
