# CPython names a method that takes no or exactly one argument by its qualified name (list.append());
# argument-clinic methods say "expected at most N", PyArg_ParseTuple ones "takes at least N argument".
def check(f):
    try:
        f()
    except TypeError as e:
        print(e)
def gen():
    yield 1
g = gen(); next(g)
check(lambda: g.send())
check(lambda: range(3).count())
check(lambda: range(3).index(1, 2))
for m in ["upper", "lower", "casefold", "capitalize", "swapcase", "title", "isdigit", "isdecimal", "isnumeric", "isalpha", "isalnum", "isascii", "isspace", "islower", "isupper", "istitle", "isidentifier", "isprintable"]:
    check(lambda: getattr("ab", m)(1))
for m in ["join", "zfill", "partition", "rpartition", "removeprefix", "removesuffix", "format_map", "translate"]:
    check(lambda: getattr("ab", m)())
    check(lambda: getattr("ab", m)(1, 2))
check(lambda: (1, 2).count())
check(lambda: [1].count())
check(lambda: (1, 2).index())
for m in ["append", "extend", "remove"]:
    check(lambda: getattr([], m)())
for m in ["clear", "copy", "reverse"]:
    check(lambda: getattr([], m)(1))
check(lambda: [].insert(1))
check(lambda: [].pop(1, 2))
for m in ["keys", "values", "items", "popitem", "clear", "copy"]:
    check(lambda: getattr({}, m)(1))
check(lambda: {}.get())
check(lambda: {}.pop())
check(lambda: {}.setdefault())
for s in [set(), frozenset()]:
    for m in ["add", "remove", "discard", "symmetric_difference", "symmetric_difference_update", "issubset", "issuperset", "isdisjoint"]:
        if hasattr(s, m):
            check(lambda: getattr(s, m)())
    for m in ["pop"]:
        if hasattr(s, m):
            check(lambda: getattr(s, m)(1))
check(lambda: (5).bit_length(1))
check(lambda: True.bit_count(1))
check(lambda: (1.5).is_integer(1))
check(lambda: "".strip(1, 2))
check(lambda: "".replace(1))
check(lambda: "".find())
check(lambda: "".count())
check(lambda: "".startswith())
check(lambda: "".center())

for m in ["find","rfind","index","rindex","count","startswith","endswith"]:
    check(lambda: getattr("ab", m)())
    check(lambda: getattr("ab", m)(1,2,3,4))
check(lambda: [].index())
check(lambda: [].index(1,2,3,4))
check(lambda: ().index(1,2,3,4))
check(lambda: "".replace(1,2,3,4))
check(lambda: "".center(1,2,3))
check(lambda: "".strip(1,2,3))
check(lambda: {}.fromkeys())
[].append()
