# Edges of the container fast paths (session 9): list slice stores with bounds on the stack and a
# temporary source moved over, tuple indexing inline, `in` scanning ints and strs inline, set(genexpr)
# filling its own table, min/max of ints.


def show(label, value):
    print(label, value)


# --- slice stores
xs = list(range(10))
xs[:4] = xs[3::-1]
show("reverse prefix", xs)
xs[2:5] = [9]
show("shrink", xs)
xs[1:1] = [7, 7, 7]
show("grow", xs)
xs[::2] = [0] * len(xs[::2])
show("extended", xs)
src = [1, 2, 3]
xs[1:4] = src
src.append(4)
show("copied, not shared", (xs, src))
xs[:] = xs
show("self", xs)
xs[0:2] = (5, 6)
show("from tuple", xs)
xs[-3:] = xs[-1:-4:-1]
show("negative bounds", xs)
xs[len(xs):] = [100] + [101]
show("append by slice", xs)
xs[3:1] = ["x"]
show("empty range", xs)
try:
    xs[::2] = [1]
except ValueError as e:
    show("ValueError", e)
try:
    xs[1:2] = 5
except TypeError as e:
    show("TypeError", e)
try:
    xs["a":] = [1]
except TypeError as e:
    show("TypeError", e)


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


ys = list(range(6))
ys[Idx(1):Idx(4)] = ys[Idx(3):Idx(0):-1]
show("__index__ bounds", ys)


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


zs = [Noisy("a"), Noisy("b")]
zs[0:1] = [Noisy("c")]
show("after replace", [z.name for z in zs])
zs[:] = []
show("cleared", zs)

# a temporary whose evaluation of the target changes the list
log = []


def target():
    log.append("target")
    return ws


ws = [1, 2, 3, 4]
target()[1:3] = [log.append("value") or 8, 9]
show("order", (log, ws))

# --- tuple indexing
t = (1, "two", 3.0, None)
show("tuple items", (t[0], t[1], t[-1], t[-4]))
for bad in (4, -5):
    try:
        t[bad]
    except IndexError as e:
        show("IndexError", e)
show("tuple by bool", t[True])
show("tuple by big", (1, 2)[Idx(1)])

# --- `in` on lists and tuples
show("ints", (3 in [1, 2, 3], 4 in (1, 2, 3), 0 in []))
show("bool and float", (True in [0, 1], 1 in [True], 1.0 in [1], 1 in [1.0], 2 in [2.5, 2.0]))
show("strs", ("b" in ["a", "b"], "b" in ("a", 1, None), "ab" in ["a" + "b"], "c" in []))
show("mixed kinds", (None in [1, "a", None], 1 in ["1", None], "1" in [1]))
show("big ints", (2**70 in [1, 2**70], 1 in [2**70, 1]))


class Eq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("eq called with", other)
        return other == self.v

    __hash__ = None


show("__eq__ reached", 4 in [1, 2, Eq(4), 5])
show("__eq__ not needed", 1 in [1, Eq(9)])
long = list(range(5000))
show("long", (0 in long, 4999 in long, 5000 in long, "x" in long))

# --- set(genexpr) / frozenset(genexpr)
show("set", sorted(set(x % 7 for x in range(50))))
show("frozenset", sorted(frozenset(x * 3 % 11 for x in range(20))))
show("ordered ints", set(i * 8 for i in range(12)))
show("tuples", sorted(set((i % 3, i % 2) for i in range(12))))


class H:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, H) and self.v == other.v

    def __hash__(self):
        return self.v % 3

    def __repr__(self):
        return f"H({self.v})"


show("__eq__ members", sorted(set(H(i % 5) for i in range(20)), key=lambda h: h.v))
show("numbers that are equal", set(x for x in [1, True, 1.0, 2]))
try:
    set([] for _ in range(3))
except TypeError as e:
    show("TypeError", e)

# --- min / max of ints
show("min/max", (min([3, 1, 2]), max([3, 1, 2]), min({5, -2, 9}), max(x * x for x in range(-5, 3))))
show("mixed", (min([1, True, 0.5]), max([1, 2**70]), max([2, 2.0]), min([2.0, 2]), max([True, 1])))
show("default", (min([], default="none"), max([7])))
try:
    min([])
except ValueError as e:
    show("ValueError", e)
