raise SyntaxError("bad thing", ("prog.py", 3, 5, "    x = ( 1\n", 3, 8))
