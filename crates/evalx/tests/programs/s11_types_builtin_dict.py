# Built-in types' class dicts hold CPython's descriptor objects.
import types
import inspect

d = int.__dict__
print(type(d).__name__)
for k in ['real', 'imag', 'numerator', 'bit_length', '__add__', '__new__', '__doc__']:
    print(k, type(d[k]).__name__)
print(list.__dict__['__hash__'], 'append' in vars(list), 'real' in vars(int))
print(sorted(n for n, v in vars(int).items() if isinstance(v, types.GetSetDescriptorType)))
print(sorted(n for n, v in vars(complex).items() if isinstance(v, types.MemberDescriptorType)))

r = int.__dict__['real']
print(repr(r), r.__name__, r.__qualname__, r.__objclass__)
print(r.__get__(5), int.real.__get__(True), int.numerator.__get__(7), int.denominator.__get__(7))
print(r.__get__(None, int) is not None)
print(isinstance(int.real, types.GetSetDescriptorType), isinstance(complex.real, types.MemberDescriptorType))
print(repr(complex.real), complex.__dict__['imag'].__get__(2 + 3j))
print(ValueError.args, BaseException.__dict__['args'].__get__(ValueError(1, 2)))

fk = dict.__dict__['fromkeys']
print(repr(fk), type(fk).__name__, isinstance(fk, types.ClassMethodDescriptorType))
print(fk(dict, 'ab'), fk.__get__(None, dict)('xy', 0), fk.__get__({}, None)('z'))

l = []
list.__dict__['append'](l, 1)
print(l, repr(list.__dict__['append']), isinstance(list.__dict__['append'], types.MethodDescriptorType))
print(isinstance(int.__dict__['__add__'], types.WrapperDescriptorType), int.__dict__['__add__'](2, 3))

for bad in [lambda: int.real.__get__('a'), lambda: int.real.__set__(5, 1),
            lambda: complex.real.__set__(1j, 1), lambda: int.real.__get__(None),
            lambda: fk(list, 'a'), lambda: fk(5, 'a')]:
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

class A(int):
    pass

print(A.real, 'real' in A.__dict__, A.real.__get__(A(4)))
print(inspect.isdatadescriptor(int.real), inspect.ismethoddescriptor(list.append),
      inspect.isgetsetdescriptor(int.real), inspect.ismemberdescriptor(complex.real))
print(sum(1 for v in vars(str).values() if callable(v)) > 40)
