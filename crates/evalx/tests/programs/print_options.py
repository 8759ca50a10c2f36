print(1, 2, 3, sep="-")
print("a", "b", sep="", end="!\n")
print("no newline", end="")
print()
print(sep=None, end=None)
print("x", sep=None)
try:
    print(1, sep=1)
except TypeError as e:
    print(e)
try:
    print(1, end=2)
except TypeError as e:
    print(e)
try:
    print(1, file=1)
except AttributeError as e:
    print(e)
class W:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
w = W()
print("to", "file", file=w)
print(w.parts)
print(print("inner"))
