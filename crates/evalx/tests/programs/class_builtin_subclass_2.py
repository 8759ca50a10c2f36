class S:
    __slots__ = ('a',)
class C:
    x = 1
    def m(self): pass
print(type(vars(C)).__name__, 'x' in vars(C), sorted(k for k in C.__dict__ if not k.startswith('__')))
print(len(C.__dict__) > 2, C.__dict__.get('x'), list(C.__dict__.keys())[:2])
try:
    vars(S())
except TypeError as e:
    print("TypeError:", e)
class L(list): pass
l = L([3, 1, 2]); l.sort(); print(l, l[1:], l + [9], type(l + [9]).__name__, l * 2, reversed(l) is not None, L() == [])
class D(dict): pass
d = D({'a': 1}); d.update(b=2); print(d, dict(d), {**d}, list(d), d.keys(), isinstance(d, dict), len(d))
import json
class I(int): pass
print(I(3) + I(4), I(7) // 2, -I(3), abs(I(-3)), I(5) > 3, hash(I(5)) == hash(5), str(I(9)), f"{I(10):>4}")
class St(str): pass
print(St("a,b").split(","), St("x") * 3, "%s!" % St("y"), St("abc")[1], "b" in St("abc"), St("q").join(["1", "2"]))
