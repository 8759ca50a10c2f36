def t(src):
    try:
        exec(src)
    except BaseException as e:
        print('->', repr(e), e.__context__ is not None, e.__suppress_context__)
t("""
try:
    raise ValueError(1)
except* ValueError as e:
    print(repr(e))
""")
t("""
try:
    raise ValueError(1)
except* ValueError as e:
    raise
""")
t("""
try:
    raise ValueError(1)
except* TypeError as e:
    raise
""")
t("""
try:
    raise ExceptionGroup('g', [ValueError(1), TypeError(2), ExceptionGroup('h', [ValueError(3), KeyError(4)])])
except* ValueError as e:
    print(repr(e))
    raise
except* TypeError as e:
    print(repr(e))
    raise RuntimeError('new')
""")
t("""
try:
    raise ExceptionGroup('g', [ValueError(1), TypeError(2)])
except* ValueError as e:
    raise KeyError('x')
""")
t("""
try:
    raise ValueError(1)
except* ValueError as e:
    raise KeyError('x')
""")
t("""
try:
    raise ExceptionGroup('g', [ValueError(1), TypeError(2)])
except* (ValueError, TypeError) as e:
    print(repr(e), e.exceptions)
""")
