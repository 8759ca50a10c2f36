class A:
    def __init__(self):
        super().__init__()
        self.x = 1
    def __repr__(self):
        return 'A(%d)' % self.x
    def __eq__(self, o):
        return isinstance(o, A) and o.x == self.x
    def __hash__(self):
        return 7
a = A()
print(a, a == A(), a != A(), hash(a), str(a), format(a, ''))
print(type.__name__, int.__add__(1, 2), type(a).__class__, A.__class__)
print(hasattr(A, '__add__'), hasattr(a, '__add__'), A.__class__ is type)


class B(A):
    def __len__(self):
        return 3

    def __getitem__(self, i):
        return [10, 20, 30][i]


b = B()
# the built-in values a user method returns keep their dunders
print(b.__len__(), b.__getitem__(1), b.__repr__().__len__(), [b.x].__add__([2]))
print(len(b), b[2], list(b.__class__.__mro__).__len__())
