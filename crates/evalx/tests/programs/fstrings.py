x = 3.14159
name = "World"
n = 42
print(f"Hello {name}!", f"{x:.2f}", f"{n:5d}|", f"{n:<5}|", f"{n:^7}|", f"{n:08.3f}")
print(f"{name!r}", f"{name!s:>8}", f"{{literal}}", f"{n + 1}", f"{'nested' + str(n)}")
print(f"{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#b} {1234567:,} {1234567:_} {0.25:%} {0.5:.1%}")
print(f"{x=}", f"{n = }", f"{x:e}", f"{x:g}", f"{1e20:g}", f"{123456789.0:g}")
w = 10
print(f"{name:>{w}}|", f"{x:.{2}f}", f"{'a':*^9}", f"{-5:+d} {5:+d} {5: d}")
