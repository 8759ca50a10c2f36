# The name a NameError, ImportError or AttributeError the interpreter raises is about.
for code in ["import nonexistent_mod", "from math import nosuch", "undefined_thing", "(1).foo",
             "def f():\n    x\n    x = 1\nf()", "import math; math.nope", "raise NameError('custom')",
             "raise AttributeError('plain')", "import os.nothing_here"]:
    try:
        exec(code)
    except (ImportError, NameError, AttributeError) as e:
        print(type(e).__name__, repr(e.name))
