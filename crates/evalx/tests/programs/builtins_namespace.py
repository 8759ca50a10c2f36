# The builtins namespace holds no iterator or view type names that CPython's lacks; the types stay reachable.
import sys
names = set(__builtins__.keys() if isinstance(__builtins__, dict) else dir(__builtins__))
for n in ["list_iterator", "tuple_iterator", "set_iterator", "range_iterator", "callable_iterator", "iterator",
          "list_reverseiterator", "str_ascii_iterator", "dict_keys", "dict_keyiterator"]:
    print(n, n in names)
for n in ["enumerate", "zip", "map", "filter", "input", "hash", "iter"]:
    print(n, n in names)
print(type(iter([])).__name__, type(iter(())).__name__, type(iter(range(3))).__name__, type(iter({1})).__name__)
print(type(reversed([])).__name__, type({}.keys()).__name__, type(iter(lambda: 1, 1)).__name__)
try:
    list_iterator
except NameError as e:
    print(e)
