"""The production static-file storage, forgiving before `collectstatic`.

`xiezuo serve` collects the static files (hashed names, compressed, served by WhiteNoise with
long cache lifetimes). A process started without them (`xiezuo runserver`, a fresh checkout)
used to answer 500 on every page for a missing manifest entry; now a name the manifest lacks is
given unhashed, and WhiteNoise serves it from the package (WHITENOISE_USE_FINDERS).
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStorageOrPlain(CompressedManifestStaticFilesStorage):
    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name  # not collected (yet): the plain name, served from the package
