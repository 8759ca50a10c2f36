//! `decimal`: `Decimal` with the General Decimal Arithmetic rules CPython follows: exact construction (from
//! str, int, float, tuple), context precision and the eight rounding modes, `+ - * / // % divmod **`,
//! `quantize`, `sqrt`, `normalize`, `to_integral_value`, comparisons and hashing that
//! agree with int and float, `str`/`repr`/`to_eng_string` and `format()` exactly as CPython, `Context`,
//! `getcontext`/`setcontext`/`localcontext`, and the signals (`InvalidOperation`, `DivisionByZero`...)
//! with their flags and traps. The coefficient is a Python int (a bigint in evalx), so any precision works.
//! `exp`, `ln`, `log10` and non-integer powers are computed in fixed point with guard digits and rounded
//! half-even, as CPython's are (correctly rounded there; here right but for pathological ties).

mod native;

pub(crate) use native::{fast_binop, fast_compare};

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
import math as _math

ROUND_DOWN = 'ROUND_DOWN'
ROUND_HALF_UP = 'ROUND_HALF_UP'
ROUND_HALF_EVEN = 'ROUND_HALF_EVEN'
ROUND_CEILING = 'ROUND_CEILING'
ROUND_FLOOR = 'ROUND_FLOOR'
ROUND_UP = 'ROUND_UP'
ROUND_HALF_DOWN = 'ROUND_HALF_DOWN'
ROUND_05UP = 'ROUND_05UP'
_ROUNDINGS = (ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR, ROUND_UP,
              ROUND_HALF_DOWN, ROUND_05UP)

MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = MIN_EMIN - (MAX_PREC - 1)
HAVE_THREADS = True
HAVE_CONTEXTVAR = True

def _nd(n):
    # The number of decimal digits of n >= 0, without a str (a huge int has no str past 4300 digits).
    if n < 10 ** 18:
        return len(str(n))
    d = (n.bit_length() - 1) * 30103 // 100000 + 1
    p = 10 ** d
    while p <= n:
        d += 1
        p *= 10
    return d

def _s(n):
    # The decimal digits of n >= 0, in halves when it is too long for one str().
    if n < 10 ** 4000:
        return str(n)
    k = _nd(n) // 2
    hi, lo = divmod(n, 10 ** k)
    return _s(hi) + _s(lo).rjust(k, '0')

class DecimalException(ArithmeticError):
    pass
class Clamped(DecimalException):
    pass
class InvalidOperation(DecimalException):
    pass
class ConversionSyntax(InvalidOperation):
    pass
class DivisionByZero(DecimalException, ZeroDivisionError):
    pass
class DivisionImpossible(InvalidOperation):
    pass
class DivisionUndefined(InvalidOperation, ZeroDivisionError):
    pass
class Inexact(DecimalException):
    pass
class InvalidContext(InvalidOperation):
    pass
class Rounded(DecimalException):
    pass
class Subnormal(DecimalException):
    pass
class Overflow(Inexact, Rounded):
    pass
class Underflow(Inexact, Rounded, Subnormal):
    pass
class FloatOperation(DecimalException, TypeError):
    pass

_SIGNALS = [Clamped, DivisionByZero, Inexact, Overflow, Rounded, Underflow, InvalidOperation, Subnormal,
            FloatOperation]
# The signal whose flag and trap a condition uses.
_BASE = {ConversionSyntax: InvalidOperation, DivisionImpossible: InvalidOperation,
         DivisionUndefined: InvalidOperation, InvalidContext: InvalidOperation}

class Context:
    def __init__(self, prec=None, rounding=None, Emin=None, Emax=None, capitals=None, clamp=None,
                 flags=None, traps=None):
        self.prec = 28 if prec is None else prec
        self.rounding = ROUND_HALF_EVEN if rounding is None else rounding
        self.Emin = -999999 if Emin is None else Emin
        self.Emax = 999999 if Emax is None else Emax
        self.capitals = 1 if capitals is None else capitals
        self.clamp = 0 if clamp is None else clamp
        if isinstance(flags, dict):
            self.flags = dict(flags)
        else:
            self.flags = {s: False for s in _SIGNALS}
            for s in flags or []:
                self.flags[s] = True
        if isinstance(traps, dict):
            self.traps = dict(traps)
        elif traps is None:
            self.traps = {s: s in (InvalidOperation, DivisionByZero, Overflow) for s in _SIGNALS}
        else:
            self.traps = {s: s in traps for s in _SIGNALS}
        if not isinstance(self.prec, int) or self.prec < 1:
            raise ValueError('valid range for prec is [1, MAX_PREC]')
        if self.rounding not in _ROUNDINGS:
            raise TypeError("valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]")

    def copy(self):
        return Context(self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp,
                       self.flags, self.traps)

    __copy__ = copy

    def clear_flags(self):
        for s in self.flags:
            self.flags[s] = False

    def clear_traps(self):
        for s in self.traps:
            self.traps[s] = False

    def Etiny(self):
        return self.Emin - self.prec + 1

    def Etop(self):
        return self.Emax - self.prec + 1

    def _signal(self, cond):
        sig = _BASE.get(cond, cond)
        self.flags[sig] = True
        if self.traps.get(sig):
            raise sig([cond])

    def _signals(self, *conds):
        # Several conditions of one operation (in the signal table's order): every flag is set, then the
        # first trapped one raises, listing all the trapped ones as CPython's does.
        trapped = []
        for cond in conds:
            sig = _BASE.get(cond, cond)
            self.flags[sig] = True
            if self.traps.get(sig):
                trapped.append(cond)
        if trapped:
            raise _BASE.get(trapped[0], trapped[0])(trapped)

    def __repr__(self):
        flags = ', '.join([s.__name__ for s in _SIGNALS if self.flags.get(s)])
        traps = ', '.join([s.__name__ for s in _SIGNALS if self.traps.get(s)])
        return ('Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, clamp=%d, flags=[%s], traps=[%s])'
                % (self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp, flags, traps))

    def create_decimal(self, num='0'):
        return Decimal(num)._fix(self)

    def create_decimal_from_float(self, f):
        return Decimal(f)._fix(self)

    def add(self, a, b):
        return _conv(a).__add__(_conv(b), self)

    def subtract(self, a, b):
        return _conv(a).__sub__(_conv(b), self)

    def multiply(self, a, b):
        return _conv(a).__mul__(_conv(b), self)

    def divide(self, a, b):
        return _conv(a).__truediv__(_conv(b), self)

    def divide_int(self, a, b):
        return _conv(a).__floordiv__(_conv(b), self)

    def remainder(self, a, b):
        return _conv(a).__mod__(_conv(b), self)

    def divmod(self, a, b):
        return _conv(a).__divmod__(_conv(b), self)

    def power(self, a, b, modulo=None):
        return _conv(a).__pow__(_conv(b), modulo, self)

    def sqrt(self, a):
        return _conv(a).sqrt(self)

    def quantize(self, a, b):
        return _conv(a).quantize(_conv(b), context=self)

    def abs(self, a):
        return _conv(a).__abs__(self)

    def minus(self, a):
        return _conv(a).__neg__(self)

    def plus(self, a):
        return _conv(a).__pos__(self)

    def compare(self, a, b):
        return _conv(a).compare(_conv(b), self)

    def to_integral_value(self, a):
        return _conv(a).to_integral_value(context=self)

    def normalize(self, a):
        return _conv(a).normalize(self)

    def to_sci_string(self, a):
        return str(_conv(a))

    def to_eng_string(self, a):
        return _conv(a).to_eng_string(self)

    def max(self, a, b):
        return _conv(a).max(_conv(b), self)

    def min(self, a, b):
        return _conv(a).min(_conv(b), self)

def _conv(v):
    if isinstance(v, Decimal):
        return v
    if isinstance(v, int):
        return Decimal(v)
    raise TypeError('conversion from ' + type(v).__name__ + ' to Decimal is not supported')

DefaultContext = Context()
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP, traps=[DivisionByZero, Overflow, InvalidOperation, Clamped, Underflow])
ExtendedContext = Context(prec=9, traps=[])

_current = [Context()]

def getcontext():
    return _current[0]

def setcontext(ctx):
    if not isinstance(ctx, Context):
        raise TypeError('argument must be a context')
    if ctx is DefaultContext or ctx is BasicContext or ctx is ExtendedContext:
        ctx = ctx.copy()
        ctx.clear_flags()
    _current[0] = ctx

class _LocalContext:
    def __init__(self, ctx):
        self.new = ctx.copy()
    def __enter__(self):
        self.saved = getcontext()
        setcontext(self.new)
        return self.new
    def __exit__(self, *exc):
        setcontext(self.saved)

def localcontext(ctx=None, **kwargs):
    c = _LocalContext(ctx if ctx is not None else getcontext())
    for k, v in kwargs.items():
        if not hasattr(c.new, k) or k in ('flags', 'traps'):
            raise TypeError("'" + k + "' is an invalid keyword argument for this function")
        setattr(c.new, k, v)
    return c

class DecimalTuple:
    def __init__(self, sign, digits, exponent):
        self.sign = sign
        self.digits = digits
        self.exponent = exponent
    def _t(self):
        return (self.sign, self.digits, self.exponent)
    def __iter__(self):
        return iter(self._t())
    def __getitem__(self, i):
        return self._t()[i]
    def __len__(self):
        return 3
    def __eq__(self, other):
        if isinstance(other, DecimalTuple):
            other = other._t()
        return self._t() == other
    def __hash__(self):
        return hash(self._t())
    def __repr__(self):
        return 'DecimalTuple(sign=%d, digits=%r, exponent=%r)' % self._t()

def _parse(s):
    # -> (sign, coeff, exp, special) or None
    s = s.strip().replace('_', '')
    if not s:
        return None
    sign = 0
    if s[0] in '+-':
        sign = 1 if s[0] == '-' else 0
        s = s[1:]
    low = s.lower()
    if low in ('inf', 'infinity'):
        return sign, 0, 0, 'F'
    for pre, kind in (('nan', 'n'), ('snan', 'N')):
        if low.startswith(pre):
            payload = low[len(pre):]
            if payload and not payload.isdigit():
                return None
            return sign, int(payload) if payload else 0, 0, kind
    exp = 0
    e = low.find('e')
    if e >= 0:
        ex = low[e + 1:]
        if ex[:1] in '+-':
            body = ex[1:]
        else:
            body = ex
        if not body or not body.isdigit():
            return None
        exp = int(ex)
        low = low[:e]
    if '.' in low:
        ip, fp = low.split('.', 1)
    else:
        ip, fp = low, ''
    if not (ip + fp) or not (ip + fp).isdigit() or not (ip + fp).isascii():
        if not (ip + fp).isdigit():
            return None
    digits = ip + fp
    return sign, int(digits), exp - len(fp), None

class Decimal:
    # The four fields are instance attributes `_sign`, `_int`, `_exp`, `_special`, set by the native
    # `_set`/`_make` (see decimal/native.rs) in that order.

    def __init__(self, value='0', context=None):
        if isinstance(value, Decimal):
            _set(self, value._sign, value._int, value._exp, value._special)
            return
        if isinstance(value, bool) or isinstance(value, int):
            _set(self, 1 if value < 0 else 0, abs(int(value)), 0, None)
            return
        if isinstance(value, str):
            p = _parse(value)
            if p is None:
                ctx = context if context is not None else getcontext()
                ctx._signal(ConversionSyntax)
                _set(self, 0, 0, 0, 'n')
                return
            _set(self, *p)
            return
        if isinstance(value, float):
            if value != value:
                _set(self, 0, 0, 0, 'n')
                return
            if value in (float('inf'), float('-inf')):
                _set(self, 1 if value < 0 else 0, 0, 0, 'F')
                return
            sign = 1 if _math.copysign(1.0, value) < 0 else 0
            n, d = abs(value).as_integer_ratio()
            k = d.bit_length() - 1
            _set(self, sign, n * 5 ** k, -k, None)
            return
        if isinstance(value, DecimalTuple):
            value = value._t()
        if isinstance(value, (tuple, list)):
            if len(value) != 3:
                raise ValueError('argument must be a sequence of length 3')
            sign, digits, exp = value
            if sign not in (0, 1):
                raise ValueError('sign must be an integer with the value 0 or 1')
            coeff = 0
            for dgt in digits:
                if not isinstance(dgt, int) or not 0 <= dgt <= 9:
                    raise ValueError('coefficient must be a tuple of digits')
                coeff = coeff * 10 + dgt
            if exp == 'F':
                _set(self, sign, coeff, 0, 'F')
            elif exp in ('n', 'N'):
                _set(self, sign, coeff, 0, exp)
            else:
                _set(self, sign, coeff, exp, None)
            return
        raise TypeError('conversion from ' + type(value).__name__ + ' to Decimal is not supported')

    @classmethod
    def from_float(cls, f):
        return cls(f)

    @staticmethod
    def _make(sign, coeff, exp, special=None):
        return _make(Decimal, sign, coeff, exp, special)

    # --------------------------------------------------------------- text

    def __str__(self):
        return self._sci(False)

    def to_eng_string(self, context=None):
        return self._sci(True)

    def _sci(self, eng):
        sign = '-' if self._sign else ''
        if self._special == 'F':
            return sign + 'Infinity'
        if self._special in ('n', 'N'):
            return sign + ('NaN' if self._special == 'n' else 'sNaN') + (_s(self._int) if self._int else '')
        digits = _s(self._int)
        leftdigits = self._exp + len(digits)
        if self._exp <= 0 and leftdigits > -6:
            dotplace = leftdigits
        elif not eng:
            dotplace = 1
        elif self._int == 0:
            dotplace = (leftdigits + 1) % 3 - 1
        else:
            dotplace = (leftdigits - 1) % 3 + 1
        if dotplace <= 0:
            intpart = '0'
            fracpart = '.' + '0' * (-dotplace) + digits
        elif dotplace >= len(digits):
            intpart = digits + '0' * (dotplace - len(digits))
            fracpart = ''
        else:
            intpart = digits[:dotplace]
            fracpart = '.' + digits[dotplace:]
        if leftdigits == dotplace:
            exp = ''
        else:
            e = leftdigits - dotplace
            exp = 'E' + ('+' if e >= 0 else '-') + str(abs(e))
        return sign + intpart + fracpart + exp

    def __repr__(self):
        return "Decimal('" + str(self) + "')"

    # --------------------------------------------------------------- predicates

    def is_nan(self):
        return self._special in ('n', 'N')
    def is_qnan(self):
        return self._special == 'n'
    def is_snan(self):
        return self._special == 'N'
    def is_infinite(self):
        return self._special == 'F'
    def is_finite(self):
        return self._special is None
    def is_zero(self):
        return self._special is None and self._int == 0
    def is_signed(self):
        return self._sign == 1
    def is_canonical(self):
        return True
    def is_normal(self, context=None):
        ctx = context or getcontext()
        return self._special is None and self._int != 0 and self.adjusted() >= ctx.Emin
    def is_subnormal(self, context=None):
        ctx = context or getcontext()
        return self._special is None and self._int != 0 and self.adjusted() < ctx.Emin

    def adjusted(self):
        if self._special:
            return 0
        return self._exp + _nd(self._int) - 1

    def as_tuple(self):
        if self._special == 'F':
            exp = 'F'
            digits = (0,)
        elif self._special:
            exp = self._special
            digits = tuple(int(c) for c in _s(self._int)) if self._int else ()
        else:
            exp = self._exp
            digits = tuple(int(c) for c in _s(self._int))
        return DecimalTuple(self._sign, digits, exp)

    def as_integer_ratio(self):
        if self._special == 'F':
            raise OverflowError('cannot convert Infinity to integer ratio')
        if self._special:
            raise ValueError('cannot convert NaN to integer ratio')
        if self._exp >= 0:
            n, d = self._int * 10 ** self._exp, 1
        else:
            n, d = self._int, 10 ** -self._exp
            g = _math.gcd(n, d)
            n, d = n // g, d // g
        return (-n if self._sign else n), d

    # --------------------------------------------------------------- rounding

    def _fix(self, ctx):
        # Rounds to the context's precision (a subnormal to Etiny), signalling Inexact/Rounded, Overflow,
        # Subnormal/Underflow and Clamped as needed; a clamping context folds large exponents down.
        if self._special:
            if self._special == 'N':
                ctx._signal(InvalidOperation)
                return Decimal._make(self._sign, self._int, 0, 'n')
            return self
        etiny = ctx.Emin - ctx.prec + 1
        etop = ctx.Emax - ctx.prec + 1
        if not self._int:
            # A zero keeps its exponent within [Etiny, Emax] (Etop when the context clamps).
            exp = min(max(self._exp, etiny), etop if ctx.clamp else ctx.Emax)
            if exp != self._exp:
                ctx._signal(Clamped)
                return Decimal._make(self._sign, 0, exp)
            return self
        digits = _nd(self._int)
        # Subnormal: the adjusted exponent under Emin; such a result keeps only the digits at Etiny
        # and above.
        subnormal = self._exp + digits - 1 < ctx.Emin
        low = etiny if subnormal else self._exp + digits - ctx.prec
        rounded = inexact = False
        r = self
        if self._exp < low:
            drop = low - self._exp
            coeff = self._int
            if drop > digits + 1:
                # Every digit goes: only "non-zero, under half a unit" matters to the rounding.
                coeff, drop = 1, 2
            coeff, inexact = _round_coeff(coeff, drop, self._sign, ctx.rounding)
            exp = low
            if _nd(coeff) > ctx.prec:
                coeff //= 10
                exp += 1
            rounded = True
            r = Decimal._make(self._sign, coeff, exp)
        if r._int and r.adjusted() > ctx.Emax:
            ctx._signals(Overflow, Inexact, Rounded)
            if ctx.rounding in (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_UP) or \
                    (ctx.rounding == ROUND_CEILING and not r._sign) or (ctx.rounding == ROUND_FLOOR and r._sign):
                return Decimal._make(r._sign, 0, 0, 'F')
            return Decimal._make(r._sign, 10 ** ctx.prec - 1, ctx.Emax - ctx.prec + 1)
        clamped = False
        if ctx.clamp and r._exp > etop:
            # Fold-down: the exponent brought to Etop, the coefficient padded with zeros.
            r = Decimal._make(r._sign, r._int * 10 ** (r._exp - etop), etop)
            clamped = True
        elif rounded and not r._int:
            clamped = True
        # The conditions, in the signal table's order.
        conds = [c for c, on in ((Clamped, clamped), (Inexact, inexact), (Rounded, rounded),
                                 (Underflow, subnormal and inexact), (Subnormal, subnormal)) if on]
        if conds:
            ctx._signals(*conds)
        return r

    def _rescale(self, exp, rounding):
        # The same value with exponent exp (rounding away digits as needed): (decimal, inexact).
        if self._special:
            return self, False
        if exp <= self._exp:
            return Decimal._make(self._sign, self._int * 10 ** (self._exp - exp), exp), False
        drop = exp - self._exp
        coeff, inexact = _round_coeff(self._int, drop, self._sign, rounding)
        return Decimal._make(self._sign, coeff, exp), inexact

    def quantize(self, exp, rounding=None, context=None):
        ctx = context or getcontext()
        exp = _conv(exp)
        rounding = rounding or ctx.rounding
        if self._special or exp._special:
            if self.is_nan() or exp.is_nan():
                return self._nan_result(exp, ctx)
            if self._special == 'F' and exp._special == 'F':
                return Decimal(self)
            ctx._signal(InvalidOperation)
            return Decimal._make(0, 0, 0, 'n')
        r, inexact = self._rescale(exp._exp, rounding)
        if _nd(r._int) > ctx.prec:
            ctx._signal(InvalidOperation)
            return Decimal._make(0, 0, 0, 'n')
        if inexact:
            ctx._signal(Rounded)
            ctx._signal(Inexact)
        elif r._exp != self._exp and r._exp > self._exp:
            ctx._signal(Rounded)
        return r

    def to_integral_value(self, rounding=None, context=None):
        ctx = context or getcontext()
        if self._special:
            if self._special == 'N':
                ctx._signal(InvalidOperation)
                return Decimal._make(self._sign, self._int, 0, 'n')
            return Decimal(self)
        if self._exp >= 0:
            return Decimal(self)
        r, _ = self._rescale(0, rounding or ctx.rounding)
        return r

    to_integral = to_integral_value

    def to_integral_exact(self, rounding=None, context=None):
        ctx = context or getcontext()
        r = self.to_integral_value(rounding, ctx)
        if r != self:
            ctx._signal(Rounded)
            ctx._signal(Inexact)
        return r

    def normalize(self, context=None):
        ctx = context or getcontext()
        if self._special:
            return self._fix(ctx)
        r = self._fix(ctx)
        if r._special:
            return r
        if r._int == 0:
            return Decimal._make(r._sign, 0, 0)
        c, e = r._int, r._exp
        while c % 10 == 0 and e < ctx.Emax:
            c //= 10
            e += 1
        return Decimal._make(r._sign, c, e)

    # --------------------------------------------------------------- arithmetic

    def _nan_result(self, other, ctx):
        for x in (self, other):
            if x is not None and x._special == 'N':
                ctx._signal(InvalidOperation)
                return Decimal._make(x._sign, x._int, 0, 'n')
        for x in (self, other):
            if x is not None and x._special == 'n':
                return x
        return None

    def _other(self, other):
        if isinstance(other, Decimal):
            return other
        if isinstance(other, int):
            return Decimal(other)
        return NotImplemented

    def __add__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        ctx = context or getcontext()
        if self._special or other._special:
            n = self._nan_result(other, ctx)
            if n is not None:
                return n
            if self._special == 'F' and other._special == 'F' and self._sign != other._sign:
                ctx._signal(InvalidOperation)
                return Decimal._make(0, 0, 0, 'n')
            return Decimal(self if self._special == 'F' else other)
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp) * (-1 if self._sign else 1)
        b = other._int * 10 ** (other._exp - exp) * (-1 if other._sign else 1)
        s = a + b
        if s == 0:
            if self._sign and other._sign:
                sign = 1
            elif ctx.rounding == ROUND_FLOOR and (self._sign or other._sign):
                sign = 1
            else:
                sign = 0
        else:
            sign = 1 if s < 0 else 0
        return Decimal._make(sign, abs(s), exp)._fix(ctx)

    def __radd__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        return other.__add__(self, context)

    def __sub__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        if self._special or other._special:
            # A NaN operand keeps its sign (negating the subtrahend comes after).
            n = self._nan_result(other, context or getcontext())
            if n is not None:
                return n
        return self.__add__(other.copy_negate(), context)

    def __rsub__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        return other.__sub__(self, context)

    def __mul__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        ctx = context or getcontext()
        sign = self._sign ^ other._sign
        if self._special or other._special:
            n = self._nan_result(other, ctx)
            if n is not None:
                return n
            if self.is_zero() or other.is_zero():
                ctx._signal(InvalidOperation)
                return Decimal._make(0, 0, 0, 'n')
            return Decimal._make(sign, 0, 0, 'F')
        return Decimal._make(sign, self._int * other._int, self._exp + other._exp)._fix(ctx)

    def __rmul__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        return other.__mul__(self, context)

    def __truediv__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        ctx = context or getcontext()
        sign = self._sign ^ other._sign
        if self._special or other._special:
            n = self._nan_result(other, ctx)
            if n is not None:
                return n
            if self._special == 'F' and other._special == 'F':
                ctx._signal(InvalidOperation)
                return Decimal._make(0, 0, 0, 'n')
            if self._special == 'F':
                return Decimal._make(sign, 0, 0, 'F')
            return Decimal._make(sign, 0, ctx.Etiny())
        if other._int == 0:
            if self._int == 0:
                ctx._signal(DivisionUndefined)
                return Decimal._make(0, 0, 0, 'n')
            ctx._signal(DivisionByZero)
            return Decimal._make(sign, 0, 0, 'F')
        ideal = self._exp - other._exp
        if self._int == 0:
            return Decimal._make(sign, 0, ideal)._fix(ctx)
        shift = _nd(other._int) - _nd(self._int) + ctx.prec + 1
        if shift >= 0:
            q, r = divmod(self._int * 10 ** shift, other._int)
        else:
            q, r = divmod(self._int, other._int * 10 ** -shift)
        exp = ideal - shift
        if r:
            if q % 5 == 0:
                q += 1
        else:
            while exp < ideal and q % 10 == 0:
                q //= 10
                exp += 1
        return Decimal._make(sign, q, exp)._fix(ctx)

    def __rtruediv__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        return other.__truediv__(self, context)

    def _divide_int(self, other, ctx):
        # (quotient truncated toward zero, remainder with the dividend's sign), or None after a signal.
        sign = self._sign ^ other._sign
        if other._int == 0:
            if self._int == 0:
                ctx._signal(DivisionUndefined)
            else:
                ctx._signal(DivisionByZero)
            return None
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp)
        b = other._int * 10 ** (other._exp - exp)
        q, r = divmod(a, b)
        if _nd(q) > ctx.prec:
            ctx._signal(DivisionImpossible)
            return None
        return (Decimal._make(sign, q, 0), Decimal._make(self._sign, r, exp)._fix(ctx))

    def __floordiv__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        ctx = context or getcontext()
        if self._special or other._special:
            n = self._nan_result(other, ctx)
            if n is not None:
                return n
            if self._special == 'F' and other._special == 'F':
                ctx._signal(InvalidOperation)
                return Decimal._make(0, 0, 0, 'n')
            if self._special == 'F':
                return Decimal._make(self._sign ^ other._sign, 0, 0, 'F')
            return Decimal._make(self._sign ^ other._sign, 0, 0)
        r = self._divide_int(other, ctx)
        if r is None:
            if other._int == 0 and self._int != 0:
                return Decimal._make(self._sign ^ other._sign, 0, 0, 'F')
            return Decimal._make(0, 0, 0, 'n')
        return r[0]

    def __rfloordiv__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        return other.__floordiv__(self, context)

    def __mod__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        ctx = context or getcontext()
        if self._special or other._special:
            n = self._nan_result(other, ctx)
            if n is not None:
                return n
            if self._special == 'F':
                ctx._signal(InvalidOperation)
                return Decimal._make(0, 0, 0, 'n')
            return Decimal(self)._fix(ctx)
        if other._int == 0:
            if self._int == 0:
                ctx._signal(DivisionUndefined)
            else:
                ctx._signal(InvalidOperation)
            return Decimal._make(0, 0, 0, 'n')
        r = self._divide_int(other, ctx)
        if r is None:
            return Decimal._make(0, 0, 0, 'n')
        return r[1]

    def __rmod__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        return other.__mod__(self, context)

    def __divmod__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        ctx = context or getcontext()
        if self._special or other._special:
            return (self.__floordiv__(other, ctx), self.__mod__(other, ctx))
        if other._int == 0:
            nan = Decimal._make(0, 0, 0, 'n')
            if self._int == 0:
                ctx._signal(DivisionUndefined)
                return (nan, nan)
            # Both conditions at once, as CPython's: InvalidOperation (the remainder) first.
            ctx._signals(InvalidOperation, DivisionByZero)
            return (Decimal._make(self._sign ^ other._sign, 0, 0, 'F'), nan)
        r = self._divide_int(other, ctx)
        if r is None:
            nan = Decimal._make(0, 0, 0, 'n')
            return (nan, nan)
        return r

    def __rdivmod__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        return other.__divmod__(self, context)

    def __pow__(self, other, modulo=None, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        ctx = context or getcontext()
        if modulo is not None:
            m = _conv(modulo)
            if not (self._is_int() and other._is_int() and m._is_int()) or other._sign:
                ctx._signal(InvalidOperation)
                return Decimal._make(0, 0, 0, 'n')
            return Decimal(pow(int(self), int(other), int(m)))
        if self._special or other._special:
            n = self._nan_result(other, ctx)
            if n is not None:
                return n
        if not other._is_int() or other._special:
            return self._pow_real(other, ctx)
        n = int(other)
        if n == 0:
            if self.is_zero():
                ctx._signal(InvalidOperation)
                return Decimal._make(0, 0, 0, 'n')
            return Decimal(1)
        if self._special == 'F':
            sign = self._sign if n % 2 else 0
            return Decimal._make(sign, 0, 0, 'F') if n > 0 else Decimal._make(sign, 0, 0)
        sign = self._sign if n % 2 else 0
        if n > 0:
            return Decimal._make(sign, self._int ** n, self._exp * n)._fix(ctx)
        if self._int == 0:
            ctx._signal(DivisionByZero)
            return Decimal._make(sign, 0, 0, 'F')
        work = ctx.copy()
        work.prec = ctx.prec + _nd(-n) + 3
        work.traps = {s: False for s in _SIGNALS}
        den = Decimal._make(0, self._int ** -n, self._exp * -n)
        r = Decimal(1).__truediv__(den, work)
        r = Decimal._make(sign, r._int, r._exp)
        exact = not work.flags.get(Inexact)
        out = r._fix(ctx)
        if not exact:
            ctx._signal(Inexact)
            ctx._signal(Rounded)
        return out

    def __rpow__(self, other, context=None):
        other = self._other(other)
        if other is NotImplemented:
            return other
        return other.__pow__(self, None, context)

    def _pow_real(self, other, ctx):
        # x ** y for a non-integral y: exp(y * ln(x)) with guard digits, rounded half-even.
        if self._special == 'F' or other._special == 'F':
            if other._special == 'F':
                big = self.copy_abs() > 1
                if other._sign:
                    big = not big
                return Decimal._make(0, 0, 0, 'F') if big else Decimal(0)
            return Decimal._make(0, 0, 0, 'F') if not other._sign else Decimal(0)
        if self._sign:
            ctx._signal(InvalidOperation)
            return Decimal._make(0, 0, 0, 'n')
        if self._int == 0:
            if other._sign:
                ctx._signal(DivisionByZero)
                return Decimal._make(0, 0, 0, 'F')
            return Decimal(0)
        def run(work):
            P = work.prec + 25
            ln = _ln_fixed(self._int, self._exp, P)
            y = other._int * (-1 if other._sign else 1)
            t = y * ln
            if other._exp >= 0:
                t *= 10 ** other._exp
            else:
                t = t // 10 ** -other._exp
            sign = 1 if t < 0 else 0
            coeff, exp = _exp_fixed(sign, abs(t), -P, P)
            return False, coeff, exp
        return self._transcendental(ctx, run)

    def _is_int(self):
        if self._special:
            return False
        if self._exp >= 0:
            return True
        return self._int % 10 ** -self._exp == 0

    def sqrt(self, context=None):
        ctx = context or getcontext()
        if self._special:
            n = self._nan_result(None, ctx)
            if n is not None:
                return n
            if self._sign:
                ctx._signal(InvalidOperation)
                return Decimal._make(0, 0, 0, 'n')
            return Decimal(self)
        ideal = self._exp // 2
        if self._int == 0:
            return Decimal._make(self._sign, 0, ideal)
        if self._sign:
            ctx._signal(InvalidOperation)
            return Decimal._make(0, 0, 0, 'n')
        prec = ctx.prec + 1
        c, e = self._int, self._exp
        if e % 2:
            c *= 10
            e -= 1
        # Scale so that the root has at least prec digits.
        l = _nd(c)
        shift = max(0, prec - (l + 1) // 2)
        c *= 100 ** shift
        e -= 2 * shift
        root = _math.isqrt(c)
        exact = root * root == c
        exp = e // 2
        if exact:
            while exp < ideal and root % 10 == 0:
                root //= 10
                exp += 1
        elif root % 5 == 0:
            root += 1
        work = ctx.copy()
        work.rounding = ROUND_HALF_EVEN
        r = Decimal._make(0, root, exp)._fix(work)
        if not exact or work.flags.get(Inexact):
            ctx._signal(Inexact)
            ctx._signal(Rounded)
        return r

    def _transcendental(self, ctx, fn):
        # Shared shape of exp/ln/log10: specials first, then a fixed-point value rounded half-even.
        work = ctx.copy()
        work.rounding = ROUND_HALF_EVEN
        work.traps = {s: False for s in _SIGNALS}
        work.clear_flags()
        r = fn(work)
        if isinstance(r, Decimal) and r._special:
            return r
        exact, coeff, exp = r
        out = Decimal._make(0 if coeff >= 0 else 1, abs(coeff), exp)._fix(work)
        if work.flags.get(Overflow):
            ctx._signal(Overflow)
        if not exact:
            ctx._signal(Inexact)
            ctx._signal(Rounded)
        return out

    def ln(self, context=None):
        ctx = context or getcontext()
        if self._special:
            n = self._nan_result(None, ctx)
            if n is not None:
                return n
            if self._sign:
                ctx._signal(InvalidOperation)
                return Decimal._make(0, 0, 0, 'n')
            return Decimal(self)
        if self._int == 0:
            return Decimal._make(1, 0, 0, 'F')
        if self._sign:
            ctx._signal(InvalidOperation)
            return Decimal._make(0, 0, 0, 'n')
        if self == 1:
            return Decimal(0)
        def run(work):
            P = work.prec + 20
            return False, _ln_fixed(self._int, self._exp, P), -P
        return self._transcendental(ctx, run)

    def log10(self, context=None):
        ctx = context or getcontext()
        if self._special:
            n = self._nan_result(None, ctx)
            if n is not None:
                return n
            if self._sign:
                ctx._signal(InvalidOperation)
                return Decimal._make(0, 0, 0, 'n')
            return Decimal(self)
        if self._int == 0:
            return Decimal._make(1, 0, 0, 'F')
        if self._sign:
            ctx._signal(InvalidOperation)
            return Decimal._make(0, 0, 0, 'n')
        digits = _s(self._int)
        if digits.rstrip('0') == '1':
            return Decimal(self._exp + len(digits) - 1)
        def run(work):
            P = work.prec + 20
            ln = _ln_fixed(self._int, self._exp, P)
            return False, ln * 10 ** P // _ln10(P), -P
        return self._transcendental(ctx, run)

    def exp(self, context=None):
        ctx = context or getcontext()
        if self._special:
            n = self._nan_result(None, ctx)
            if n is not None:
                return n
            return Decimal(0) if self._sign else Decimal(self)
        if self._int == 0:
            return Decimal(1)
        adj = self.adjusted()
        if adj > 7:
            if self._sign:
                ctx._signal(Underflow)
                ctx._signal(Inexact)
                ctx._signal(Rounded)
                return Decimal._make(0, 0, ctx.Etiny())
            ctx._signal(Overflow)
            ctx._signal(Inexact)
            ctx._signal(Rounded)
            return Decimal._make(0, 0, 0, 'F')
        def run(work):
            P = work.prec + 20 + max(adj, 0)
            coeff, exp = _exp_fixed(self._sign, self._int, self._exp, P)
            return False, coeff, exp
        return self._transcendental(ctx, run)

    def __neg__(self, context=None):
        ctx = context or getcontext()
        if self._special:
            return self.copy_negate()
        if self._int == 0:
            sign = 1 if ctx.rounding == ROUND_FLOOR else 0
            return Decimal._make(sign, 0, self._exp)._fix(ctx)
        return self.copy_negate()._fix(ctx)

    def __pos__(self, context=None):
        ctx = context or getcontext()
        if self._int == 0 and not self._special:
            return Decimal._make(1 if ctx.rounding == ROUND_FLOOR and self._sign else 0, 0, self._exp)
        return Decimal(self)._fix(ctx)

    def __abs__(self, context=None):
        ctx = context or getcontext()
        return self.copy_abs()._fix(ctx)

    def copy_abs(self):
        return Decimal._make(0, self._int, self._exp, self._special)

    def copy_negate(self):
        return Decimal._make(1 - self._sign, self._int, self._exp, self._special)

    def copy_sign(self, other, context=None):
        return Decimal._make(_conv(other)._sign, self._int, self._exp, self._special)

    # --------------------------------------------------------------- comparison

    def _cmp(self, other):
        # -1, 0, 1 for finite or infinite values (NaNs handled by the callers).
        if self._special == 'F' or other._special == 'F':
            a = 0 if self._special != 'F' else (-1 if self._sign else 1)
            b = 0 if other._special != 'F' else (-1 if other._sign else 1)
            if a == b:
                return 0
            if a or b:
                return -1 if a < b else 1
        sa = 0 if self._int == 0 else (-1 if self._sign else 1)
        sb = 0 if other._int == 0 else (-1 if other._sign else 1)
        if sa != sb:
            return -1 if sa < sb else 1
        if sa == 0:
            return 0
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp)
        b = other._int * 10 ** (other._exp - exp)
        if a == b:
            return 0
        r = -1 if a < b else 1
        return r if sa > 0 else -r

    def _cmp_other(self, other, eq):
        if isinstance(other, Decimal):
            return other
        if isinstance(other, int):
            return Decimal(other)
        if isinstance(other, float):
            ctx = getcontext()
            ctx.flags[FloatOperation] = True
            if not eq and ctx.traps.get(FloatOperation):
                raise FloatOperation([FloatOperation])
            return Decimal(other)
        return NotImplemented

    def __eq__(self, other):
        other = self._cmp_other(other, True)
        if other is NotImplemented:
            return other
        if self.is_nan() or other.is_nan():
            return False
        return self._cmp(other) == 0

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def _order(self, other):
        other = self._cmp_other(other, False)
        if other is NotImplemented:
            return other
        if self.is_nan() or other.is_nan():
            getcontext()._signal(InvalidOperation)
            return None
        return self._cmp(other)

    def __lt__(self, other):
        c = self._order(other)
        return c if c is NotImplemented else (c is not None and c < 0)

    def __le__(self, other):
        c = self._order(other)
        return c if c is NotImplemented else (c is not None and c <= 0)

    def __gt__(self, other):
        c = self._order(other)
        return c if c is NotImplemented else (c is not None and c > 0)

    def __ge__(self, other):
        c = self._order(other)
        return c if c is NotImplemented else (c is not None and c >= 0)

    def compare(self, other, context=None):
        other = _conv(other)
        if self.is_nan() or other.is_nan():
            return Decimal._make(0, 0, 0, 'n')
        return Decimal(self._cmp(other))

    def max(self, other, context=None):
        other = _conv(other)
        return (other if self._cmp(other) < 0 else self)._fix(context or getcontext())

    def min(self, other, context=None):
        other = _conv(other)
        return (other if self._cmp(other) > 0 else self)._fix(context or getcontext())

    def __hash__(self):
        if self._special == 'N':
            raise TypeError('Cannot hash a signaling NaN value.')
        if self._special == 'n':
            return 0
        if self._special == 'F':
            return hash(float('-inf') if self._sign else float('inf'))
        if self._is_int():
            return hash(int(self))
        f = float(self)
        if Decimal(f) == self:
            return hash(f)
        return hash((self._sign, self._int, self._exp))

    def __bool__(self):
        return bool(self._special) or self._int != 0

    # --------------------------------------------------------------- conversions

    def __int__(self):
        if self._special == 'F':
            raise OverflowError('cannot convert Infinity to integer')
        if self._special:
            raise ValueError('cannot convert NaN to integer')
        if self._exp >= 0:
            v = self._int * 10 ** self._exp
        else:
            v = self._int // 10 ** -self._exp
        return -v if self._sign else v

    __trunc__ = __int__

    def __float__(self):
        if self._special in ('n', 'N'):
            if self._special == 'N':
                raise ValueError('cannot convert signaling NaN to float')
            return float('-nan') if self._sign else float('nan')
        return float(str(self))

    def __round__(self, n=None):
        if n is None:
            if self._special:
                int(self)
            r, _ = self._rescale(0, ROUND_HALF_EVEN)
            return int(r)
        if not isinstance(n, int):
            raise TypeError('Second argument to round should be integral')
        return self.quantize(Decimal._make(0, 1, -n))

    def __floor__(self):
        r, _ = self._rescale(0, ROUND_FLOOR)
        return int(r)

    def __ceil__(self):
        r, _ = self._rescale(0, ROUND_CEILING)
        return int(r)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (Decimal, (str(self),))

    def __format__(self, spec):
        return _format(self, spec)

def _atanh_fixed(T, S):
    # atanh(T/S) * S for |T/S| <= 1/3, by its odd power series.
    neg = T < 0
    T = abs(T)
    total = 0
    T2 = T * T // S
    term = T
    k = 1
    while term:
        total += term // k
        term = term * T2 // S
        k += 2
    return -total if neg else total

def _ln2(P):
    S = 10 ** P
    return 2 * _atanh_fixed(S // 3, S)

def _ln10(P):
    # ln 10 = 3 ln 2 + ln 1.25, and ln 1.25 = 2 atanh(1/9).
    S = 10 ** P
    return 3 * _ln2(P) + 2 * _atanh_fixed(S // 9, S)

def _ln_fixed(coeff, exp, P):
    # ln(coeff * 10**exp) * 10**P (coeff > 0), with guard digits inside.
    G = P + 10
    S = 10 ** G
    # coeff * 10**exp = m * 10**e10 with m in [1, 10): ln = ln(m) + e10 * ln(10).
    nd = _nd(coeff)
    e10 = exp + nd - 1
    X = coeff * S // 10 ** (nd - 1)
    # Bring m into [2/3, 4/3] with powers of two.
    k = 0
    while X > 4 * S // 3:
        X = X // 2
        k += 1
    T = (X - S) * S // (X + S)
    r = 2 * _atanh_fixed(T, S) + k * _ln2(G) + e10 * _ln10(G)
    return r // 10 ** 10

def _exp_fixed(sign, coeff, exp, P):
    # exp(+-coeff * 10**exp) as (coefficient, exponent), computed with P digits after the point.
    G = P + 10
    S = 10 ** G
    if exp >= 0:
        X = coeff * 10 ** exp * S
    else:
        X = coeff * S // 10 ** -exp
    if sign:
        X = -X
    L2 = _ln2(G)
    k = X // L2
    R = X - k * L2
    if R * 2 > L2:
        k += 1
        R -= L2
    # exp(R) by its Taylor series, |R| <= ln(2)/2.
    total = S
    term = S
    n = 1
    while term:
        # Truncate toward zero, so that a negative term shrinks to 0 too.
        q = abs(term * R) // (S * n)
        term = -q if (term < 0) != (R < 0) else q
        total += term
        n += 1
    # exp(x) = total * 10**-G * 2**k; for k < 0, 2**k = 5**-k * 10**k keeps it exact.
    if k >= 0:
        return total * 2 ** k, -G
    return total * 5 ** (-k), -G + k

def _round_coeff(coeff, drop, sign, rounding):
    # coeff with its last `drop` digits removed under `rounding`: (new coeff, whether any were non-zero).
    p = 10 ** drop
    q, r = divmod(coeff, p)
    if r == 0:
        return q, False
    half = p // 2
    if rounding == ROUND_DOWN:
        up = False
    elif rounding == ROUND_UP:
        up = True
    elif rounding == ROUND_CEILING:
        up = sign == 0
    elif rounding == ROUND_FLOOR:
        up = sign == 1
    elif rounding == ROUND_HALF_UP:
        up = r >= half
    elif rounding == ROUND_HALF_DOWN:
        up = r > half
    elif rounding == ROUND_HALF_EVEN:
        up = r > half or (r == half and q % 2 == 1)
    else:
        up = q % 10 in (0, 5)
    return (q + 1 if up else q), True

def _parse_spec(spec):
    fill, align, sign, zero, width, comma, prec, typ = ' ', None, '-', False, None, '', None, None
    i = 0
    if len(spec) >= 2 and spec[1] in '<>^=':
        fill, align = spec[0], spec[1]
        i = 2
    elif spec[:1] in ('<', '>', '^', '='):
        align = spec[0]
        i = 1
    if spec[i:i + 1] in ('+', '-', ' '):
        sign = spec[i]
        i += 1
    if spec[i:i + 1] == '0':
        zero = True
        i += 1
    j = i
    while j < len(spec) and spec[j].isdigit():
        j += 1
    if j > i:
        width = int(spec[i:j])
    i = j
    if spec[i:i + 1] in (',', '_'):
        comma = spec[i]
        i += 1
    if spec[i:i + 1] == '.':
        j = i + 1
        while j < len(spec) and spec[j].isdigit():
            j += 1
        if j == i + 1:
            raise ValueError('Invalid format specifier')
        prec = int(spec[i + 1:j])
        i = j
    if i < len(spec):
        typ = spec[i]
        i += 1
    if i != len(spec) or (typ is not None and typ not in 'eEfFgGn%'):
        raise ValueError('Invalid format specifier')
    return fill, align, sign, zero, width, comma, prec, typ

def _format(d, spec):
    fill, align, sign, zero, width, comma, prec, typ = _parse_spec(spec)
    rounding = getcontext().rounding
    neg = d._sign == 1
    if d._special:
        body = 'Infinity' if d._special == 'F' else 'NaN'
        if typ == '%':
            body += '%'
    else:
        x = d
        if typ == '%':
            x = Decimal._make(x._sign, x._int, x._exp + 2)
        if typ in ('f', 'F', '%'):
            if prec is not None:
                x, _ = x._rescale(-prec, rounding)
            digits = _s(x._int)
            if x._exp >= 0:
                body = digits + '0' * x._exp
                frac = ''
            else:
                digits = digits.rjust(-x._exp + 1, '0')
                body = digits[:x._exp]
                frac = digits[x._exp:]
            if comma:
                body = _group(body, comma)
            body = body + ('.' + frac if frac else '')
            if typ == '%':
                body += '%'
        elif typ in ('e', 'E'):
            if prec is not None:
                x, _ = x._rescale(x.adjusted() - prec, rounding)
                if _nd(x._int) > prec + 1:
                    x, _ = x._rescale(x._exp + 1, rounding)
            digits = _s(x._int)
            adj = x._exp + len(digits) - 1
            body = digits[0] + ('.' + digits[1:] if len(digits) > 1 else '')
            body += ('e' if typ == 'e' else 'E') + ('+' if adj >= 0 else '-') + str(abs(adj))
        elif typ in ('g', 'G') and prec is not None:
            if prec == 0:
                prec = 1
            if _nd(x._int) > prec:
                x, _ = x._rescale(x._exp + _nd(x._int) - prec, rounding)
            body = str(x) if typ == 'G' else str(x).replace('E', 'e')
        else:
            body = str(x)
            if comma and 'E' not in body:
                ip, _, fp = body.lstrip('-').partition('.')
                body = _group(ip, comma) + ('.' + fp if fp else '')
            else:
                body = body.lstrip('-')
            if typ in ('g', 'n'):
                body = body.replace('E', 'e')
        neg = neg and (x._int != 0 or typ is None or True)
    body = body.lstrip('-')
    s = '-' if neg else ('+' if sign == '+' else (' ' if sign == ' ' else ''))
    if width is not None and len(s) + len(body) < width:
        pad = width - len(s) - len(body)
        if zero and align is None:
            return s + '0' * pad + body
        a = align or '>'
        if a == '<':
            return s + body + fill * pad
        if a == '^':
            return fill * (pad // 2) + s + body + fill * (pad - pad // 2)
        if a == '=':
            return s + fill * pad + body
        return fill * pad + s + body
    return s + body

def _group(digits, sep):
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)

# The native core (decimal/native.rs) takes these methods over and calls the ones saved here for the
# cases it leaves to them (specials, trapped signals, floats...).
for _n in ('__init__', '__add__', '__radd__', '__sub__', '__rsub__', '__mul__', '__rmul__', '__truediv__',
           '__rtruediv__', '__floordiv__', '__rfloordiv__', '__mod__', '__rmod__', '__eq__', '__ne__', '__lt__',
           '__le__', '__gt__', '__ge__', '_fix', '__str__', '__repr__', 'to_eng_string', '__bool__'):
    setattr(Decimal, '_py' + _n, Decimal.__dict__[_n])
del _n
Decimal._nat = (Decimal, _current, Inexact, Rounded, Overflow)

for _c in (DecimalException, Clamped, InvalidOperation, ConversionSyntax, DivisionByZero, DivisionImpossible,
           DivisionUndefined, Inexact, InvalidContext, Rounded, Subnormal, Overflow, Underflow, FloatOperation,
           Decimal, Context, DecimalTuple):
    _c.__module__ = 'decimal'
del _c
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "decimal",
        "Decimal fixed-point and floating-point arithmetic.",
        native::FUNCTIONS,
        SOURCE,
    )?;
    super::add_methods(&m, "Decimal", native::METHODS)?;
    Ok(m)
}
