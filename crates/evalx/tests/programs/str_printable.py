# str.isprintable and repr(str) follow CPython's printable test (categories Cc, Cf, Cs, Co, Cn, Zl, Zp,
# and Zs other than the space are not printable; repr escapes exactly those).
samples = [
    "", "abc", " ", "a b", "\t", "\n", "\x00", "\x7f", "\x80", "\x9f", "\xa0", "\xad", "\xe9",
    "\u00ff", "\u0100", "\u1680", "\u2000", "\u200b", "\u200d", "\u2028", "\u2029", "\u202f",
    "\u3000", "\ue000", "\uf8ff", "\ufeff", "\ufff9", "\ufffd", "\ufffe", "\uffff", "\u0378",
    "\U0001f600", "\U000e0001", "\U000f0000", "\U0010ffff", "\U0001d400", "\u0301", "\u0600",
    "caf\u00e9", "\u4e2d\u6587", "x\uffffy", "'", '"', "'\"", "\\",
]
for s in samples:
    print(repr(s), s.isprintable(), ascii(s))
# Every code point below 0x800 and in 0x2000-0x20c0 (assigned before Unicode 14, as CPython 3.11 knows) that CPython considers printable, counted, and the ones it escapes.
printable = [c for c in list(range(0x800)) + list(range(0x2000, 0x20c0)) if chr(c).isprintable()]
print(len(printable))
escaped = [c for c in list(range(0x800)) + list(range(0x2000, 0x20c0)) if repr(chr(c)) != "'" + chr(c) + "'"]
print(len(escaped), escaped[:40])
print(repr("".join(chr(c) for c in range(0x2000, 0x2070))))
print([c for c in range(0xfff0, 0x10000) if chr(c).isprintable()])
print(str(["\uffff", "\x85", "\u00a0"]))
print({"k\u2028": "\u200e"})
