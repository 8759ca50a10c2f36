# compile(): modes, sources, code objects that exec/eval run, and CPython's errors for bad arguments.
# (Null bytes in source: 3.11.2 raises ValueError, later 3.11 releases SyntaxError; evalx does the latter.)
import types


def attempt(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
    else:
        print("ok", type(r).__name__)


# Bad modes and arguments.
attempt(lambda: compile("1", "f", "bad"))
attempt(lambda: compile(1, "f", "exec"))
attempt(lambda: compile(None, "f", "exec"))
attempt(lambda: compile("1"))
attempt(lambda: compile("1", "f"))
attempt(lambda: compile())
attempt(lambda: compile("1", 1, "exec"))
attempt(lambda: compile("1", None, "exec"))
attempt(lambda: compile("1", "f", 1))
attempt(lambda: compile("1", "f", "exec", 1 << 30))
attempt(lambda: compile("1", "f", "exec", 0x100))
attempt(lambda: compile("1", "f", "exec", -1))
attempt(lambda: compile("1", "f", "exec", 0x10))
attempt(lambda: compile("1", "f", "exec", 0x4000 | 0x200 | 0x1000))
attempt(lambda: compile("1", "f", "exec", 0x1000000))
attempt(lambda: compile("1", "f", "exec", 0, False, 5))
attempt(lambda: compile("1", "f", "exec", 0, False, -2))
attempt(lambda: compile("1", "f", "exec", 0, False, 2))
attempt(lambda: compile("1", "f", "exec", 0, True, 0))
attempt(lambda: compile("1", "f", "exec", 0, False, -1, 7))
attempt(lambda: compile("1", "f", "exec", flags="x"))
attempt(lambda: compile("1", "f", "exec", optimize=1.5))
attempt(lambda: compile("1", "f", "exec", dont_inherit="x"))
attempt(lambda: compile("1", "f", "exec", 2**70))
attempt(lambda: compile("1", "f", "exec", foo=1))
attempt(lambda: compile("1", "f", "exec", source="x"))
attempt(lambda: compile(source="1", filename="f", mode="eval"))
attempt(lambda: compile("1", "f\0", "exec"))
attempt(lambda: compile(bytearray(b"1 + 1"), "f", "eval"))

# Syntax errors carry the file name given.
for src, mode in [
    ("x = (", "exec"),
    ("x = 1", "eval"),
    ("return 1", "exec"),
    ("", "eval"),
    ("", "single"),
    ("a=1\nb=2", "single"),
    ("\n\na=1\nb=2", "single"),
    ("1;2\n3", "single"),
    ("if 1:\n  pass\nb=2", "single"),
    ("  3", "eval"),
    ("\t3", "eval"),
    ("# c\n  3", "eval"),
    ("\n\n  3  \n", "eval"),
    ("  x = 1", "exec"),
]:
    try:
        compile(src, "named.py", mode)
        print(repr(src), mode, "compiles")
    except SyntaxError as e:
        print(repr(src), mode, type(e).__name__, e.msg, e.filename, e.lineno, e.offset)
try:
    compile(b"\xff", "b.py", "exec")
except SyntaxError as e:
    print(e.msg)
try:
    eval("\n\n  3")
except SyntaxError as e:
    print(type(e).__name__, e)

# Code objects.
c = compile("x = 5\nprint('x is', x)", "myfile", "exec")
print(c.co_filename, c.co_name, c.co_qualname, c.co_firstlineno, type(c).__name__)
print(c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_nlocals, c.co_varnames)
print(repr(c).startswith("<code object <module> at 0x"), repr(c).endswith(', file "myfile", line 1>'))
print(type(c) is type(compile("1", "", "eval")), type(c) is types.CodeType, c == c)
print(isinstance(c, types.CodeType), "code" in dir(__builtins__))
print(compile("1", b"bytes_name", "eval").co_filename)
g = {}
print(exec(c, g), g["x"], sorted(g))
print(eval(c, {}))
e = compile("x * 2", "<e>", "eval")
print(eval(e, {"x": 21}), eval(e, {"x": "ab"}), exec(e, {"x": 21}))
print(eval(compile(b"\xef\xbb\xbf1 + 1", "bom", "eval")))
print(eval(compile("  \n3", "blank", "eval")))
print(eval(compile("[i * i for i in range(4)]", "lc", "eval")))
print(eval(compile("lambda a: a + 1", "lam", "eval"))(1))
ns = {}
exec(compile("def f(n):\n    return n * 3\n", "defs", "exec"), ns)
print(ns["f"](4), ns["f"].__name__)

# Single mode prints expression statements' reprs.
s = compile("x + 1", "<s>", "single")
print(eval(s, {"x": 1}))
exec(s, {"x": 2})
exec(compile("for i in range(2):\n    i\n", "e", "single"))
exec(compile("None", "e", "single"))
exec(compile("'s'", "e", "single"))
exec(compile("y = 3; y", "e", "single"))
exec(compile("1\n\n", "e", "single"))
exec(compile("if True:\n    'yes'\n", "e", "single"))


# The caller's namespaces when none are given.
def f():
    y = 3
    return eval(compile("y + 1", "in", "eval"))


print(f())
z = 10
exec(compile("z += 1", "mod", "exec"))
print(z)

# Restricted builtins apply to compiled code too.
try:
    exec(compile("len([])", "r", "exec"), {"__builtins__": {}})
except NameError as err:
    print("NameError:", err)
code = compile("print('run', n)", "loop", "exec")
for n in range(3):
    exec(code)
