import weakref, gc
class O: pass
a, b = O(), O()
v = weakref.WeakValueDictionary({'a': a, 'b': b})
k = weakref.WeakKeyDictionary({a: 1, b: 2})
print(len(v), len(k), repr(v).split(' at ')[0], repr(k).split(' at ')[0])
v2 = v | {'c': a}; k2 = k | {b: 5}
print(sorted(v2.keys()), len(k2), k2[b], type(v2).__name__, type(k2).__name__)
v |= {'d': b}; k |= {a: 9}
print(sorted(v.keys()), k[a])
del b; gc.collect()
print(len(v), len(k), sorted(v.keys()))
v.clear(); k.clear(); print(len(v), len(k))
