from xiezuo.regions.reference import load_reference


def load() -> dict[str, int]:
    return load_reference()
