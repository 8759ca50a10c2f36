try:
    raise ExceptionGroup('two', [ValueError('a'), KeyError('b')])
except* ValueError:
    raise RuntimeError('from the clause')
