//! `enum`: `Enum`, `IntEnum`, `StrEnum`, `Flag`, `IntFlag`, `ReprEnum`, `auto`, `unique`, `EnumType` (alias
//! `EnumMeta`), `member`/`nonmember`, `enum.property`, `FlagBoundary` (`STRICT`, `CONFORM`, `EJECT`, `KEEP`:
//! what `Flag(value)` does with bits no member names), `verify` with `EnumCheck` (`UNIQUE`, `CONTINUOUS`,
//! `NAMED_FLAGS`), `global_enum`, `show_flag_values`, with CPython 3.11's reprs and strs, value and name lookup, aliases, iteration, `__members__`,
//! composite flags and the functional API (`Enum('Name', 'A B C')`). It is written in Python on evalx's
//! class model: `EnumType` is an ordinary metaclass (`__new__`, `__call__`, `__iter__`, `__getitem__`...),
//! and `IntEnum` members are `int` subclass instances carrying their int.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
class auto:
    def __init__(self, value=None):
        self.value = value
    def __repr__(self):
        return 'auto(%r)' % self.value

class member:
    """Forces the wrapped value to become a member (functions included)."""
    def __init__(self, value):
        self.value = value

class nonmember:
    """Keeps the wrapped value out of the members, as a plain class attribute."""
    def __init__(self, value):
        self.value = value

_Member, _NonMember = member, nonmember

def _is_descriptor(obj):
    return (hasattr(obj, '__get__') or hasattr(obj, '__set__') or hasattr(obj, '__delete__')
            or callable(obj) or type(obj).__name__ in ('staticmethod', 'classmethod', 'property'))

def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'

def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1] != '_' and name[-2] != '_'

def _is_private(cls_name, name):
    pattern = '_%s__' % cls_name.lstrip('_')
    return len(name) > len(pattern) and name.startswith(pattern)

class EnumType(type):
    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        return {}

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        member_type = object
        first_enum = None
        for base in bases:
            for k in base.__mro__:
                if isinstance(k, EnumType):
                    if first_enum is None:
                        first_enum = k
                    if k._member_names_:
                        raise TypeError('%s: cannot extend enumeration %r' % (cls, k.__name__))
                elif k is not object and member_type is object and k.__module__ == 'builtins':
                    member_type = k
        members = []
        for key in list(classdict):
            if key.startswith('__') or _is_sunder(key) or _is_private(cls, key):
                continue
            value = classdict[key]
            if isinstance(value, _NonMember):
                classdict[key] = value.value
                continue
            if isinstance(value, _Member):
                value = value.value
            elif _is_descriptor(value) and not isinstance(value, auto):
                continue
            members.append((key, value))
            del classdict[key]
        classdict['_member_names_'] = []
        classdict['_member_map_'] = {}
        classdict['_value2member_map_'] = {}
        classdict['_member_type_'] = member_type
        # A data type mixed in before Enum (`class C(str, Enum)`, IntEnum) comes first in the MRO, so its
        # members hash as their values do: `{'r': 1}[C.R]`.
        if member_type is not object and '__hash__' not in classdict:
            classdict['__hash__'] = member_type.__hash__
        if boundary is not None:
            classdict['_boundary_'] = boundary
        enum_class = super().__new__(metacls, cls, bases, classdict, **kwds)
        last_values = []
        user_init = None
        for k in enum_class.__mro__:
            if '__init__' in k.__dict__:
                if k is not Enum_base_holder[0] and isinstance(k, EnumType):
                    user_init = k.__dict__['__init__']
                break
        for name, value in members:
            if isinstance(value, auto):
                if value.value is None:
                    value = enum_class._generate_next_value_(name, 1, len(last_values), last_values[:])
                else:
                    value = value.value
            if isinstance(value, tuple):
                args = value
            else:
                args = (value,)
            if member_type is tuple:
                args = (args,)
            if '__new_member__' in enum_class.__dict__:
                member = enum_class.__new_member__(enum_class, *args)
            elif member_type is object:
                member = object.__new__(enum_class)
            else:
                member = member_type.__new__(enum_class, *args)
            if not hasattr(member, '_value_'):
                if member_type is object:
                    member._value_ = value
                else:
                    member._value_ = member_type(*args)
            value = member._value_
            member._name_ = name
            member._sort_order_ = len(enum_class._member_names_)
            if user_init is not None:
                user_init(member, *args)
            canonical = enum_class._value2member_map_.get(value)
            if canonical is None:
                for m in enum_class._member_map_.values():
                    if m._value_ == value:
                        canonical = m
                        break
            if canonical is not None:
                type.__setattr__(enum_class, name, canonical)
                enum_class._member_map_[name] = canonical
            else:
                # A flag whose value is not a single bit (0, or several bits) is an alias: listed in
                # `__members__`, left out of iteration, as in CPython 3.11.
                is_flag = bool(Flag_holder) and issubclass(enum_class, Flag_holder[0])
                if not is_flag or (isinstance(value, int) and _power_of_two(value)):
                    enum_class._member_names_.append(name)
                enum_class._member_map_[name] = member
                type.__setattr__(enum_class, name, member)
                try:
                    enum_class._value2member_map_[value] = member
                except TypeError:
                    pass
            last_values.append(value)
        return enum_class

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type, start=start)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1):
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        classdict = {}
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original_names, names = names, []
            last_values = []
            for count, name in enumerate(original_names):
                value = cls._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        if isinstance(names, dict):
            names = list(names.items())
        for item in names:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        classdict['__module__'] = module if module is not None else '__main__'
        return metacls.__new__(metacls, class_name, bases, classdict)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            return member in cls._value2member_map_ or any(
                m._value_ == member for m in cls._member_map_.values())
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError('%r cannot delete member %r.' % (cls.__name__, attr))
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if Flag_holder and issubclass(cls, Flag_holder[0]):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __bool__(cls):
        return True

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get('_member_map_', {})
        if name in member_map:
            raise AttributeError('cannot reassign member %r' % (name, ))
        super().__setattr__(name, value)

EnumMeta = EnumType
Enum_base_holder = [None]
Flag_holder = []

class Enum(metaclass=EnumType):
    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for member in cls._member_map_.values():
                if member._value_ == value:
                    return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if (result is not None and isinstance(result, int)
                and getattr(cls, '_boundary_', None) is FlagBoundary_holder[0]):
            return result
        if result is None:
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        raise TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                        % (cls.__name__, result))

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        try:
            last = sorted(last_values)[-1] if False else last_values[-1]
            return last + 1
        except TypeError:
            raise TypeError('unable to sort non-numeric values') from None

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        return "<%s.%s: %s>" % (self.__class__.__name__, self._name_, v_repr(self._value_))

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_, )

    def __dir__(self):
        return ['__class__', '__doc__', '__eq__', '__hash__', '__module__', 'name', 'value']

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

Enum._value_repr_ = None
Enum_base_holder[0] = Enum

class ReprEnum(Enum):
    pass

class IntEnum(int, ReprEnum):
    def __str__(self):
        return int.__repr__(self)
    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)

class StrEnum(str, ReprEnum):
    def __str__(self):
        return str.__str__(self)
    def __format__(self, format_spec):
        return str.__format__(str.__str__(self), format_spec)
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

def _power_of_two(value):
    return value > 0 and value & (value - 1) == 0

class Flag(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        high = max(last_values)
        return 2 ** (high.bit_length())

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        all_bits = 0
        for m in cls._member_map_.values():
            all_bits |= m._value_
        boundary = getattr(cls, '_boundary_', None)
        extra = value & ~all_bits if value >= 0 else 0
        if value < 0:
            value = all_bits & value
        if extra:
            if boundary is STRICT:
                width = max(value.bit_length(), all_bits.bit_length())
                raise ValueError('%r invalid value %r\n    given 0b0 %s\n  allowed 0b0 %s'
                                 % (cls, value, format(value, '0%db' % width), format(all_bits, '0%db' % width)))
            if boundary is EJECT:
                return value
            if boundary is not KEEP:
                value &= all_bits
                extra = 0
        member_type = cls._member_type_
        if member_type is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = member_type.__new__(cls, value)
        pseudo._value_ = value
        names = [m._name_ for m in cls._member_map_.values()
                 if m._name_ in cls._member_names_ and m._value_ and m._value_ & value == m._value_
                 and _power_of_two(m._value_)]
        if extra and names:
            names.append(str(extra))
        pseudo._name_ = '|'.join(names) if names else None
        if value == 0 or names:
            cls._value2member_map_[value] = pseudo
        return pseudo

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r" % (
                type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        for m in self.__class__:
            if m._value_ and m._value_ & self._value_ == m._value_ and _power_of_two(m._value_):
                yield m

    def __len__(self):
        return bin(self._value_).count('1')

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = self.__class__._value_repr_ or repr
        if self._name_ is None:
            return "<%s: %s>" % (cls_name, v_repr(self._value_))
        return "<%s.%s: %s>" % (cls_name, self._name_, v_repr(self._value_))

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return '%s(%r)' % (cls_name, self._value_)
        return "%s.%s" % (cls_name, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def _get_value(self, flag):
        if isinstance(flag, self.__class__):
            return flag._value_
        if self._member_type_ is not object and isinstance(flag, self._member_type_):
            return flag
        return NotImplemented

    def __or__(self, other):
        v = self._get_value(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ | v)

    def __and__(self, other):
        v = self._get_value(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ & v)

    def __xor__(self, other):
        v = self._get_value(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ ^ v)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        all_bits = 0
        for m in self.__class__._member_map_.values():
            all_bits |= m._value_
        return self.__class__(all_bits & ~self._value_)

Flag_holder.append(Flag)

class FlagBoundary(StrEnum):
    STRICT = auto()
    CONFORM = auto()
    EJECT = auto()
    KEEP = auto()

STRICT, CONFORM, EJECT, KEEP = FlagBoundary
FlagBoundary_holder = [EJECT]
Flag._boundary_ = CONFORM

class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    def __str__(self):
        return int.__repr__(self)
    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)
    @classmethod
    def _missing_(cls, value):
        return Flag._missing_.__func__(cls, value)
    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__or__
    __rand__ = Flag.__and__
    __rxor__ = Flag.__xor__
    __invert__ = Flag.__invert__
    __contains__ = Flag.__contains__
    __iter__ = Flag.__iter__
    __len__ = Flag.__len__
    __repr__ = Flag.__repr__
    __bool__ = Flag.__bool__

def unique(enumeration):
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ', '.join(["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' % (enumeration, alias_details))
    return enumeration

class EnumCheck(StrEnum):
    CONTINUOUS = 'no skipped integer values'
    NAMED_FLAGS = 'multi-flag aliases may not contain unnamed flags'
    UNIQUE = 'one name per value'

CONTINUOUS, NAMED_FLAGS, UNIQUE = EnumCheck

def _bits_of(value):
    bits = []
    bit = 1
    while bit <= value:
        if value & bit:
            bits.append(bit)
        bit <<= 1
    return bits

def show_flag_values(value):
    return _bits_of(value)

class verify:
    """Class decorator: checks an enumeration against the given EnumCheck constraints."""
    def __init__(self, *checks):
        self.checks = checks
    def __call__(self, enumeration):
        checks = self.checks
        cls_name = enumeration.__name__
        kind = 'Flag' if Flag is not None and issubclass(enumeration, Flag) else 'enum'
        for check in checks:
            if check is UNIQUE:
                duplicates = []
                for name, m in enumeration.__members__.items():
                    if name != m.name:
                        duplicates.append((name, m.name))
                if duplicates:
                    details = ', '.join('%s -> %s' % (alias, name) for alias, name in duplicates)
                    raise ValueError('aliases found in %r: %s' % (enumeration, details))
            elif check is CONTINUOUS:
                values = set(e.value for e in enumeration)
                if len(values) < 2:
                    continue
                low, high = min(values), max(values)
                missing = []
                if kind == 'Flag':
                    for i in range(low.bit_length() - 1, high.bit_length()):
                        if 2 ** i not in values:
                            missing.append(2 ** i)
                elif kind == 'enum':
                    for i in range(low + 1, high):
                        if i not in values:
                            missing.append(i)
                if missing:
                    raise ValueError('invalid %s %r: missing values %s'
                                     % (kind.lower() if kind == 'Flag' else kind, cls_name, ', '.join(str(v) for v in missing)))
            elif check is NAMED_FLAGS:
                member_names = enumeration._member_names_
                member_values = [m.value for m in enumeration]
                missing_names = []
                missing_value = 0
                for name, alias in enumeration._member_map_.items():
                    if name in member_names:
                        continue
                    if alias.value < 0:
                        continue
                    values = _bits_of(alias.value)
                    missed = [v for v in values if v not in member_values]
                    if missed:
                        missing_names.append(name)
                        for v in missed:
                            missing_value |= v
                if missing_names:
                    if len(missing_names) == 1:
                        alias = 'alias %s is missing' % missing_names[0]
                    else:
                        alias = 'aliases %s and %s are missing' % (', '.join(missing_names[:-1]), missing_names[-1])
                    if _power_of_two(missing_value):
                        value = 'value 0x%x' % missing_value
                    else:
                        value = 'combined values of 0x%x' % missing_value
                    raise ValueError('invalid Flag %r: %s %s [use enum.show_flag_values(value) for details]'
                                     % (cls_name, alias, value))
        return enumeration

def _global_repr(self):
    module = self.__class__.__module__.split('.')[-1]
    return '%s.%s' % (module, self._name_)

def _global_str(self):
    return self._name_

def global_enum(cls, update_str=False):
    """Class decorator: puts the members into their module's namespace and shows them as module names."""
    cls.__repr__ = _global_repr
    if not issubclass(cls, Flag) or update_str:
        cls.__str__ = _global_str
    import sys as _sys
    mod = _sys.modules.get(cls.__module__)
    if mod is not None:
        mod.__dict__.update(cls.__members__)
    return cls

# Defined last: the classes above use the built-in `property`.
class property:
    """An enum member's attribute that is also a valid member name: read through an instance, the class
    itself has no such attribute (unless a member of that name exists)."""
    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        self.__doc__ = doc if doc is not None else getattr(fget, '__doc__', None)
        self.name = getattr(fget, '__name__', None)
    def __set_name__(self, ownerclass, name):
        self.name = name
    def __get__(self, instance, ownerclass=None):
        if instance is None:
            raise AttributeError(self.name)
        if self.fget is None:
            try:
                return instance._member_map_[self.name]
            except KeyError:
                raise AttributeError('%r member has no attribute %r' % (ownerclass, self.name)) from None
        return self.fget(instance)
    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError("<enum %r> cannot set attribute %r" % (type(instance).__name__, self.name))
        self.fset(instance, value)
    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError("<enum %r> cannot delete attribute %r" % (type(instance).__name__, self.name))
        self.fdel(instance)
    def getter(self, fget):
        return type(self)(fget, self.fset, self.fdel, self.__doc__)
    def setter(self, fset):
        return type(self)(self.fget, fset, self.fdel, self.__doc__)
    def deleter(self, fdel):
        return type(self)(self.fget, self.fset, fdel, self.__doc__)

"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "enum",
        "Enumerations: named constants whose members are unique instances of their class",
        &[],
        SOURCE,
    )
}
