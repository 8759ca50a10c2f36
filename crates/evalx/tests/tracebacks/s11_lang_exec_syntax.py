src = "def f(a=1, b):\n    pass\n"
exec(src)
