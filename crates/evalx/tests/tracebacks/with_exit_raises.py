# An exception raised by __exit__ when the block finished normally is reported at the `with` line.
class Guard:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        raise RuntimeError("exit failed")


def work():
    with Guard():
        x = 1
        y = x + 1
    return y


work()
