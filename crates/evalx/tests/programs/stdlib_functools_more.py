import functools, collections.abc, numbers
class C:
    def __init__(self, n): self.n = n
    @functools.cached_property
    def heavy(self):
        print('computing', self.n); return self.n * 2
c = C(21); print(c.heavy, c.heavy, 'heavy' in vars(c)); del c.heavy; print(c.heavy)
print(type(C.heavy).__name__, C.heavy.attrname)
class S:
    __slots__ = ('a',)
    @functools.cached_property
    def p(self): return 1
try:
    S().p
except TypeError as e:
    print(e)
@functools.singledispatch
def show(x):
    return 'object ' + repr(x)
@show.register
def _(x: int):
    return 'int %d' % x
@show.register(list)
def _(x):
    return 'list of %d' % len(x)
@show.register
def _(x: float | str):
    return 'float or str ' + str(x)
@show.register(collections.abc.Mapping)
def _(x):
    return 'mapping ' + ','.join(x)
print(show(3), show(True), show([1, 2]), show(2.5), show('s'), show({'a': 1}), show(None), show.dispatch(bool).__name__)
print(show.registry[object] is show.__wrapped__, len(show.registry))
try:
    show()
except TypeError as e:
    print(e)
class Num:
    @functools.singledispatchmethod
    def neg(self, arg):
        raise NotImplementedError("cannot negate")
    @neg.register
    def _(self, arg: int):
        return -arg
    @neg.register
    def _(self, arg: bool):
        return not arg
print(Num().neg(5), Num().neg(True))
class Cell:
    def __init__(self): self.alive = False
    def set_state(self, state): self.alive = bool(state)
    set_alive = functools.partialmethod(set_state, True)
    set_dead = functools.partialmethod(set_state, False)
cl = Cell(); cl.set_alive(); print(cl.alive); cl.set_dead(); print(cl.alive)
class R:
    def __init__(self): self.items = [self]
    @functools.recursive_repr()
    def __repr__(self): return 'R(%r)' % self.items
print(repr(R()))
