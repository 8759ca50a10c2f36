# weakref.getweakrefs / getweakrefcount: every live reference and proxy of an object, in CPython's order.
import weakref


class Obj:
    pass


a = Obj()
print(weakref.getweakrefs(a), weakref.getweakrefcount(a))


def cb(r):
    pass


r1 = weakref.ref(a, cb)
r2 = weakref.ref(a)
p = weakref.proxy(a)
r3 = weakref.ref(a, cb)
refs = weakref.getweakrefs(a)
print([type(x).__name__ for x in refs], weakref.getweakrefcount(a))
print(refs[0] is r2, refs[1] is p, refs[2] is r3, refs[3] is r1)
print(weakref.ref(a) is r2, len(weakref.getweakrefs(a)))
del refs, r3
print(len(weakref.getweakrefs(a)), weakref.getweakrefcount(a))
b = Obj()
rb = weakref.ref(b)
print(weakref.getweakrefs(b) == [rb], weakref.getweakrefcount(b))
del b
print(rb(), weakref.getweakrefs(rb))
print(weakref.getweakrefs(1), weakref.getweakrefcount("text"))
del p, r1, r2
print(weakref.getweakrefs(a), weakref.getweakrefcount(a))
