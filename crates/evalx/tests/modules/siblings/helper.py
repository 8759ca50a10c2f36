"""A sibling module."""
COUNT = 3
loads = 0
loads += 1
__all__ = ["exported", "double"]


def double(x):
    return 2 * x


def exported():
    return "exported"


def hidden():
    return "hidden"
