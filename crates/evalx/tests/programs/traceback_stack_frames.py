# traceback.format_stack/extract_stack/print_stack from a given frame (sys._getframe) and from the current
# one; logging's stack_info and caller fields through the live frames.
import io
import logging
import os
import sys
import traceback


def clean(text):
    return text.replace(os.path.abspath(__file__), "FILE").replace(__file__, "FILE")


def inner():
    print(clean("".join(traceback.format_stack())))
    print(len(traceback.extract_stack()), traceback.extract_stack()[-1].name)
    f = sys._getframe(1)
    print(clean("".join(traceback.format_stack(f))))
    buf = io.StringIO()
    traceback.print_stack(limit=1, file=buf)
    print(clean(buf.getvalue()))


def outer():
    inner()


outer()
out = io.StringIO()
logging.basicConfig(stream=out, format="%(levelname)s %(funcName)s:%(lineno)d %(module)s %(message)s")


def work():
    logging.warning("in work")
    logging.getLogger("x").error("stack", stack_info=True)


work()
logging.warning("top")
print(clean(out.getvalue()))
