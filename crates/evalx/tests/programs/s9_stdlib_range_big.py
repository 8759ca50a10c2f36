# range beyond 64 bits: len, index, contains, slicing, reversed, equality, hashing and CPython's errors.
big = 10**20
r = range(big, big + 5)
print(r, len(r), r[0], r[-1], r[2:4], r[::-2], list(r), big + 3 in r, big + 5 in r, 3 in r)
print(r.index(big + 2), r.count(big + 4), r.count(1), r.start, r.stop, r.step, bool(r), bool(range(big, big)))
print(list(reversed(r)), type(iter(r)).__name__, type(reversed(r)).__name__, type(r) is range)
print(range(2**64)[-1], range(2**64)[2**63], range(-2**64, 0, 2**62)[1:3], len(range(2**62, 2**63 + 5)))
print(range(0, 2**70, 2**69), list(range(0, 2**70, 2**69)), range(2**63 - 2, 2**63 + 2)[1:])
print(range(5)[2**70:], range(big) == range(big), range(big) == range(big + 1), hash(range(big)) == hash(range(0, big)))
print(range(0, big, big) == range(0, 1), range(3, big, big) == range(3, 4), range(big, 0) == range(0))
print(sum(range(big, big + 3)), max(range(big, big + 3)), sorted(range(big, big - 3, -1)))
print(list(reversed(range(3))), list(reversed(range(10, 0, -3))), list(reversed(range(0))), type(reversed(range(3))).__name__)
print(list(reversed(range(2**63 - 3, 2**63 - 1))), list(reversed(range(-2**63, -2**63 + 2))))
print({range(big): 1}[range(big)], range(big, big + 10, 3)[1], -range(5, 2**70, 7)[-1] < 0)
for x in range(big, big + 2):
    print(x)
for bad in ["len(range(10**30))", "len(range(2**63))", "range(big)[big]", "range(big)[-big - 1]", "range(big)['a']",
            "r.index(5)", "r.index('a')", "range(big, big + 1, 0)", "range(1.5, big)", "len(range(-2**63, 2**63))",
            "range(5)[2**70]", "range(big)[::0]"]:
    try:
        print(bad, "->", eval(bad))
    except Exception as e:
        print(bad, "!!", type(e).__name__, e)
import copy
print(copy.copy(r) is r, copy.deepcopy(r) == r, r == range(big, big + 5), r != range(big, big + 6))
match range(big, big + 2):
    case [a, b]:
        print("sequence", b - a)
print(range(big).__len__ is not None, range(big, big + 3).__contains__(big + 1), range(big)[5:2:-1])
