# sys.exc_info()/sys.exception() in an except without 'as' carry the cause, context and traceback, so
# traceback.format_exception/print_exception show the whole chain.
import io, os, sys, traceback
try:
    try: 1/0
    except ZeroDivisionError as e: raise ValueError("v") from e
except ValueError:
    t, v, tb = sys.exc_info()
    print(repr(v.__cause__), repr(v.__context__), v.__suppress_context__)
    print(traceback.format_exception(t, v, tb)[-1], len(traceback.format_exception(t, v, tb)))
try:
    try: {}["x"]
    except KeyError: raise TypeError("t")
except TypeError:
    e = sys.exception(); print(repr(e.__context__), e.__cause__)
    buf = io.StringIO()
    traceback.print_exception(*sys.exc_info(), file=buf)
    print(buf.getvalue().replace(os.path.abspath(__file__), 'FILE').replace(__file__, 'FILE'))
