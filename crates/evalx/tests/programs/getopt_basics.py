import getopt

print(getopt.getopt(["-a", "-b", "val", "-cfoo", "--long", "--with=x", "--with", "y", "rest", "-z"],
                    "ab:c:", ["long", "with="]))
print(getopt.getopt(["-ab1", "--", "-x"], "ab:"))
print(getopt.getopt(["--wi=3", "--lo", "-"], "", "with= long".split()))
print(getopt.gnu_getopt(["file", "-a", "x", "--long", "more"], "a:", ["long"]))
print(getopt.gnu_getopt(["file", "-a", "x"], "+a:"))
print(getopt.gnu_getopt(["-a", "--", "-b"], "ab"))
for args, short, long in ((["-q"], "ab", []), (["-b"], "b:", []), (["--nope"], "", ["long"]),
                          (["--long=1"], "", ["long"]), (["--with"], "", ["with="]),
                          (["--lo"], "", ["long", "lower"]), (["-:"], "a:", [])):
    try:
        getopt.getopt(args, short, long)
    except getopt.GetoptError as e:
        print(type(e).__name__, e, repr(e.opt), e.msg, e.args)
print(getopt.error is getopt.GetoptError, issubclass(getopt.GetoptError, Exception))
try:
    getopt.getopt(["-x"], "")
except getopt.error as err:
    print(str(err))
getopt.getopt(["--unknown"], "")
