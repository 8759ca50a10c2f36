"""evalx's stand-in for the `pyperf` module, written for evalx's real-program suite.

pyperformance's benchmark files import `pyperf`, build a `Runner` and hand it their work
(`bench_func`, `bench_time_func`, `bench_async_func`). The real pyperf spawns worker processes,
calibrates loop counts and writes JSON; this module instead runs each benchmark once, in this
process, and prints a digest of what it computed:

    bench <name>: returned <digest>; args <digest>; state <digest>

* `returned`: the value `bench_func`/`bench_async_func` got back (`bench_time_func` returns a
  duration, reported only as `a duration`);
* `args`: the arguments after the run (benchmarks that fill a list or a board in place);
* `state`: the benchmark's `__main__` globals after the run (the data it built: numbers, strings,
  containers and instances of its own classes, walked through their attributes).

A digest is `<fnv-1a 64-bit hash of a canonical text> <length of that text>`: the text spells
out every value exactly (float `repr`, ints in full), sorts set elements, marks a value seen
before by its first position (cycles), and stands `?` for anything that is not data (functions,
classes, modules, other modules' objects), so that CPython and evalx print the same line exactly
when they computed the same thing. A str or bytes longer than 8 KiB, and a canonical text longer
than that, count by their length, head, tail and an even sample of the rest (a digest of a
benchmark holding megabytes stays cheap). `--loops N` runs each benchmark N times; `--digest-text`
prints the canonical texts too (to find where two runs differ).

The same file runs under CPython 3.11 (first on `PYTHONPATH`) and under evalx (a granted module
search path), and must behave identically under both: it uses only the language and `sys`/`time`.
"""

import sys
import time

__all__ = ["Runner", "perf_counter", "python_implementation"]

perf_counter = time.perf_counter

_MASK = (1 << 64) - 1
_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
# The most nodes one digest walks (a benchmark's state can be large); the text says when it stopped.
_MAX_NODES = 50000
# Longer strings (and digest texts) are sampled: see `_sample`.
_LONG = 8192


def python_implementation():
    """The running implementation's name, lower case (`cpython`, or `evalx` where `sys` has no
    `implementation`)."""
    impl = getattr(sys, "implementation", None)
    name = getattr(impl, "name", None)
    return name.lower() if isinstance(name, str) else "evalx"


# ---------------------------------------------------------------- command line


class ArgumentError(Exception):
    """A command line the stand-in's parser refuses."""


class Namespace:
    """What `parse_args` returns: one attribute per option."""

    def __init__(self, **values):
        for key, value in values.items():
            setattr(self, key, value)

    def __contains__(self, key):
        return key in self.__dict__

    def __repr__(self):
        inner = ", ".join("%s=%r" % (k, v) for k, v in self.__dict__.items())
        return "Namespace(%s)" % inner


class _Option:
    def __init__(self, names, opts):
        self.flags = [n for n in names if n.startswith("-")]
        self.positional = not self.flags
        if self.positional:
            if len(names) != 1:
                raise ArgumentError("a positional argument takes exactly one name")
            dest = names[0]
        else:
            longs = [f for f in self.flags if f.startswith("--")]
            dest = (longs or self.flags)[0].lstrip("-")
        self.dest = opts.pop("dest", dest).replace("-", "_")
        self.action = opts.pop("action", "store")
        self.nargs = opts.pop("nargs", None)
        self.type = opts.pop("type", None)
        self.choices = opts.pop("choices", None)
        self.required = opts.pop("required", False)
        self.const = opts.pop("const", None)
        if self.action == "store_true":
            default = False
        elif self.action == "store_false":
            default = True
        else:
            default = None
        self.default = opts.pop("default", default)
        self.help = opts.pop("help", None)
        self.metavar = opts.pop("metavar", None)
        if opts:
            raise ArgumentError("unsupported add_argument() options: %s" % ", ".join(sorted(opts)))
        if self.action not in ("store", "store_true", "store_false", "store_const", "append"):
            raise ArgumentError("unsupported action %r" % (self.action,))

    def convert(self, text):
        value = self.type(text) if self.type is not None else text
        if self.choices is not None and value not in self.choices:
            raise ArgumentError(
                "argument %s: invalid choice: %r" % (self.flags[0] if self.flags else self.dest, value)
            )
        return value


class ArgumentParser:
    """The part of `argparse.ArgumentParser` that benchmarks use: `add_argument` (flags and
    positionals, `type`, `default`, `choices`, `nargs` of `?`/`*`/`+`/N, `action` store,
    store_true/false/const, append) and `parse_args`."""

    def __init__(self, description=None, prog=None):
        self.description = description
        self.prog = prog
        self._options = []

    def add_argument(self, *names, **opts):
        if not names:
            raise ArgumentError("add_argument() needs a name or a flag")
        option = _Option(list(names), dict(opts))
        self._options.append(option)
        return option

    def _values(self, option, words):
        n = option.nargs
        if n is None:
            if not words:
                raise ArgumentError("argument %s: expected one argument" % option.dest)
            return option.convert(words.pop(0)), True
        if n == "?":
            if words and not words[0].startswith("-"):
                return option.convert(words.pop(0)), True
            return (option.const if option.flags else option.default), False
        if n in ("*", "+"):
            taken = []
            while words and not words[0].startswith("-"):
                taken.append(option.convert(words.pop(0)))
            if n == "+" and not taken:
                raise ArgumentError("argument %s: expected at least one argument" % option.dest)
            return taken, True
        taken = []
        for _ in range(n):
            if not words:
                raise ArgumentError("argument %s: expected %d arguments" % (option.dest, n))
            taken.append(option.convert(words.pop(0)))
        return taken, True

    def parse_known(self, argv):
        values = {}
        for option in self._options:
            values[option.dest] = option.default
        seen = set()
        positionals = [o for o in self._options if o.positional]
        rest = []
        words = list(argv)
        while words:
            word = words.pop(0)
            if word == "--":
                rest.extend(words)
                break
            if word.startswith("-") and word != "-":
                name, eq, attached = word.partition("=")
                option = None
                for candidate in self._options:
                    if name in candidate.flags:
                        option = candidate
                if option is None:
                    raise ArgumentError("unrecognized arguments: %s" % word)
                seen.add(option.dest)
                if option.action in ("store_true", "store_false", "store_const"):
                    if eq:
                        raise ArgumentError("argument %s: ignored explicit argument %r" % (name, attached))
                    if option.action == "store_const":
                        values[option.dest] = option.const
                    else:
                        values[option.dest] = option.action == "store_true"
                    continue
                if eq:
                    words.insert(0, attached)
                value, _ = self._values(option, words)
                if option.action == "append":
                    current = values[option.dest]
                    values[option.dest] = (list(current) if current else []) + [value]
                else:
                    values[option.dest] = value
            else:
                rest.append(word)
        for option in positionals:
            value, used = self._values(option, rest) if (rest or option.nargs in ("?", "*")) else (None, False)
            if not used and option.nargs not in ("?", "*"):
                raise ArgumentError("the following arguments are required: %s" % option.dest)
            if used or option.nargs in ("?", "*"):
                values[option.dest] = value if used else option.default
            seen.add(option.dest)
        for option in self._options:
            if option.required and option.dest not in seen:
                raise ArgumentError("the following arguments are required: %s" % option.flags[0])
        return Namespace(**values), rest

    def parse_args(self, args=None):
        argv = list(sys.argv[1:] if args is None else args)
        try:
            namespace, rest = self.parse_known(argv)
            if rest:
                raise ArgumentError("unrecognized arguments: %s" % " ".join(rest))
        except ArgumentError as err:
            print("%s: error: %s" % (self.prog or "benchmark", err), file=sys.stderr)
            raise SystemExit(2)
        return namespace


# ---------------------------------------------------------------- digests


class _Digest:
    """Builds the canonical text of values, a piece at a time, and hashes it."""

    def __init__(self, outer=None):
        self.parts = []
        # Values already spelled out (by id) and their positions; a set element's digest also sees its
        # parent's (`outer`, read only), numbering its own after them, without copying them.
        self.seen = {}
        self.outer = outer if outer is not None else {}
        self.nodes = 0

    def _position(self, key):
        where = self.seen.get(key)
        return self.outer.get(key) if where is None else where

    def text(self):
        return "".join(self.parts)

    def walk(self, value):
        out = self.parts
        self.nodes += 1
        if self.nodes > _MAX_NODES:
            if self.nodes == _MAX_NODES + 1:
                out.append("...")
            return
        if value is None or value is True or value is False:
            out.append(repr(value))
            return
        kind = type(value)
        if kind is str or kind is bytes:
            out.append(_long_text(value))
            return
        if kind is int or kind is float or kind.__name__ == "complex":
            out.append(repr(value))
            return
        if isinstance(value, (int, float, str, bytes)):
            # A subclass of a built-in scalar (an enum member, a str subclass): its class name and value.
            base = [k for k in (int, float, str, bytes) if isinstance(value, k)][0]
            out.append("%s(%s)" % (kind.__name__, repr(base(value))))
            return
        if not isinstance(value, (tuple, list, dict, set, frozenset)) and not _own_instance(value):
            out.append("?")
            return
        key = id(value)
        where = self._position(key)
        if where is not None:
            out.append("@%d" % where)
            return
        self.seen[key] = len(self.outer) + len(self.seen)
        if isinstance(value, tuple):
            self.sequence("(", value, ")")
        elif isinstance(value, list):
            self.sequence("[", value, "]")
        elif isinstance(value, dict):
            out.append("{")
            for k, v in value.items():
                self.walk(k)
                out.append(":")
                self.walk(v)
                out.append(",")
            out.append("}")
        elif isinstance(value, (set, frozenset)):
            # Set order is the implementation's: each element is digested alone, then sorted.
            texts = []
            for item in value:
                sub = _Digest(self._all_seen())
                sub.walk(item)
                self.nodes += sub.nodes
                texts.append(sub.text())
            texts.sort()
            out.append("set{" + ",".join(texts) + "}")
        else:
            self.instance(value)

    def _all_seen(self):
        # What a set element's digest must see: this digest's positions and its parent's.
        if not self.outer:
            return self.seen
        merged = dict(self.outer)
        merged.update(self.seen)
        return merged

    def sequence(self, open_, items, close):
        self.parts.append(open_)
        for item in items:
            self.walk(item)
            self.parts.append(",")
        self.parts.append(close)

    def instance(self, value):
        cls = type(value)
        self.parts.append(cls.__name__ + "<")
        if isinstance(value, (list, dict, tuple)):
            # An instance of a benchmark's own subclass of a built-in container: its items first.
            base = [k for k in (list, dict, tuple) if isinstance(value, k)][0]
            self.walk(base(value))
        for name in _slot_names(cls):
            if hasattr(value, name):
                self.parts.append(name + "=")
                self.walk(getattr(value, name))
                self.parts.append(",")
        attrs = getattr(value, "__dict__", None)
        if isinstance(attrs, dict) and not _slot_names(cls):
            for name, item in attrs.items():
                self.parts.append(str(name) + "=")
                self.walk(item)
                self.parts.append(",")
        self.parts.append(">")


def _own_instance(value):
    """Whether `value` is an instance of a class the benchmark itself defined (in `__main__`)."""
    cls = type(value)
    return getattr(cls, "__module__", None) == "__main__" and not isinstance(value, type)


def _slot_names(cls):
    names = []
    for klass in cls.__mro__:
        slots = klass.__dict__.get("__slots__", ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name not in names and name not in ("__dict__", "__weakref__"):
                names.append(name)
    return names


def _sample(text):
    """`text` itself when short; else its head, its tail and every k-th character between, with its
    length (so that a digest costs the same for a megabyte of state as for a page)."""
    if len(text) <= _LONG:
        return text
    step = len(text) // _LONG + 1
    return "%d:%s|%s|%s" % (len(text), text[:_LONG], text[::step], text[-_LONG:])


def _long_text(value):
    if len(value) <= _LONG:
        return repr(value)
    return "%s#%s" % (type(value).__name__, repr(_sample(value)))


def _fnv(text):
    h = _FNV_OFFSET
    for byte in _sample(text).encode("utf-8"):
        h = ((h ^ byte) * _FNV_PRIME) & _MASK
    return h


def digest(value):
    """`<16 hex digits> <length>` of `value`'s canonical text (see the module's docstring)."""
    d = _Digest()
    d.walk(value)
    text = d.text()
    return "%016x %d" % (_fnv(text), len(text)), text


def _main_state():
    main = sys.modules.get("__main__")
    space = getattr(main, "__dict__", None)
    if not isinstance(space, dict):
        return {}
    state = {}
    for name, value in space.items():
        if name.startswith("__") or isinstance(value, Runner):
            continue
        state[name] = value
    return state


# ---------------------------------------------------------------- the runner


class Runner:
    """Runs each benchmark `loops` times (1 unless `--loops N`) and prints its digest line."""

    def __init__(self, values=None, processes=None, loops=0, min_time=0.1, metadata=None,
                 show_name=True, program_args=None, add_cmdline_args=None, _argparser=None,
                 warmups=None, **options):
        self.metadata = dict(metadata or {})
        self.show_name = show_name
        self.program_args = program_args
        self.add_cmdline_args = add_cmdline_args
        self.argparser = _argparser if _argparser is not None else ArgumentParser()
        self.argparser.add_argument("--loops", type=int, default=1, dest="loops")
        self.argparser.add_argument("--digest-text", action="store_true", dest="digest_text")
        self.args = None

    def parse_args(self, args=None):
        if self.args is None:
            self.args = self.argparser.parse_args(args)
            if self.args.loops < 1:
                print("--loops must be at least 1", file=sys.stderr)
                raise SystemExit(2)
        return self.args

    def _loops(self):
        return self.parse_args().loops

    def _report(self, name, returned, args):
        parts = []
        texts = []
        for label, value in (("returned", returned), ("args", args), ("state", _main_state())):
            if label == "returned" and returned is _DURATION:
                parts.append("returned a duration")
                continue
            line, text = digest(value)
            parts.append("%s %s" % (label, line))
            texts.append((label, text))
        print("bench %s: %s" % (name, "; ".join(parts)))
        if self.args.digest_text:
            for label, text in texts:
                print("  %s: %s" % (label, text))
        sys.stdout.flush()

    def bench_func(self, name, func, *args, inner_loops=None, metadata=None):
        """Calls `func(*args)` (`--loops` times) and prints the digest of its last result."""
        result = None
        for _ in range(self._loops()):
            result = func(*args)
        self._report(name, result, args)
        return result

    def bench_time_func(self, name, time_func, *args, inner_loops=None, metadata=None):
        """Calls `time_func(loops, *args)` once; it times itself, so only its work is digested."""
        elapsed = time_func(self._loops(), *args)
        if not isinstance(elapsed, (int, float)):
            raise TypeError("%s: the time function returned %s, not a duration"
                            % (name, type(elapsed).__name__))
        self._report(name, _DURATION, args)
        return elapsed

    def bench_async_func(self, name, func, *args, inner_loops=None, metadata=None,
                         loop_factory=None):
        """Runs the coroutine `func(*args)` (`--loops` times) to completion by sending it `None` until
        it returns; a coroutine that waits on an event loop's futures is refused."""
        result = None
        for _ in range(self._loops()):
            result = _run_coroutine(func(*args))
        self._report(name, result, args)
        return result


class _Duration:
    def __repr__(self):
        return "a duration"


_DURATION = _Duration()


def _run_coroutine(coro):
    while True:
        try:
            awaited = coro.send(None)
        except StopIteration as stop:
            return stop.value
        if awaited is not None:
            coro.close()
            raise RuntimeError("the benchmark awaited %s: the stand-in has no event loop"
                               % type(awaited).__name__)
