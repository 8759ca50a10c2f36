from __future__ import annotations


def gen(items):
    # Under the future import an annotation is never run, so a yield in it is an error.
    total: int | (yield items) = 0
    return total
