print(1j, 2+3j, -1j, (1+2j)*(3-4j), (1+2j)/(3-4j), 1j**2, (1+1j)**0.5, (-1)**0.5, (-8)**(1/3))
print(abs(3+4j), (1+2j).conjugate(), (1+2j).real, (1+2j).imag, type(1j), complex, complex(1, 2), complex('1+2j'), complex(' (3-j) '))
print(hash(1+2j), hash(3+0j) == hash(3), 1+0j == 1, {1: 'a'}[1+0j], 0j or 'zero', bool(1j))
print(repr(complex(-0.0, 0.0)), complex(1e300, 1e-300), complex(float('inf'), float('nan')), 1e16j)
print(format(1+2j), format(1+2j, '.3f'), format(1.5-2.25j, '>20'), format(1j, '+'), format(1234567+1j, ',.2f'), f"{3-4j:^16.2e}", f"{1+2j:g}")
print(complex(1j, 1j), complex(real=2), complex(imag=3), complex(2.5), complex(True))
for bad in ["complex('1+')", "complex('1', 2)", "complex(1, '2')", "complex([])", "1j // 2", "1j % 2", "1j < 2j", "0j ** -1", "1/0j", "int(1j)", "float(1j)", "format(1j, '05')", "format(1j, 'd')", "pow(1j, 2, 3)", "(1e200+1e200j)**4", "abs(complex(1e308, 1e308))", "round(1j)"]:
    try:
        print(eval(bad))
    except Exception as e:
        print(bad, type(e).__name__, e)
class N:
    def __complex__(self): return 2+5j
print(complex(N()), 2 * (1+1j), (1+1j) - 1, 1 - (1+1j), 2 ** (1+1j), 10**100 * 1j)
print(sum([1j, 2, 3.5]), [1j, 2j][::-1], (1j).__add__(1), (1j).__radd__(2), divmod.__name__)
print(1j.__class__, (2j).__getnewargs__(), 1j in {1j}, {1j: 2}, 1+0j in {1: 0}, (0j).__hash__(), [x*1j for x in range(3)])
for spec in ['', '.2', '10.3f', '<30', '^30.4e', '+.1f', ' g', 'E', '#.0f', '_', 'n', '.0', '*>25']:
    for z in [1+2j, -1.5-0.0j, 1e20j, complex(-0.0, 3), complex(float('nan'), float('-inf')), 1234567.891-9876.5j]:
        print(repr(spec), repr(format(z, spec)))
print(1j * 1j, 1j ** 1j, (3+4j) ** -2, (2+0j) ** 0.5, 0j ** 0, 0j ** 2.5, 1e300j * 1e300j)
print((1+2j) != (1+2j), (1+2j) == 1+2j, 1 == 1+0j, 2.5 == 2.5+0j, 10**20 == complex(10**20), 2**53+1 == complex(2**53+1))
x = 1 + 2j
x += 3j
x *= 2
print(x, -x, +x, x.real, type(x.real), isinstance(x, complex), complex.__name__, complex(x) is x)
