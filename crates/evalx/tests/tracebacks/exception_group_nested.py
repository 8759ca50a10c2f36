def f():
    raise ValueError('in f')
def g():
    excs = []
    for fn in (f,):
        try:
            fn()
        except Exception as e:
            excs.append(e)
    excs.append(TypeError('plain'))
    excs.append(ExceptionGroup('nested', [KeyError('k')]))
    raise ExceptionGroup('many', excs)
g()
