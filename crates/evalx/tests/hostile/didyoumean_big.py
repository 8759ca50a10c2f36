# cpython: error: NameError
# evalx: --max-time 100
g = {('n%d' % i): i for i in range(300000)}
exec('n_99999999x', g)
