import reprlib
print(reprlib.repr(list(range(100))), reprlib.repr('x' * 100), reprlib.repr(2 ** 200), reprlib.repr({i: i for i in range(10)}))
print(reprlib.repr(set(range(20))), reprlib.repr((1,)), reprlib.repr([[[[[[[1]]]]]]]), reprlib.repr(frozenset()), reprlib.repr(tuple(range(10))))
r = reprlib.Repr(); r.maxlist = 2; r.maxstring = 10
print(r.repr([1, 2, 3]), r.repr('abcdefghijklmnop'), r.repr(object)[:14])
class Node:
    def __init__(self): self.children = [self]
    @reprlib.recursive_repr()
    def __repr__(self): return 'Node(%r)' % self.children
print(Node())
