"""What a server worker does once it has started, before its first request (`xiezuo.wsgi`).

A worker's heap after start-up (Django, every part's modules and URL configuration) is some
180,000 objects that live as long as the worker. Python's collector walks all of them in each
full collection, which comes every few dozen requests: ~100 ms added to whichever request
triggers it (seen as the plan dashboard's p95, once in about twenty requests). Frozen
(`gc.freeze()`, the standard library's way for long-lived start-up objects), they are left out
of every later collection; what requests create is still collected as before.
"""

import gc


def ready_to_serve() -> None:
    """Load what every request needs (the URL configuration imports every part's views), then
    move the start-up heap out of the collector's generations."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every part's urls and views
    gc.collect()
    gc.freeze()
