def check(n):
    if n % 2:
        raise ValueError(f'odd {n}')
    raise TypeError(f'even {n}')
errors = []
for i in range(3):
    try:
        check(i)
    except Exception as e:
        errors.append(e)
try:
    raise ExceptionGroup('batch', errors)
except* TypeError as t:
    print('handled', t.exceptions)
    raise RuntimeError('replaced')
