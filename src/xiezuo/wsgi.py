import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiezuo.settings")
application = get_wsgi_application()

from xiezuo.core.serving import ready_to_serve  # noqa: E402 - after Django is set up

ready_to_serve()  # the start-up heap out of the collector's way (core/serving.py)
