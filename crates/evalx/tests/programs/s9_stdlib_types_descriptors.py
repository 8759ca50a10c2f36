# types: the descriptor types and MappingProxyType are the types of the objects a program meets.
import types
import collections.abc


class C:
    x = 1
    __slots__ = ("a",)


names = ["MappingProxyType", "GetSetDescriptorType", "MemberDescriptorType", "MethodDescriptorType",
         "WrapperDescriptorType", "MethodWrapperType", "ClassMethodDescriptorType", "DynamicClassAttribute",
         "BuiltinFunctionType", "BuiltinMethodType", "FunctionType", "MethodType"]
for n in names:
    print(n, getattr(types, n))
print(type(C.__dict__) is types.MappingProxyType, isinstance(C.__dict__, types.MappingProxyType))
cases = [("str.join", str.join), ("object.__init__", object.__init__), ("(1).__add__", (1).__add__),
         ("int.__add__", int.__add__), ("C.a", C.__dict__["a"]), ("[].append", [].append), ("len", len),
         ("dict.fromkeys", dict.fromkeys), ("object.__str__", object.__str__), ("'a'.upper", "a".upper),
         ("[].__len__", [].__len__), ("float.hex", float.hex), ("int.from_bytes", int.from_bytes),
         ("list.__len__", list.__len__), ("'a'.__eq__", "a".__eq__)]
for label, v in cases:
    print(label, type(v).__name__, [n for n in names if isinstance(v, getattr(types, n))],
          callable(v), isinstance(v, collections.abc.Callable))
print(str.join.__objclass__, int.__add__.__objclass__, (1).__add__.__objclass__, str.join.__get__("-")(["a", "b"]))
print(str.join.__get__(None, str) is not None, int.__add__.__get__(3)(4), str.upper.__get__("ab")())

mp = types.MappingProxyType({"a": 1})
print(mp, mp["a"], len(mp), list(mp), mp.get("b", 2), "a" in mp, type(mp).__name__, type(mp) is type(C.__dict__))
print(mp == {"a": 1}, mp.copy(), dict(mp.items()), mp | {"b": 2})
for bad in [lambda: mp.__setitem__("b", 2), lambda: types.MappingProxyType([1]), lambda: types.MappingProxyType()]:
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
other = types.MappingProxyType(collections.OrderedDict(b=2))
print(other["b"], len(other), isinstance(other, types.MappingProxyType), type(other).__name__)


class D:
    @types.DynamicClassAttribute
    def name(self):
        "the name"
        return "dyn"

    @name.setter
    def name(self, v):
        print("set", v)


d = D()
print(d.name, D.__dict__["name"].__doc__)
d.name = 5
try:
    D.name
except AttributeError as e:
    print("AttributeError", repr(e))
try:
    del d.name
except AttributeError as e:
    print("AttributeError", e)
