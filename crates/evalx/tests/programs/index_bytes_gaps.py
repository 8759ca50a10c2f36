# Sequence index() bounds through __index__, and bytes()/bytearray() refusing what they cannot convert.
class Idx:
    def __index__(self): return 1
print((1,2,3).index(2, Idx()))
print((1,2,3,2).index(2, Idx(), Idx().__index__()+5))
print([1,2,3].index(2, Idx()))
print((1,2,3).count(2))
for o in [object(), 1.5, None]:
    try:
        bytes(o)
    except TypeError as e:
        print(e)
try:
    bytearray(1.5)
except TypeError as e:
    print(e)
try:
    bytes([1.5])
except TypeError as e:
    print(e)
try:
    bytes("x")
except TypeError as e:
    print(e)
