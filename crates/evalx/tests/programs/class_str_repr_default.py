class A:
    def __str__(self):
        return "A-str"
a = A()
print(a, str(a), f"{a}", [a][0] is a, "%s" % a)
class B:
    def __repr__(self):
        return "B()"
print(B(), str(B()), [B()], f"{B()!r}")
