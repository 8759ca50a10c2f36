# Interpreter behaviours the new modules rely on.
from abc import ABC
import types


class Base(ABC):
    pass


class Mid(Base):
    pass


class Plain:
    pass


Mid.register(Plain)
print(issubclass(Plain, Mid), issubclass(Plain, Base), isinstance(Plain(), Base))
print(b"ab\ncd\n".find(b"\n", 3), b"abcabc".find(b"c", 3, 5), b"aaaa".count(b"aa"), b"abcabc".count(b"c", 3), b"xyz".index(b"z", 1))
print(576460752303423488 / 12009599006321323, (2**80 + 1) / 2**27, -(10**25) / 7, 2**60 / 3, (2**53 + 1) / 1)
m = types.ModuleType('m')
m.attr = 1
del m.attr
print(hasattr(m, 'attr'))
try:
    del m.attr
except AttributeError as e:
    print('AttributeError', e)


def inner():
    raise KeyError('k')


try:
    try:
        inner()
    except KeyError as e:
        err = e
        raise
except KeyError as e2:
    print(e2 is err, e2.__traceback__.tb_frame.f_code.co_name, e2.__traceback__.tb_next.tb_frame.f_code.co_name)
