# object()'s own special methods, and the reprs of classmethod/staticmethod/property (address-free).
import re

o = object()
print(o.__str__() == repr(o), o.__repr__() == repr(o), o.__format__('') == str(o))
print(o.__eq__(o), o.__eq__(1), o.__ne__(o), o.__hash__() == hash(o), o.__sizeof__())
print(o.__class__, o.__lt__(o), o.__reduce_ex__(2)[0].__name__)
print(type(object.__str__).__name__)
print(object.__str__(o) == repr(o))


def f():
    pass


addr = r'0x[0-9a-f]+'
print(re.fullmatch(r'<classmethod\(<function f at %s>\)>' % addr, repr(classmethod(f))) is not None)
print(re.fullmatch(r'<staticmethod\(<function f at %s>\)>' % addr, repr(staticmethod(f))) is not None)
print(re.fullmatch(r'<property object at %s>' % addr, repr(property(f))) is not None)
print(repr(classmethod(len)), repr(staticmethod(abs)))
print(repr(staticmethod(classmethod(len))))


class C:
    @classmethod
    def make(cls):
        return cls

    @staticmethod
    def helper():
        return 1


print(repr(C.__dict__['make']).startswith('<classmethod(<function C.make at 0x'))
print(repr(C.__dict__['helper']).startswith('<staticmethod(<function C.helper at 0x'))


# Misspelt attributes: str(e) never carries the suggestion (only the printed traceback does).
class A:
    def __init__(self):
        self.value = 1


for obj, name in [(A(), 'valeu'), (object(), '__str'), (A, 'valeu')]:
    try:
        getattr(obj, name)
    except AttributeError as e:
        print(str(e), e.name, e.obj is obj)
