# Objects with __index__ and int subclasses where CPython takes an integer: subscripts, slices,
# repetition, bin/hex/oct, range, round, %-formatting, bytes(), methods' integer arguments.
import operator, math
class Idx:
    def __index__(s): return 2
for e in ["[10, 20, 30][Idx()]", "bin(Idx())", "range(10)[Idx()]", "'abc' * Idx()", "[1]*Idx()", "hex(Idx())", "(1,2,3)[Idx()]", "'abcd'[Idx()]", "'abcd'[:Idx()]", "bytes(Idx())", "range(Idx())", "int(Idx()) if hasattr(Idx,'__int__') else 'noint'", "list(range(5))[Idx():]", "b'abc'[Idx()]", "Idx() * 'ab'", "divmod(7, 2)", "(5).__pow__(Idx())", "round(2.567, Idx())", "'%d' % Idx()", "'{:d}'.format(Idx()) if 0 else 0", "operator.index(Idx())", "math.comb(5, Idx())", "[1,2,3].pop(Idx())", "chr(65+Idx())" , "import_ok"]:
    try: print(e, '->', eval(e, {'Idx': Idx, 'operator': operator, 'math': math, 'import_ok': 1}))
    except Exception as x: print(e, '!!', type(x).__name__, x)
class J:
    def __int__(s): return 7
class K:
    def __index__(s): return 'x'
for e in ["'%d|%x|%o|%X' % (Idx(), Idx(), Idx(), Idx())", "'%d' % J()", "'%x' % J()", "[1][K()]", "'%5.2i|%-4d|' % (Idx(), Idx())", "'ab'[I(1)]", "[0,1,2][I(1):]", "list(range(10))[::Idx()]", "slice(1, Idx()).indices(5)"]:
    try: print(e, '->', eval(e, {'Idx': Idx, 'J': J, 'K': K, 'I': type('I', (int,), {})}))
    except Exception as x: print(e, '!!', type(x).__name__, x)
class I(int): pass
i = I(1)
print([10, 20][i], 'ab' * I(2), bin(I(3)), range(I(2)), [1,2,3][I(0):I(2)], (1,2)[True])
print(b'abc'.hex(':'), b'abcdef'.hex('-', 2), bytearray(b'abc').hex(' ', -2), memoryview(b'abc').hex('.'))
