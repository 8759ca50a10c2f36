# str(), bytes() and dict() argument checking, and the codecs behind str/bytes conversions (utf-8,
# ascii, latin-1; strict, replace, ignore and backslashreplace), with the messages CPython prints.
cases = ['str(1,2,3,4)', 'str(b"x","utf-8",3)', 'str(b"x", foo=1)', 'str(object=5)', 'str(b"x", errors="strict")',
         'str("a", "utf-8")', 'str(1, "utf-8")', 'str(1, 2)', 'str(encoding="utf-8")', 'str(b"\\xff", "utf-8")',
         'str(b"\\xff", "utf-8", "replace")', 'str(b"x", "latin-1")', 'str(b"x", "nope")', 'str(b"caf\\xc3\\xa9")',
         'bytes(1,"ascii")', 'bytes("a", errors="strict")', 'bytes("a","ascii",3)', 'bytes(x=1)',
         'bytes(source="a", encoding="ascii")', 'bytes(1,2,3,4)', 'bytes("é", "ascii")', 'bytes("é", "latin-1")',
         'bytes(errors="x")', 'bytes(3)', 'bytes([1, 2])', 'dict(1,2)', 'dict({}, {})',
         'b"\\xe2\\x82".decode()', 'b"a\\xc3(".decode("utf-8")', 'b"\\xff".decode("ascii")', 'b"\\xff".decode(errors="ignore")',
         'b"x".decode(1)', 'b"x".decode("utf-8", "strict", 3)', 'b"x".decode(foo=1)', 'b"\\xe9".decode("latin1")',
         '"é".encode()', '"é".encode("ascii")', '"a€".encode("latin-1")', '"😀".encode("ascii", "backslashreplace")',
         '"é".encode("ascii", "replace")', '"x".encode(1)', '"x".encode("utf-8", "strict", 3)', '"x".encode(foo=1)',
         '"x".encode("nope")', '"é".encode("ascii", "nope")', '"x".encode(encoding="ascii", errors="strict")',
         'str(b"x", None)', 'b"x".decode(errors=None)', 'bytes("a", "ascii", None)']
for c in cases:
    try:
        print(c, '=>', repr(eval(c)))
    except Exception as e:
        print(c, '->', type(e).__name__ + ':', e)
