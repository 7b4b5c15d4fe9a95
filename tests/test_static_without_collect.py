"""`xiezuo runserver` (or any process) before `collectstatic` still serves the log-in page: the
production static storage falls back to the plain file name, which WhiteNoise serves from the
package, instead of answering 500 for a missing manifest entry."""

import pytest
from django.test import override_settings

PRODUCTION = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
              "staticfiles": {"BACKEND": "xiezuo.core.staticfiles.ManifestStorageOrPlain"}}


@pytest.mark.django_db
def test_the_login_page_answers_without_collected_static_files(client, tmp_path, settings):
    empty = tmp_path / "static"
    empty.mkdir()
    with override_settings(STORAGES=PRODUCTION, STATIC_ROOT=empty, DEBUG=False):
        response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'href="/static/' in response.content.decode()


@pytest.mark.django_db
def test_collected_static_files_keep_their_hashed_names(client, tmp_path):
    from django.core.management import call_command

    root = tmp_path / "static"
    with override_settings(STORAGES=PRODUCTION, STATIC_ROOT=root, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.templatetags.static import static

        url = static("vendor/htmx/htmx.min.js")
    assert url.startswith("/static/vendor/htmx/htmx.min.") and url != "/static/vendor/htmx/htmx.min.js"
