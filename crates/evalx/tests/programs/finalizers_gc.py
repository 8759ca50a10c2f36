# Reference cycles: gc.collect() finds the unreachable ones, runs their __del__ and frees them.
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        print("del", self.name)


a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
wa = weakref.ref(a)
del a, b
print("cycle still alive:", wa() is not None)
print("collected", gc.collect())
print("cycle alive after collect:", wa() is not None)
print("second collect", gc.collect())

n = Node("self")
n.peer = n
del n
print("collected", gc.collect())


class Tree:
    def __init__(self, label, parent=None):
        self.label = label
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

    def __del__(self):
        print("tree", self.label)


root = Tree("root")
Tree("left", root)
Tree("right", root)
kept = root.children[0]
del root
print("collected", gc.collect())
print("kept", kept.label, kept.parent.label)
del kept
print("collected", gc.collect())

saved = []


class Lazarus:
    def __init__(self):
        self.me = self

    def __del__(self):
        print("lazarus del")
        saved.append(self)


z = Lazarus()
del z
print("collected", gc.collect())
print("saved", len(saved))
saved.clear()
print("collected", gc.collect())
print("end")
