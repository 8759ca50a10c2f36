# __exit__ receives the exception's traceback (down from the `with` frame) as its third argument.
import traceback


class Show:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        print(exc_type.__name__ if exc_type else None, tb is None)
        if tb is not None:
            print(tb is exc.__traceback__, tb.tb_lineno, tb.tb_frame.f_code.co_name)
            for line in traceback.format_exception(exc):
                print(line.replace(__file__, "FILE"), end="")
        return True


def inner(n):
    raise ValueError(n)


def outer():
    with Show():
        inner(0)
    with Show():
        pass
    with Show():
        raise KeyError("k")


outer()
