# An exception raised in __del__ is printed as "Exception ignored in: ..." on sys.stderr and does not
# propagate; resurrection keeps the object, and its __del__ is not called a second time.
import io
import re
import sys


def shown(text):
    text = re.sub(r'File ".*[/\\]', 'File "', text)
    return re.sub(r"0x[0-9a-f]+", "0x...", text)


class Bad:
    def __del__(self):
        raise ValueError("boom in del")


err = io.StringIO()
sys.stderr = err
b = Bad()
del b
print("after bad del")
sys.stderr = sys.__stderr__
print(shown(err.getvalue()), end="")

saved = []


class Phoenix:
    calls = 0

    def __init__(self, n):
        self.n = n

    def __del__(self):
        Phoenix.calls += 1
        print("phoenix del", self.n, "calls", Phoenix.calls)
        saved.append(self)


p = Phoenix(1)
del p
print("resurrected:", len(saved), saved[0].n)
saved.clear()
print("cleared, calls", Phoenix.calls)


class Attr:
    def __del__(self):
        print("attr del sees", self.__dict__)


x = Attr()
x.value = 42
x.other = "text"
del x


class Chain:
    def __init__(self, n, nxt):
        self.n = n
        self.nxt = nxt

    def __del__(self):
        print("chain", self.n)


head = None
for i in range(5):
    head = Chain(i, head)
head = None
print("chain gone")

class Undeletable:
    def __del__(self):
        print("deleting", self.missing)


err = io.StringIO()
sys.stderr = err
u = Undeletable()
u = 0
sys.stderr = sys.__stderr__
print(shown(err.getvalue()), end="")
print("done")
