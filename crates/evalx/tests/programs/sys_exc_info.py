import sys
print(sys.exc_info())
def inner():
    t, v, tb = sys.exc_info()
    return t.__name__, str(v), v is sys.exception()
try:
    1 / 0
except ZeroDivisionError as e:
    t, v, tb = sys.exc_info()
    print(t, v, v is e, tb is e.__traceback__, inner())
    try:
        raise KeyError('k')
    except KeyError:
        print(sys.exc_info()[0].__name__, repr(sys.exc_info()[1]))
    print(sys.exc_info()[0].__name__)
print(sys.exc_info())
try:
    raise ValueError('v')
except ValueError:
    a = sys.exc_info()[1]
    b = sys.exc_info()[1]
    print(a is b, a.args)
def gen():
    try:
        raise IndexError('i')
    except IndexError:
        yield sys.exc_info()[0].__name__
print(list(gen()), sys.exc_info())
print(hasattr(sys, 'exception'))
print(sys.exception())
try:
    {}['a']
except KeyError as e:
    print(repr(sys.exception()), sys.exception() is e)
