import contextlib
import io
import optparse
from optparse import OptionParser, OptionGroup, make_option


def attempt(parser, args):
    err = io.StringIO()
    out = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            values, rest = parser.parse_args(args)
    except SystemExit as e:
        print("exit", e.code, repr(out.getvalue()), repr(err.getvalue()))
        return None
    print(sorted(vars(values).items()), rest)
    return values


p = OptionParser(prog="tool", usage="%prog [options] FILE...", version="%prog 1.2",
                 description="Processes files in a quite elaborate way, with many options that control how "
                             "the processing goes.", epilog="See the manual for more.")
p.add_option("-f", "--file", dest="filename", help="write report to FILE", metavar="FILE")
p.add_option("-q", "--quiet", action="store_false", dest="verbose", default=True,
             help="don't print status messages to stdout")
p.add_option("-n", "--count", type="int", default=3, help="how many times [default: %default]")
p.add_option("-r", "--ratio", type=float)
p.add_option("-m", "--mode", choices=["fast", "slow"], default="fast")
p.add_option("-v", action="count", dest="level")
p.add_option("-I", "--include", action="append", default=[])
p.add_option("--const", action="store_const", const=42)
p.add_option("--point", nargs=2, type="int")
p.add_option("--hidden", help=optparse.SUPPRESS_HELP)
g = OptionGroup(p, "Dangerous Options", "Caution: use these options at your own risk. It is believed that "
                "some of them bite.")
g.add_option("-g", action="store_true", help="Group option.")
g.add_option("--very-long-option-name-here", action="store_true", help="A long option whose help goes on "
             "the next line because the option strings do not fit.")
p.add_option_group(g)
seen = []
p.add_option("--cb", action="callback", callback=lambda opt, s, v, parser, *a, **k: seen.append((s, v, a, k)),
             type="string", callback_args=(1,), callback_kwargs={"k": 2})

print(p.format_help())
print(repr(p.get_usage()), p.get_version(), p.get_prog_name())
attempt(p, [])
attempt(p, ["-f", "out.txt", "-q", "a", "-n", "7", "b", "-vvv", "-I", "x", "-Iy", "--include=z", "--const"])
attempt(p, ["-fout", "--file=second", "--coun", "0x1f", "--ratio", "2.5", "--mode", "slow", "--point", "3", "4"])
attempt(p, ["--cb", "val", "--", "-f", "x"])
print(seen)
attempt(p, ["-x"])
attempt(p, ["--nope"])
attempt(p, ["--v"])
attempt(p, ["-n", "abc"])
attempt(p, ["--ratio", "x"])
attempt(p, ["--mode", "medium"])
attempt(p, ["-f"])
attempt(p, ["--point", "1"])
attempt(p, ["--const=5"])
attempt(p, ["--version"])
attempt(p, ["-h"])
p.disable_interspersed_args()
attempt(p, ["a", "-q"])
p.set_defaults(verbose="maybe")
print(p.get_default_values().verbose, p.has_option("-f"), p.get_option("--file").dest, p.get_option("--nope"))
p.remove_option("-f")
print(p.has_option("--file"))

v = optparse.Values({"a": 1})
print(v, v == {"a": 1}, v.ensure_value("b", []), v.ensure_value("a", 5))
for args, kw in ((("-",), {}), (("--x", "-"), {}), (("-xy",), {}), (("---x",), {}), (("-x",), {"action": "bogus"}),
                 (("-x",), {"type": "bogus"}), (("-x",), {"type": "choice"}), (("-x",), {"bogus": 1, "other": 2}),
                 (("-x",), {"action": "store_true", "type": "int"}), (("-x",), {"action": "callback"}),
                 (("-x",), {"action": "store", "const": 1})):
    try:
        make_option(*args, **kw)
    except optparse.OptionError as e:
        print("OptionError", e)
try:
    p.add_option("-q")
except optparse.OptionConflictError as e:
    print("OptionConflictError", e)
try:
    make_option()
except TypeError as e:
    print("TypeError", e)
r = OptionParser(conflict_handler="resolve", add_help_option=False, prog="r")
r.add_option("-a", "--all", action="store_true")
r.add_option("-a", action="store_false", dest="nope")
print(r.format_help())
print(issubclass(optparse.BadOptionError, optparse.OptParseError), str(optparse.BadOptionError("-z")))
tf = OptionParser(prog="t", formatter=optparse.TitledHelpFormatter())
tf.add_option("-x", "--ex", help="an option")
print(tf.format_help())
