# A subclass of a built-in type reaches the built-in's __new__.
class D(dict):
    pass

class L(list):
    pass

x = dict.__new__(D)
print(type(x).__name__, x)
y = D.__new__(D)
print(type(y).__name__, y)
z = L.__new__(L)
print(type(z).__name__, z)
