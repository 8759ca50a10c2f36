# A module whose code raises leaves sys.modules again; importing it again runs it again.
import sys
for attempt in range(2):
    try:
        import broken
    except ZeroDivisionError as e:
        print(attempt, type(e).__name__, e, "broken" in sys.modules)
import good
print(good.value, "broken" in sys.modules)
try:
    import badsyntax
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.filename.rsplit("/", 1)[-1])
