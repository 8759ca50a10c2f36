e = ValueError('bad')
print(e.__suppress_context__, hasattr(e, '__notes__'))
e.add_note('first note')
e.add_note('second')
print(e.__notes__, e.with_traceback(None) is e)
try:
    e.add_note(5)
except TypeError as x:
    print('TypeError', x)
try:
    try:
        raise KeyError('k')
    except KeyError as k:
        raise ValueError('v') from k
except ValueError as v:
    print(v.__suppress_context__, repr(v.__cause__))
print(e.add_note('third'))
print(e.__notes__)
