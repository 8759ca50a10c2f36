    def __init__(self): self.v = [1]
c = C(); c2 = copy.deepcopy(c); c2.v.append(2); print(c.v, c2.v, type(c2).__name__)
c3 = copy.copy(c); print(c3.v is c.v)
shared = [1]
outer = [shared, shared]
dc = copy.deepcopy(outer); print(dc[0] is dc[1], dc[0] is shared)
cyc = [1]; cyc.append(cyc)
cc = copy.deepcopy(cyc); print(cc[1] is cc, cc is cyc)
t = (1, [2]); t2 = copy.deepcopy(t); print(t2, t2 is t, t2[1] is t[1], copy.deepcopy((1, 2)) is not None)
class H:
    def __init__(self, v): self.v = v
    def __deepcopy__(self, memo): return H('deep-' + str(self.v))
    def __copy__(self): return H('shallow-' + str(self.v))
print(copy.deepcopy(H(1)).v, copy.copy(H(2)).v, copy.copy({'a': [1]}), copy.copy({1, 2}), copy.deepcopy({'k': {1}}))
print(copy.copy(3), copy.deepcopy('s'), copy.Error.__name__, issubclass(copy.error, Exception))
