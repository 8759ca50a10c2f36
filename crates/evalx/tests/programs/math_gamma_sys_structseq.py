import sys, math
print(sys.version_info[:2], sys.version_info >= (3, 8), sys.version_info.major, isinstance(sys.version_info, tuple), type(sys.version_info))
print(sys.float_info, sys.float_info.max, sys.float_info[0], sys.int_info, sys.hash_info.modulus, sys.float_info.n_fields)
print(repr(sys.version_info).replace('micro=0', 'micro=X').replace('micro=2', 'micro=X').replace('micro=7', 'micro=X'))
a, b, *_ = sys.version_info; print(a, b, len(sys.version_info), sys.version_info == (3, 11, sys.version_info.micro, 'final', 0))
try: sys.float_info.max = 1
except AttributeError as e: print('AttributeError')
for x in [0.0,-0.0,1e-320,-1e-320,171.5,172,-171.5,-180.5,1e-20,0.5,-0.5,200.5,-200.5,2.0,1.0,-1.5,23,24,5.0, 4.9999, 141.2, -141.2, 4.5, 10, 1.5, 3.3, 7.77, -2.2, 30.1, 100.25, 0.001, -0.999]:
  for f in (math.gamma, math.lgamma):
    try: r=f(x)
    except Exception as e: r=type(e).__name__+':'+str(e)
    print(f.__name__, x, r)
