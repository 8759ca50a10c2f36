# SyntaxError details CPython 3.11 reports (found by probing): an unindent that matches no outer level
# points just past the end of its line; a generic error on a later line than a bracket still open at the
# end of the source reports the bracket instead.
cases = [
    "for i in range(3):\n    print(i)\n  print('bad')\n",
    "if x:\n        a\n    b = 1 + 2   \n",
    "x = (1,\n  2\nprint(x)\n",
    "x = [1,\n  2 +\n",
    "def f(:\n    pass\n",
]
for src in cases:
    try:
        compile(src, "case", "exec")
        print("no error")
    except SyntaxError as e:
        print(type(e).__name__, repr(e.msg), e.lineno, e.offset, repr(e.text.rstrip('\n')))
