import math
import numbers

try:
    complex
except NameError:
    complex = ()

_PyHASH_MODULUS = 2 ** 61 - 1
_PyHASH_INF = 314159

__all__ = ['Fraction']


def _parse(s):
    # '[sign] int [/ int]' or '[sign] digits [. digits] [e [sign] digits]', underscores between digits.
    t = s.strip()
    if not t:
        return None
    sign = 1
    if t[0] in '+-':
        if t[0] == '-':
            sign = -1
        t = t[1:]
    if '/' in t:
        num, _, den = t.partition('/')
        if not _digits(num) or not _digits(den):
            return None
        return sign * int(num), int(den)
    mant, exp = t, 0
    for e in 'eE':
        if e in t:
            mant, _, es = t.partition(e)
            es2 = es[1:] if es[:1] in ('+', '-') else es
            if not _digits(es2):
                return None
            exp = int(es)
            break
    if '.' in mant:
        ip, _, fp = mant.partition('.')
        if (ip and not _digits(ip)) or (fp and not _digits(fp)) or not (ip or fp):
            return None
        fp = fp.replace('_', '')
        n = int(ip or '0') * 10 ** len(fp) + int(fp or '0')
        d = 10 ** len(fp)
    else:
        if not _digits(mant):
            return None
        n, d = int(mant), 1
    if exp >= 0:
        n *= 10 ** exp
    else:
        d *= 10 ** -exp
    return sign * n, d


def _digits(s):
    if not s or s[0] == '_' or s[-1] == '_' or '__' in s:
        return False
    return all(c in '0123456789_' for c in s)


class Fraction(numbers.Rational):
    __slots__ = ('_numerator', '_denominator')

    def __new__(cls, numerator=0, denominator=None, *, _normalize=True):
        self = super(Fraction, cls).__new__(cls)
        if denominator is None:
            if type(numerator) is int:
                self._numerator = numerator
                self._denominator = 1
                return self
            elif isinstance(numerator, numbers.Rational):
                self._numerator = numerator.numerator
                self._denominator = numerator.denominator
                return self
            elif isinstance(numerator, (float,)) or type(numerator).__name__ == 'Decimal':
                self._numerator, self._denominator = numerator.as_integer_ratio()
                return self
            elif isinstance(numerator, str):
                r = _parse(numerator)
                if r is None:
                    raise ValueError('Invalid literal for Fraction: %r' % numerator)
                numerator, denominator = r
            else:
                raise TypeError("argument should be a string or a Rational instance")
        elif type(numerator) is int is type(denominator):
            pass
        elif isinstance(numerator, numbers.Rational) and isinstance(denominator, numbers.Rational):
            numerator, denominator = (numerator.numerator * denominator.denominator,
                                      denominator.numerator * numerator.denominator)
        else:
            raise TypeError("both arguments should be Rational instances")
        if denominator == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % numerator)
        if _normalize:
            g = math.gcd(numerator, denominator)
            if denominator < 0:
                g = -g
            numerator //= g
            denominator //= g
        self._numerator = numerator
        self._denominator = denominator
        return self

    @classmethod
    def from_float(cls, f):
        if isinstance(f, numbers.Integral):
            return cls(f)
        elif not isinstance(f, float):
            raise TypeError("%s.from_float() only takes floats, not %r (%s)" %
                            (cls.__name__, f, type(f).__name__))
        return cls(*f.as_integer_ratio())

    @classmethod
    def from_decimal(cls, dec):
        if isinstance(dec, numbers.Integral):
            return cls(int(dec))
        if type(dec).__name__ != 'Decimal':
            raise TypeError("%s.from_decimal() only takes Decimals, not %r (%s)" %
                            (cls.__name__, dec, type(dec).__name__))
        return cls(*dec.as_integer_ratio())

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def limit_denominator(self, max_denominator=1000000):
        if max_denominator < 1:
            raise ValueError("max_denominator should be at least 1")
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        if 2 * d * (q0 + k * q1) <= self._denominator:
            return Fraction(p1, q1, _normalize=False)
        else:
            return Fraction(p0 + k * p1, q0 + k * q1, _normalize=False)

    @property
    def numerator(a):
        return a._numerator

    @property
    def denominator(a):
        return a._denominator

    def __repr__(self):
        return '%s(%s, %s)' % (self.__class__.__name__, self._numerator, self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return '%s/%s' % (self._numerator, self._denominator)

    def __format__(self, spec):
        if spec:
            raise TypeError("unsupported format string passed to Fraction.__format__")
        return str(self)

    def _operands(b, f_int, f_frac, f_float, f_complex):
        pass

    # Arithmetic: a Fraction or int operand gives a Fraction, a float a float, a complex a complex.
    def _coerce(self, other):
        if isinstance(other, Fraction):
            return other
        if isinstance(other, int):
            return Fraction(other)
        if isinstance(other, numbers.Rational):
            return Fraction(other.numerator, other.denominator)
        return None

    def __add__(a, b):
        f = a._coerce(b)
        if f is not None:
            return Fraction(a._numerator * f._denominator + f._numerator * a._denominator,
                            a._denominator * f._denominator)
        if isinstance(b, float):
            return float(a) + b
        if isinstance(b, complex):
            return complex(a) + b
        return NotImplemented

    def __radd__(b, a):
        f = b._coerce(a)
        if f is not None:
            return f + b
        if isinstance(a, numbers.Real):
            return float(a) + float(b)
        if isinstance(a, numbers.Complex):
            return complex(a) + complex(b)
        return NotImplemented

    def __sub__(a, b):
        f = a._coerce(b)
        if f is not None:
            return Fraction(a._numerator * f._denominator - f._numerator * a._denominator,
                            a._denominator * f._denominator)
        if isinstance(b, float):
            return float(a) - b
        if isinstance(b, complex):
            return complex(a) - b
        return NotImplemented

    def __rsub__(b, a):
        f = b._coerce(a)
        if f is not None:
            return f - b
        if isinstance(a, numbers.Real):
            return float(a) - float(b)
        if isinstance(a, numbers.Complex):
            return complex(a) - complex(b)
        return NotImplemented

    def __mul__(a, b):
        f = a._coerce(b)
        if f is not None:
            return Fraction(a._numerator * f._numerator, a._denominator * f._denominator)
        if isinstance(b, float):
            return float(a) * b
        if isinstance(b, complex):
            return complex(a) * b
        return NotImplemented

    def __rmul__(b, a):
        f = b._coerce(a)
        if f is not None:
            return f * b
        if isinstance(a, numbers.Real):
            return float(a) * float(b)
        if isinstance(a, numbers.Complex):
            return complex(a) * complex(b)
        return NotImplemented

    def __truediv__(a, b):
        f = a._coerce(b)
        if f is not None:
            # Common factors are taken out first, so a zero divisor reports the reduced numerator.
            na, da, nb, db = a._numerator, a._denominator, f._numerator, f._denominator
            g1 = math.gcd(na, nb)
            if g1 > 1:
                na //= g1
                nb //= g1
            g2 = math.gcd(db, da)
            if g2 > 1:
                da //= g2
                db //= g2
            n, d = na * db, nb * da
            if d < 0:
                n, d = -n, -d
            return Fraction(n, d, _normalize=False)
        if isinstance(b, float):
            return float(a) / b
        if isinstance(b, complex):
            return complex(a) / b
        return NotImplemented

    def __rtruediv__(b, a):
        f = b._coerce(a)
        if f is not None:
            return f / b
        if isinstance(a, numbers.Real):
            return float(a) / float(b)
        if isinstance(a, numbers.Complex):
            return complex(a) / complex(b)
        return NotImplemented

    def __floordiv__(a, b):
        f = a._coerce(b)
        if f is not None:
            return (a._numerator * f._denominator) // (a._denominator * f._numerator)
        if isinstance(b, float):
            return float(a) // b
        return NotImplemented

    def __rfloordiv__(b, a):
        f = b._coerce(a)
        if f is not None:
            return f // b
        if isinstance(a, numbers.Real):
            return float(a) // float(b)
        return NotImplemented

    def __divmod__(a, b):
        f = a._coerce(b)
        if f is not None:
            da, db = a._denominator, f._denominator
            div, n_mod = divmod(a._numerator * db, da * f._numerator)
            return div, Fraction(n_mod, da * db)
        if isinstance(b, float):
            return divmod(float(a), b)
        return NotImplemented

    def __rdivmod__(b, a):
        f = b._coerce(a)
        if f is not None:
            return divmod(f, b)
        if isinstance(a, numbers.Real):
            return divmod(float(a), float(b))
        return NotImplemented

    def __mod__(a, b):
        f = a._coerce(b)
        if f is not None:
            da, db = a._denominator, f._denominator
            return Fraction((a._numerator * db) % (f._numerator * da), da * db)
        if isinstance(b, float):
            return float(a) % b
        return NotImplemented

    def __rmod__(b, a):
        f = b._coerce(a)
        if f is not None:
            return f % b
        if isinstance(a, numbers.Real):
            return float(a) % float(b)
        return NotImplemented

    def __pow__(a, b):
        if isinstance(b, numbers.Rational):
            if b.denominator == 1:
                power = b.numerator
                if power >= 0:
                    return Fraction(a._numerator ** power, a._denominator ** power, _normalize=False)
                elif a._numerator >= 0:
                    return Fraction(a._denominator ** -power, a._numerator ** -power)
                else:
                    return Fraction((-a._denominator) ** -power, (-a._numerator) ** -power)
            else:
                return float(a) ** float(b)
        elif isinstance(b, (float, complex)):
            return float(a) ** b
        else:
            return NotImplemented

    def __rpow__(b, a):
        if b._denominator == 1 and b._numerator >= 0:
            return a ** b._numerator
        if isinstance(a, numbers.Rational):
            return Fraction(a.numerator, a.denominator) ** b
        if b._denominator == 1:
            return a ** b._numerator
        return a ** float(b)

    def __pos__(a):
        return Fraction(a._numerator, a._denominator, _normalize=False)

    def __neg__(a):
        return Fraction(-a._numerator, a._denominator, _normalize=False)

    def __abs__(a):
        return Fraction(abs(a._numerator), a._denominator, _normalize=False)

    def __int__(a):
        if a._numerator < 0:
            return -(-a._numerator // a._denominator)
        else:
            return a._numerator // a._denominator

    def __trunc__(a):
        return a.__int__()

    def __floor__(a):
        return a._numerator // a._denominator

    def __ceil__(a):
        return -(-a._numerator // a._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            d = self._denominator
            floor, remainder = divmod(self._numerator, d)
            if remainder * 2 < d:
                return floor
            elif remainder * 2 > d:
                return floor + 1
            elif floor % 2 == 0:
                return floor
            else:
                return floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        else:
            return Fraction(round(self / shift) * shift)

    def __float__(a):
        n, d = a._numerator, a._denominator
        try:
            return n / d
        except OverflowError:
            raise OverflowError('integer division result too large for a float')

    def __complex__(a):
        return complex(float(a))

    def __hash__(self):
        try:
            dinv = pow(self._denominator, -1, _PyHASH_MODULUS)
        except ValueError:
            hash_ = _PyHASH_INF
        else:
            hash_ = hash(hash(abs(self._numerator)) * dinv)
        result = hash_ if self._numerator >= 0 else -hash_
        return -2 if result == -1 else result

    def __eq__(a, b):
        if type(b) is int:
            return a._numerator == b and a._denominator == 1
        if isinstance(b, numbers.Rational):
            return (a._numerator == b.numerator and a._denominator == b.denominator)
        if isinstance(b, complex):
            if b.imag != 0:
                return False
            b = b.real
        if isinstance(b, float):
            if math.isnan(b) or math.isinf(b):
                return 0.0 == b
            return a == a.from_float(b)
        return NotImplemented

    def _richcmp(self, other, op):
        if isinstance(other, numbers.Rational):
            return op(self._numerator * other.denominator, self._denominator * other.numerator)
        if isinstance(other, float):
            if math.isnan(other) or math.isinf(other):
                return op(0.0, other)
            return op(self, self.from_float(other))
        return NotImplemented

    def __lt__(a, b):
        return a._richcmp(b, lambda x, y: x < y)

    def __gt__(a, b):
        return a._richcmp(b, lambda x, y: x > y)

    def __le__(a, b):
        return a._richcmp(b, lambda x, y: x <= y)

    def __ge__(a, b):
        return a._richcmp(b, lambda x, y: x >= y)

    def __bool__(a):
        return bool(a._numerator)

    def __reduce__(self):
        return (self.__class__, (str(self),))

    def __copy__(self):
        if type(self) == Fraction:
            return self
        return self.__class__(self._numerator, self._denominator)

    def __deepcopy__(self, memo):
        if type(self) == Fraction:
            return self
        return self.__class__(self._numerator, self._denominator)


del Fraction._operands
