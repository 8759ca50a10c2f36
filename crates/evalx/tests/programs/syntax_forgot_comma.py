# CPython 3.11's "Perhaps you forgot a comma?" inside brackets (not after a comprehension's clauses or a soft
# keyword), the legacy print form inside brackets, and the bracket never closed at the end of the source.
cases = [
    "x = [1, 2\ny = 3\nz = {\n",
    "f(a b)\n",
    "x = (1 2,\n",
    "f(x, y z + 1)\n",
    "[a for a in b c]\n",
    "f(a=1 b=2)\n",
    "{'a': 1 'b': 2}\n",
    "print(x if y else z w)\n",
    "t = (a or b c)\n",
    "g(match x)\n",
    "h(print 'hi')\n",
    "k[1 2]\n",
    "m = {1 2}\n",
    "n = (x)(y z)\n",
    "p = (a -b c)\n",
    "q = [1,\n 2\n 3]\n",
    "r = f(x y\n",
]
for src in cases:
    try:
        compile(src, "case", "exec")
        print("no error")
    except SyntaxError as e:
        print(type(e).__name__, repr(e.msg), e.lineno, e.offset, e.end_offset if src.count("\n") == 1 else "-", repr(e.text.rstrip('\n')))
