import pdb


def inner(v):
    return 10 // v


def outer(v):
    w = v + 1
    return inner(v)


try:
    outer(0)
except ZeroDivisionError:
    pdb.post_mortem()
print("after first")
try:
    outer(0)
except ZeroDivisionError:
    pdb.post_mortem()
print("after second")
try:
    pdb.post_mortem()
except ValueError as e:
    print("ValueError:", e)
try:
    pdb.pm()
except AttributeError as e:
    print("AttributeError:", e)
