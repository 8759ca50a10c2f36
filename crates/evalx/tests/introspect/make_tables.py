"""Regenerates evalx's introspection tables (src/describe/tables.rs) and the help/dir goldens in
tests/introspect/*.txt from CPython 3.11.

Usage: python3 crates/evalx/tests/introspect/make_tables.py

Facts taken from CPython: which names each built-in type defines (restricted to the public methods evalx
implements, read from src/methods/mod.rs), each member's kind (pydoc.classify_class_attrs), its signature
(inspect.signature) and whether it is bound to the class (" from builtins.type"). The doc words are our own
(the DOCS tables below), never CPython's. The goldens are CPython's help() output with every docstring
blanked (pydoc.getdoc patched to return ''), so they pin headers, signatures and section structure exactly;
the Rust test renders evalx's descriptions with docs blanked the same way and compares byte for byte.
"""
import builtins, contextlib, inspect, io, math, pathlib, pydoc, re, sys

here = pathlib.Path(__file__).resolve().parent
crate = here.parent.parent
methods_rs = "".join(p.read_text() for p in sorted((crate / "src/methods").glob("*.rs")))


def rust_list(const):
    m = re.search(r"const %s: &\[&str\] = &\[(.*?)\];" % const, methods_rs, re.S)
    return set(re.findall(r'"([^"]+)"', m.group(1)))


IMPL = {
    "str": rust_list("STR_METHODS"),
    "list": rust_list("LIST_METHODS"),
    "dict": rust_list("DICT_METHODS"),
    "tuple": rust_list("TUPLE_METHODS"),
    "set": rust_list("SET_METHODS"),
    "frozenset": rust_list("FROZENSET_METHODS"),
    "int": rust_list("INT_METHODS") | {"real", "imag", "numerator", "denominator"},
    "bool": set(),
    "float": rust_list("FLOAT_METHODS") | {"real", "imag"},
    "bytes": rust_list("BYTES_METHODS"),
    "range": {"count", "index", "start", "stop", "step"},
    "slice": {"indices", "start", "stop", "step"},
    "complex": {"conjugate", "real", "imag"},
    "object": set(),
    "NoneType": set(),
}
TYPES = [object, type(None), int, bool, float, complex, str, bytes, list, tuple, dict, set, frozenset, range,
         slice]

# The other classes evalx has. For these, callable dunders (operators, protocols) are listed as CPython lists
# them, while data attributes and public methods only where evalx's getattr answers them (probed with evalx:
# hasattr(value, name) for every name of CPython's dir(value)).
builtins_rs = (crate / "src/builtins/mod.rs").read_text()
EXCEPTIONS = re.findall(r'\("(\w+)", "\w*"\)', re.search(r"const EXC_TREE.*?\];", builtins_rs, re.S).group(0))
# The exception groups are made by src/exc_group.rs, after the tree.
EXCEPTIONS += ["BaseExceptionGroup", "ExceptionGroup"]


def _gen():
    yield 1


def _f():
    pass


async def _coro_fn():
    pass


async def _agen_fn():
    yield 1


_coro = _coro_fn()
_coro.close()
_agen = _agen_fn()


PROBED = {
    "BaseException": {"__dict__", "args", "__traceback__", "__context__", "__cause__", "__suppress_context__",
                      "add_note", "with_traceback"},
    "StopIteration": {"value"},
    "BaseExceptionGroup": {"exceptions", "message", "derive", "split", "subgroup"},
    "ExceptionGroup": {"__module__", "__weakref__"},
    "OSError": {"errno", "filename", "filename2", "strerror", "characters_written"},
    "SyntaxError": {"msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset",
                    "print_file_and_line"},
    "UnicodeDecodeError": {"encoding", "object", "start", "end", "reason"},
    "UnicodeEncodeError": {"encoding", "object", "start", "end", "reason"},
    "function": {"__annotations__", "__builtins__", "__closure__", "__code__", "__defaults__", "__dict__",
                 "__globals__", "__kwdefaults__", "__module__", "__name__", "__qualname__"},
    "generator": {"__name__", "__qualname__", "close", "send", "throw", "gi_code", "gi_frame", "gi_running",
                  "gi_suspended", "gi_yieldfrom"},
    "coroutine": {"__name__", "__qualname__", "close", "send", "throw", "cr_await", "cr_code", "cr_frame",
                  "cr_origin", "cr_running", "cr_suspended"},
    "async_generator": {"__name__", "__qualname__", "aclose", "asend", "athrow", "ag_await", "ag_code",
                        "ag_frame", "ag_running"},
    "builtin_function_or_method": {"__module__", "__name__", "__qualname__", "__self__", "__text_signature__"},
    "method": {"__func__", "__self__"},
    "dict_keys": {"isdisjoint", "mapping"}, "dict_values": {"mapping"}, "dict_items": {"isdisjoint", "mapping"},
    "type": {"__abstractmethods__", "__annotations__", "__text_signature__", "__bases__", "__base__", "__dict__", "__module__", "__mro__", "__name__",
             "__qualname__", "mro"},
    "property": {"fget", "fset", "fdel", "getter", "setter", "deleter", "__isabstractmethod__"},
    "staticmethod": {"__dict__", "__func__", "__wrapped__", "__isabstractmethod__"},
    "classmethod": {"__dict__", "__func__", "__wrapped__", "__isabstractmethod__"},
    "super": {"__self__", "__self_class__", "__thisclass__"},
    "cell": {"cell_contents"},
    "code": {"co_argcount", "co_cellvars", "co_filename", "co_firstlineno", "co_flags", "co_freevars",
             "co_kwonlyargcount", "co_name", "co_nlocals", "co_posonlyargcount", "co_qualname", "co_varnames"},
    "frame": {"f_back", "f_builtins", "f_code", "f_globals", "f_lasti", "f_lineno", "f_locals", "f_trace",
              "f_trace_lines", "f_trace_opcodes", "clear"},
}
EXTRA = [getattr(builtins, n) for n in EXCEPTIONS] + [
    type(_f), type(_gen()), type(len), type(_f.__get__(1)), type(iter([])), type(iter(())), type(iter("")),
    type(iter(range(0))), type(iter({})), type(iter({}.values())), type(iter({}.items())), type(iter(set())),
    enumerate, zip, map, filter, type(reversed([])), type(iter(int, 0)), type({}.keys()), type({}.values()),
    type({}.items()), type(...), type(NotImplemented), type, property, super, reversed, staticmethod, classmethod,
    type(_coro), type(_agen), type((lambda x: lambda: x)(0).__closure__[0]), type(_f.__code__),
    type(_gen().gi_frame),
]
for cls in EXTRA:
    IMPL.setdefault(cls.__name__, PROBED.get(cls.__name__, set()))
STRICT = {cls.__name__ for cls in EXTRA}
TYPES = TYPES + EXTRA

BIN = {"add": "+", "sub": "-", "mul": "*", "truediv": "/", "floordiv": "//", "mod": "%", "pow": "**",
       "lshift": "<<", "rshift": ">>", "and": "&", "or": "|", "xor": "^", "matmul": "@"}
CMP = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
DUNDER = {
    "__abs__": "The absolute value of self.", "__bool__": "True unless self is zero or empty.",
    "__ceil__": "The smallest integer >= self.", "__floor__": "The largest integer <= self.",
    "__trunc__": "Self with any fraction dropped, as an int.", "__round__": "Self rounded to ndigits decimal places.",
    "__contains__": "Whether key is among the items of self.", "__delitem__": "Remove the item at key.",
    "__getitem__": "The item of self at key (an index, a slice or a mapping key).",
    "__setitem__": "Store value at key.", "__len__": "How many items self holds.",
    "__iter__": "An iterator over self.", "__reversed__": "An iterator over self from the end.",
    "__hash__": "The hash of self.", "__repr__": "The repr of self.", "__str__": "The str of self.",
    "__format__": "Self formatted by format_spec.", "__getattribute__": "The attribute of self called name.",
    "__setattr__": "Set the attribute called name to value.", "__delattr__": "Remove the attribute called name.",
    "__init__": "Set up a new object; see the class's help for the arguments.",
    "__new__": "Make a new object of the class; see its help for the arguments.",
    "__sizeof__": "Bytes of memory self occupies.", "__dir__": "The names dir() lists for self.",
    "__reduce__": "Pickling support.", "__reduce_ex__": "Pickling support for a protocol version.",
    "__getstate__": "The state a pickle records for self.", "__getnewargs__": "Arguments a copy passes to __new__.",
    "__init_subclass__": "Called when the class gets a subclass; does nothing by default.",
    "__subclasshook__": "Decides issubclass() for abstract classes; NotImplemented by default.",
    "__class_getitem__": "A generic alias of the class (as in list[int]).",
    "__neg__": "-self", "__pos__": "+self", "__invert__": "~self", "__int__": "int(self)",
    "__float__": "float(self)", "__index__": "Self as an index (for slicing and bin/hex/oct).",
    "__divmod__": "divmod(self, value)", "__rdivmod__": "divmod(value, self)",
    "__getformat__": "How this machine stores floats of a C type.", "__iadd__": "self += value, in place.",
    "__imul__": "self *= value, in place.", "__isub__": "self -= value, in place.", "__iand__": "self &= value, in place.",
    "__ior__": "self |= value, in place.", "__ixor__": "self ^= value, in place.", "__mod__": "self % value",
    "__rmod__": "value % self", "__getnewargs_ex__": "Arguments a copy passes to __new__.",
    "__bytes__": "The bytes of self.", "__buffer__": "A buffer over self.",
}
for op, sym in BIN.items():
    DUNDER.setdefault("__%s__" % op, "self %s value" % sym)
    DUNDER.setdefault("__r%s__" % op, "value %s self" % sym)
for op, sym in CMP.items():
    DUNDER.setdefault("__%s__" % op, "Whether self %s value." % sym)

METHOD = {
    "append": "Put object at the end of the list.", "clear": "Remove every item.",
    "copy": "A shallow copy (the same items in a new container).", "count": "How many items equal value.",
    "extend": "Append every item of iterable.", "index": "Where value first occurs.\n\nValueError when it does not.",
    "insert": "Put object before position index.", "pop": "Remove and return an item.\n\nThe last one unless told which.",
    "remove": "Remove the first item equal to value.\n\nValueError when there is none.",
    "reverse": "Reverse the items where they are.",
    "sort": "Sort the items where they are, ascending, keeping equal items in order.\n\n"
            "key picks what to compare; reverse=True sorts descending.",
    "fromkeys": "A new dict whose keys come from iterable, each mapped to value.",
    "get": "The value for key, or default when key is absent.", "items": "A view of the (key, value) pairs.",
    "keys": "A view of the keys.", "values": "A view of the values.",
    "popitem": "Remove and return the last (key, value) pair inserted.\n\nKeyError when empty.",
    "setdefault": "The value for key, inserting default first when key is absent.",
    "update": "Add the items of the arguments, replacing existing keys.",
    "add": "Put an element in the set.", "difference": "The elements in self but in none of the others.",
    "difference_update": "Remove the elements found in any of the others.",
    "discard": "Remove an element if present.", "intersection": "The elements common to self and all the others.",
    "intersection_update": "Keep only the elements common to self and all the others.",
    "isdisjoint": "Whether self and other share no element.", "issubset": "Whether every element is in other.",
    "issuperset": "Whether every element of other is in self.",
    "symmetric_difference": "The elements in exactly one of self and other.",
    "symmetric_difference_update": "Keep the elements in exactly one of self and other.",
    "union": "The elements in self or any of the others.",
    "as_integer_ratio": "A pair of ints whose ratio is exactly self, with a positive denominator.",
    "bit_count": "How many ones the binary form of abs(self) has.",
    "bit_length": "How many bits abs(self) needs, without sign or leading zeros.",
    "conjugate": "Self (numbers of this type are real).",
    "from_bytes": "The int the bytes represent, in the given byte order.",
    "to_bytes": "The int as length bytes in the given byte order.",
    "denominator": "The denominator of the number in lowest terms (1 for an int).",
    "numerator": "The numerator of the number in lowest terms (the int itself).",
    "real": "The real part of the number.", "imag": "The imaginary part of the number (always zero).",
    "fromhex": "The float a hexadecimal string such as '0x1.8p1' writes.",
    "hex": "The hexadecimal form of the value.", "is_integer": "Whether the float has no fractional part.",
    "start": "Where the range or slice begins.", "stop": "Where the range or slice ends (exclusive).",
    "step": "The distance between items.", "decode": "The str the bytes encode.",
    "capitalize": "A copy with the first character upper-cased and the rest lower-cased.",
    "casefold": "A copy folded for caseless comparison.", "center": "Self centred in width characters.",
    "encode": "The bytes encoding the string.", "endswith": "Whether the string ends with suffix.",
    "expandtabs": "A copy with tabs replaced by spaces.", "find": "Lowest index of sub, or -1.",
    "format": "The string with its {} fields filled from the arguments.",
    "format_map": "The string with its {} fields filled from mapping.",
    "isalnum": "Whether every character is a letter or digit.", "isalpha": "Whether every character is a letter.",
    "isascii": "Whether every character is ASCII.", "isdecimal": "Whether every character is a decimal digit.",
    "isdigit": "Whether every character is a digit.", "isidentifier": "Whether the string is a valid identifier.",
    "islower": "Whether every cased character is lower case.", "isnumeric": "Whether every character is numeric.",
    "isprintable": "Whether every character is printable.", "isspace": "Whether every character is whitespace.",
    "istitle": "Whether the string is title-cased.", "isupper": "Whether every cased character is upper case.",
    "join": "The items of iterable joined with self between them.", "ljust": "Self padded on the right to width.",
    "lower": "A lower-cased copy.", "lstrip": "A copy without leading whitespace (or chars).",
    "maketrans": "A translation table for translate().", "partition": "Split at the first sep into three parts.",
    "removeprefix": "A copy without prefix at the start.", "removesuffix": "A copy without suffix at the end.",
    "replace": "A copy with occurrences of old replaced by new.", "rfind": "Highest index of sub, or -1.",
    "rindex": "Highest index of sub.\n\nValueError when absent.", "rjust": "Self padded on the left to width.",
    "rpartition": "Split at the last sep into three parts.", "rsplit": "The words of the string, split from the right.",
    "rstrip": "A copy without trailing whitespace (or chars).", "split": "The words of the string, split at sep.",
    "splitlines": "The lines of the string.", "startswith": "Whether the string starts with prefix.",
    "strip": "A copy without leading and trailing whitespace (or chars).", "swapcase": "A copy with cases swapped.",
    "title": "A title-cased copy.", "translate": "A copy with each character mapped through table.",
    "upper": "An upper-cased copy.", "zfill": "Self padded on the left with zeros to width.",
}
# Docs of members whose meaning differs on one type.
TYPE_METHOD = {
    ("frame", "clear"): "Drop the variables of a frame that has finished (a running one refuses).",
    ("complex", "conjugate"): "The complex conjugate: the same real part, the imaginary part negated.",
    ("complex", "imag"): "The imaginary part of the number.",
    ("complex", "__complex__"): "complex(self)",
}
CLASSDOC = {
    "object": "The base of every class.", "NoneType": "The type of None.",
    "int": "int([x]) -> integer\nint(x, base=10) -> integer\n\nAn integer, from a number or a string of digits.",
    "bool": "True or False: the truth values, an int subclass.", "float": "A floating-point number.",
    "complex": "A complex number: a real and an imaginary part, both floats.",
    "str": "str(object='') -> str\n\nAn immutable sequence of Unicode characters.",
    "bytes": "An immutable sequence of bytes.", "list": "A mutable sequence.\n\nlist() is empty; list(iterable) holds its items.",
    "tuple": "An immutable sequence.", "dict": "A mapping of keys to values that keeps insertion order.",
    "set": "An unordered collection of distinct hashable elements.",
    "frozenset": "An immutable set.", "range": "range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nAn immutable sequence of ints.",
    "slice": "slice(stop)\nslice(start, stop[, step])\n\nThe indices a[start:stop:step] selects.",
}

OTHERDOC = {
    "function": "A function defined with def or lambda.", "generator": "The iterator a generator function returns.",
    "builtin_function_or_method": "A function or bound method written in the interpreter itself.",
    "method": "A function bound to an instance.", "type": "type(object) -> the object's type\ntype(name, bases, dict) -> a new type",
    "ellipsis": "The type of the Ellipsis singleton (...).", "NotImplementedType": "The type of NotImplemented.",
    "property": "A computed attribute: a getter, an optional setter and deleter.",
    "enumerate": "Pairs of (count, item) for the items of an iterable.",
    "zip": "Tuples of the items at the same position in each iterable.",
    "map": "The results of a function applied to the items of the iterables.",
    "filter": "The items of an iterable for which a function is true.",
    "reversed": "The items of a sequence, last first.",
    "staticmethod": "A function stored in a class that receives no instance.",
    "classmethod": "A function stored in a class that receives the class.",
    "super": "A proxy that looks attributes up in the classes after the given one in the MRO.",
    "coroutine": "The awaitable an async def function returns.",
    "async_generator": "The asynchronous iterator an async def function with yield returns.",
    "cell": "A variable shared between a function and the functions nested in it.",
    "code": "Compiled code: a module, a class body or a function's body, with what it was compiled from.",
    "frame": "A running (or suspended) function call: its code, line and variables.",
    "BaseException": "The root of the exception hierarchy.",
    "SystemExit": "Raised by sys.exit() to end the program.", "KeyboardInterrupt": "Raised when the user interrupts (Ctrl-C).",
    "GeneratorExit": "Raised inside a generator when it is closed.",
    "Exception": "The base of the ordinary, non-exit exceptions.", "ArithmeticError": "The base of the arithmetic errors.",
    "ZeroDivisionError": "Division or modulo by zero.", "OverflowError": "A result too large to represent.",
    "FloatingPointError": "A floating-point operation failed.", "AssertionError": "An assert statement's test was false.",
    "AttributeError": "An attribute is missing or cannot be set.", "BufferError": "A buffer operation failed.",
    "EOFError": "Input ended where more was expected.", "ImportError": "A module or a name in it cannot be imported.",
    "ModuleNotFoundError": "No module of that name exists.", "LookupError": "The base of the failed-lookup errors.",
    "IndexError": "A sequence index out of range.", "KeyError": "A mapping key that is not there.",
    "MemoryError": "Memory ran out.", "NameError": "A name that is not defined.",
    "UnboundLocalError": "A local variable read before it was assigned.", "OSError": "An operating-system call failed.",
    "FileNotFoundError": "A file or directory that does not exist.", "PermissionError": "An operation the permissions forbid.",
    "ReferenceError": "A weak reference whose object is gone.", "RuntimeError": "An error that fits no other category.",
    "NotImplementedError": "A method that a subclass should have implemented.",
    "RecursionError": "Calls nested deeper than the recursion limit.", "StopIteration": "An iterator has no more items.",
    "StopAsyncIteration": "An asynchronous iterator has no more items.", "SyntaxError": "Source code that does not parse.",
    "IndentationError": "Indentation that does not fit the block structure.", "TabError": "Tabs and spaces mixed inconsistently.",
    "SystemError": "An internal error of the interpreter.", "TypeError": "An operation applied to a value of the wrong type.",
    "ValueError": "A value of the right type but unsuitable.", "UnicodeError": "The base of the Unicode errors.",
    "UnicodeDecodeError": "Bytes that do not decode.", "UnicodeEncodeError": "Text that does not encode.",
    "Warning": "The base of the warning categories.", "UserWarning": "A warning raised by user code.",
    "DeprecationWarning": "A feature that is going away.", "RuntimeWarning": "A dubious runtime behaviour.",
    "SyntaxWarning": "Dubious syntax.",
    "TimeoutError": "An operation ran out of time.", "FileExistsError": "A file or directory that already exists.",
    "IsADirectoryError": "A file operation on a directory.",
    "NotADirectoryError": "A directory operation on something that is not a directory.",
    "BlockingIOError": "An operation would block a non-blocking stream.",
    "ChildProcessError": "An operation on a child process failed.",
    "InterruptedError": "A system call interrupted by a signal.",
    "ProcessLookupError": "A process that does not exist.", "ConnectionError": "The base of the connection errors.",
    "BrokenPipeError": "Writing to a pipe or socket whose other end is closed.",
    "ConnectionAbortedError": "A connection the peer aborted.", "ConnectionRefusedError": "A connection the peer refused.",
    "ConnectionResetError": "A connection the peer reset.",
    "PendingDeprecationWarning": "A feature that will be deprecated.",
    "FutureWarning": "A construct whose meaning will change.", "ImportWarning": "A dubious import.",
    "UnicodeWarning": "A dubious Unicode operation.", "BytesWarning": "A dubious bytes operation.",
    "ResourceWarning": "A resource that was not released.", "EncodingWarning": "An encoding left to the default.",
}


def signature(obj):
    try:
        return str(inspect.signature(obj))
    except (ValueError, TypeError):
        return None


def rs(s):
    return "None" if s is None else "Some(%s)" % q(s)


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


KIND = {"method": "Method", "class method": "ClassMethod", "static method": "StaticMethod",
        "data descriptor": "DataDescriptor", "data": "Data", "readonly property": "ReadonlyProperty"}

out = ["//! Generated by crates/evalx/tests/introspect/make_tables.py from CPython %s: the members of the built-in types evalx"
       % sys.version.split()[0],
       "//! implements (names, kinds, signatures as CPython's), with our own one-line docs. Do not edit by hand.",
       "", "use super::{B, M, T};", "use introspect::MemberKind::*;", "", "pub(super) static TYPES: &[T] = &["]
for cls in TYPES:
    name = cls.__name__
    own = []
    for a in sorted(pydoc.classify_class_attrs(cls), key=lambda a: a[0]):
        n, kind, home, obj = a
        if home is not cls:
            continue
        if not n.startswith("_") and n not in IMPL[name]:
            continue
        if (name in STRICT and kind in ("data descriptor", "data") and n not in ("__doc__", "__hash__")
                and n not in IMPL[name]):
            continue
        value = None
        if kind == "data":
            value = repr(CLASSDOC.get(name, OTHERDOC.get(name))) if n == "__doc__" else repr(obj)
        attr = getattr(cls, n) if hasattr(cls, n) else vars(cls)[n]
        from_type = isinstance(getattr(attr, "__self__", None), type) and kind != "method"
        sig = signature(attr) if kind in ("method", "class method", "static method") else None
        doc = METHOD.get(n) if not n.startswith("__") else DUNDER.get(n)
        doc = TYPE_METHOD.get((name, n), doc)
        if doc is None:
            doc = ""
        ty = type(vars(cls)[n]).__name__
        own.append("M { name: %s, kind: %s, ty: %s, sig: %s, value: %s, from_type: %s, doc: %s }"
                   % (q(n), KIND[kind], q(ty), rs(sig), rs(value), "true" if from_type else "false", q(doc)))
    subs = sorted(c.__name__ for c in type.__subclasses__(cls) if c.__module__ == "builtins")
    out.append("    T {")
    out.append("        name: %s," % q(name))
    out.append("        sig: %s," % rs(signature(cls) if cls is not object else "()"))
    out.append("        doc: %s," % q(CLASSDOC.get(name, OTHERDOC.get(name, ""))))
    out.append("        mro: &[%s]," % ", ".join(q(c.__name__) for c in cls.__mro__[1:]))
    out.append("        subclasses: &[%s]," % ", ".join(q(s) for s in subs))
    out.append("        members: &[")
    out.extend("            %s," % m for m in own)
    out.append("        ],")
    out.append("    },")
out.append("];")
out.append("")

BUILTIN_FNS = {
    "print": "Write the objects to the output, separated by sep and followed by end.",
    "len": "The number of items in a container.", "repr": "The printable representation of obj.",
    "abs": "The absolute value of x.", "isinstance": "Whether obj is an instance of the class (or one of the classes).",
    "issubclass": "Whether cls derives from the class (or one of the classes).",
    "hasattr": "Whether obj has an attribute called name.", "getattr": "getattr(object, name[, default]) -> value\n\nThe attribute of object called name, or default when there is none.",
    "setattr": "Set the attribute called name of obj to value.", "delattr": "Remove the attribute called name from obj.",
    "callable": "Whether obj can be called.", "chr": "The one-character string of code point i.",
    "ord": "The code point of a one-character string.", "hex": "The hexadecimal form of an integer.",
    "bin": "The binary form of an integer.", "oct": "The octal form of an integer.",
    "hash": "The hash of obj.", "id": "The identity of obj, unique among the objects alive.",
    "iter": "iter(iterable) -> iterator\niter(callable, sentinel) -> iterator\n\nAn iterator over the argument.",
    "next": "next(iterator[, default])\n\nThe next item of iterator, or default when it is exhausted.",
    "sorted": "A new list of the items of iterable, sorted ascending.", "min": "min(iterable, *[, default=obj, key=func]) -> value\nmin(arg1, arg2, *args, *[, key=func]) -> value\n\nThe smallest item.",
    "max": "max(iterable, *[, default=obj, key=func]) -> value\nmax(arg1, arg2, *args, *[, key=func]) -> value\n\nThe largest item.",
    "sum": "The sum of start and the items of iterable.", "any": "Whether any item of iterable is true.",
    "all": "Whether every item of iterable is true.", "round": "number rounded to ndigits decimal places.",
    "divmod": "The pair (x//y, x%y).", "pow": "base to the power exp, modulo mod when given.",
    "format": "value formatted by format_spec.", "locals": "The names of the current local scope.",
    "globals": "The module's global names.", "eval": "The value of an expression in the given namespaces.",
    "exec": "Run statements in the given namespaces.", "dir": "dir([object]) -> list of strings\n\nWithout an argument, the names of the current scope; with one, the attributes of object,\nits class and the class's bases, sorted.",
    "vars": "vars([object]) -> dictionary\n\nWithout an argument, locals(); with one, object.__dict__.",
    "ascii": "Like repr(), with non-ASCII characters escaped.",
}
MATH = {
    "sqrt": "The square root of x.", "floor": "The largest int <= x.", "ceil": "The smallest int >= x.",
    "trunc": "x with its fraction dropped, as an int.", "fabs": "The absolute value of x as a float.",
    "factorial": "n! for an int n >= 0.", "gcd": "The greatest common divisor of the integers.",
    "lcm": "The least common multiple of the integers.", "comb": "Ways to choose k items from n, unordered.",
    "perm": "Ways to choose k items from n, ordered.", "isqrt": "The integer square root of n.",
    "exp": "e to the power x.", "expm1": "exp(x) - 1, precise for small x.",
    "log": "log(x, [base=math.e])\n\nThe logarithm of x to the given base.", "log10": "The base-10 logarithm of x.",
    "log2": "The base-2 logarithm of x.", "log1p": "The natural logarithm of 1+x, precise for small x.",
    "pow": "x to the power y, as floats.", "sin": "The sine of x radians.", "cos": "The cosine of x radians.",
    "tan": "The tangent of x radians.", "asin": "The arc sine of x, in radians.", "acos": "The arc cosine of x, in radians.",
    "atan": "The arc tangent of x, in radians.", "atan2": "The arc tangent of y/x in radians, using the signs of both.",
    "sinh": "The hyperbolic sine of x.", "cosh": "The hyperbolic cosine of x.", "tanh": "The hyperbolic tangent of x.",
    "degrees": "x radians in degrees.", "radians": "x degrees in radians.", "hypot": "The Euclidean norm of the coordinates.",
    "dist": "The Euclidean distance between points p and q.", "copysign": "x with the sign of y.",
    "fmod": "x modulo y, as C's fmod computes it.", "modf": "The fractional and integer parts of x, as floats.",
    "fsum": "The sum of the values, without intermediate rounding loss.", "prod": "The product of start and the values.",
    "isclose": "Whether a and b are close to each other.", "isfinite": "Whether x is neither infinite nor NaN.",
    "isinf": "Whether x is infinite.", "isnan": "Whether x is NaN.",
    "acosh": "The inverse hyperbolic cosine of x.", "asinh": "The inverse hyperbolic sine of x.",
    "atanh": "The inverse hyperbolic tangent of x.", "cbrt": "The real cube root of x.",
    "erf": "The error function at x.", "erfc": "1 - erf(x), precise for large x.", "exp2": "2 to the power x.",
    "frexp": "The pair (m, e) with x == m * 2**e and 0.5 <= abs(m) < 1 (or m == 0).",
    "gamma": "The gamma function at x.", "lgamma": "The natural logarithm of abs(gamma(x)).",
    "ldexp": "x * (2**i), computed exactly.", "nextafter": "The next float after x in the direction of y.",
    "remainder": "x minus the multiple of y nearest to x (IEEE 754 remainder).",
    "ulp": "The value of the least significant bit of the float x.",
}
out.append("pub(super) static BUILTIN_FUNCTIONS: &[B] = &[")
for n in sorted(BUILTIN_FNS):
    out.append("    B { name: %s, sig: %s, doc: %s }," % (q(n), rs(signature(getattr(builtins, n))), q(BUILTIN_FNS[n])))
out.append("];")
out.append("")
out.append("pub(super) static MATH_FUNCTIONS: &[B] = &[")
for n in sorted(MATH):
    out.append("    B { name: %s, sig: %s, doc: %s }," % (q(n), rs(signature(getattr(math, n))), q(MATH[n])))
out.append("];")
(crate / "src/describe").mkdir(exist_ok=True)
(crate / "src/describe/tables.rs").write_text("\n".join(out) + "\n")

# Goldens: CPython's help() with docs blanked, and dir() lists.
pydoc.getdoc = lambda o: ""
GOLDEN = {
    "help_int": int, "help_1": 1, "help_list": list, "help_list_value": [], "help_list_append": [].append,
    "help_str": str, "help_dict": dict, "help_tuple": (), "help_bool": bool, "help_float": float,
    "help_set": set, "help_frozenset": frozenset, "help_range": range, "help_none": None,
    "help_object": object, "help_len": len, "help_print": print, "help_sorted": sorted,
    "help_dict_fromkeys": dict.fromkeys, "help_help": help, "help_zip": zip, "help_enumerate": enumerate,
    "help_list_iterator": iter([]), "help_ellipsis": ..., "help_map": map, "help_bool_value": True, "help_float_value": 1.5,
    "help_dict_value": {}, "help_set_value": {1}, "help_int_bit_length": (1).bit_length,
 "help_str_split": "".split, "help_math_sqrt": math.sqrt,
    "help_list_add_bound": [].__add__, "help_list_add_unbound": list.__add__,
    "help_list_append_unbound": list.append, "help_int_neg_bound": (1).__neg__, "help_list_new": [].__new__,
}
NAMES = {"name_int": "int", "name_math_sqrt": "math.sqrt", "name_len": "len", "name_str_split": "str.split",
         "name_dict_fromkeys": "dict.fromkeys", "name_int_add": "int.__add__", "name_missing": "no_such_thing",
         "name_help": "help"}
user = {"__name__": "__main__"}
exec((here / "user.py").read_text(), user)
GOLDEN.update({"user_shape": user["Shape"], "user_square": user["Square"], "user_instance": user["sq"],
               "user_bound": user["sq"].describe, "user_function": user["scale"], "user_method": user["Shape"].describe})
for name, obj in list(GOLDEN.items()) + list(NAMES.items()):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        help(obj)
    (here / (name + ".txt")).write_text(buf.getvalue())
print("wrote", crate / "src/describe/tables.rs", "and", len(GOLDEN), "goldens")
