import cmd
import io
import sched

clock = [0.0]
log = []


def fake_time():
    return clock[0]


def fake_sleep(d):
    log.append(("sleep", d))
    clock[0] += d


s = sched.scheduler(fake_time, fake_sleep)
e1 = s.enter(5, 1, log.append, ("five",))
s.enter(2, 2, log.append, argument=("two-low",))
s.enter(2, 1, lambda **kw: log.append(kw), kwargs={"object": "two-high"})
e4 = s.enterabs(3, 1, log.append, ("three",))
s.enterabs(2, 1, print, ("same time, same priority, later",), {"sep": "|"})
print([(e.time, e.priority, e.sequence, e.argument) for e in s.queue])
s.cancel(e4)
print(s.empty(), len(s.queue))
try:
    s.cancel(e4)
except ValueError as e:
    print("ValueError", e)
print(s.run(blocking=False))
s.run()
print(log, s.empty(), clock)
print(sched.Event._fields, e1 < e4, s.run())


class Shell(cmd.Cmd):
    intro = "Welcome."
    prompt = "(test) "

    def do_greet(self, arg):
        """Greet someone: greet NAME"""
        self.stdout.write("hello %s\n" % (arg or "world"))

    def do_add(self, arg):
        """Add numbers."""
        self.stdout.write("%d\n" % sum(int(x) for x in arg.split()))

    def do_undocumented(self, arg):
        self.stdout.write("undoc\n")

    def help_topic(self):
        self.stdout.write("a topic\n")

    def do_shell(self, arg):
        self.stdout.write("shell: %s\n" % arg)

    def do_quit(self, arg):
        """Quit."""
        self.stdout.write("bye\n")
        return True

    def precmd(self, line):
        return line.lower() if line.startswith("GREET") else line


out = io.StringIO()
sh = Shell(stdin=io.StringIO("greet Ann\nGREET BOB\n\nadd 1 2 3\nnope x\n?\nhelp greet\nhelp topic\nhelp nothing\n!ls -l\n"
                             "help\nquit\nnever\n"), stdout=out)
sh.use_rawinput = False
sh.cmdloop()
print(out.getvalue())
class Quiet(cmd.Cmd):
    def do_EOF(self, arg):
        self.stdout.write("eof\n")
        return True


out2 = io.StringIO()
c = Quiet(stdin=io.StringIO("unknown\n"), stdout=out2)
c.use_rawinput = False
c.cmdloop()
print(repr(out2.getvalue()))
print(c.parseline("  do  something "), c.parseline("?x"), c.parseline("!x"), c.parseline(""))
out3 = io.StringIO()
c.stdout = out3
c.columnize(["w%d" % i * (i % 4 + 1) for i in range(40)], 40)
c.columnize([])
c.columnize(["one"])
print(out3.getvalue())
print(sorted(sh.completenames("g")), sh.completedefault(), sorted(sh.complete_help("t")))
try:
    c.columnize(["a", 1, "b", 2])
except TypeError as e:
    print("TypeError", e)
