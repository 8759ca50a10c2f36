import re

bad = [
    "a(b", "a)b", "*a", "a**", "[abc", "\\q", "(?P<1x>a)", "(?P<n>a)(?P<n>b)", "(?P=zz)",
    "\\3(a)", "(a)\\2", "(?<=a+)b", "b{3,1}", "(?z)", "a(?i)b", "[z-a]", "(?P", "(?Px)",
    "(?<x)", "(?#unterminated", "x{99999999999}", "\\", "(?(3)a|b)", "(a)(?(1)a|b|c)",
    "[\\w-z]", "\\x4", "\\u12", "\\777", "(?i-i:a)", "(?-a:x)", "^*", "(?P<n>a)(?P=n", "a|*",
    "ab\n(c", "(a(b)\\2)", "(?P<a>x)\\g<a>",
]
for p in bad:
    try:
        re.compile(p)
        print("ok", repr(p))
    except OverflowError as e:
        print(repr(p), "-> OverflowError", e)
    except re.error as e:
        print(repr(p), "->", e, "|", e.msg, e.pos, e.lineno, e.colno, e.pattern == p)

for p, r in [(r"(a)", r"\2"), (r"(a)", r"\g<x>"), (r"(a)", r"\g<1"), (r"(a)", r"\q"), (r"(a)", "\\"),
             (r"(a)", r"\g<>"), (r"(?P<n>a)", r"\g<n!>")]:
    try:
        print(re.sub(p, r, "abc"))
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)

for f in [lambda: re.compile("a", re.L), lambda: re.compile(b"a", re.U), lambda: re.compile("a", re.A | re.U),
          lambda: re.match("a", b"a"), lambda: re.match(b"a", "a"), lambda: re.match("a", 5),
          lambda: re.compile(re.compile("a"), re.I), lambda: re.compile(5),
          lambda: re.match("(a)", "a").group(2), lambda: re.match("(a)", "a").group("x"),
          lambda: re.match("(a)", "a").start(5), lambda: re.escape(5)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

print(isinstance(re.error("x"), Exception), re.error.__name__, re.error("boom").pos)
print(type(re.compile("a")).__name__, type(re.match("a", "a")).__name__)
try:
    raise re.error("custom", "pat", 1)
except re.error as e:
    print(e, e.msg, e.pattern, e.pos)
