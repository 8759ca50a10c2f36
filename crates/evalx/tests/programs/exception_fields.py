# The fields of Unicode errors (made by the codecs or by hand: encoding, object, start, end, reason and
# the message built from them), SyntaxError(msg, details) and its attributes, and checked constructor args.
e = UnicodeDecodeError("utf-8", b"a\xff", 1, 2, "bad")
print(str(e), e.args)
try:
    b"a\xff".decode()
except UnicodeDecodeError as e:
    print(e.args)
    print(e.encoding, e.object, e.start, e.end, e.reason)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason, str(e))
s = SyntaxError("bad thing", ("f.py", 3, 4, "x = (\n", 3, 5))
print(s.msg, s.filename, s.lineno, s.offset, repr(s.text), s.end_lineno, s.end_offset, s.print_file_and_line, str(s), s.args)
s2 = SyntaxError("only")
print(s2.msg, s2.filename, s2.lineno, str(s2))
try:
    compile("x = (", "f.py", "exec")
except SyntaxError as e:
    print(e.msg, e.filename, e.lineno, e.offset, e.end_lineno)
try:
    UnicodeDecodeError("utf-8", "str", 0, 1, "r")
except TypeError as e:
    print(e)
print(ExceptionGroup.__module__, ExceptionGroup("m", [ValueError()]).__weakref__)
for bad in [(), ("utf-8", b"x", "0", 1, "r"), (1, b"x", 0, 1, "r")]:
    try:
        UnicodeDecodeError(*bad)
    except TypeError as e:
        print(e)
e = UnicodeEncodeError("ascii", "a\u20acb\U0001f600", 1, 2, "nope")
print(str(e), e.object, e.start)
print(str(UnicodeEncodeError("ascii", "abc", 0, 3, "r")), str(UnicodeDecodeError("x", b"abc", 0, 2, "r")))
