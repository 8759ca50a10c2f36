import string

f = string.Formatter()
print(f.format("{0}, {1}!", "Hello", "world"), f.format("{}-{}", 1, 2), f.format("{name:>8}|", name="x"))
print(f.format("{0!r:^10} {1!s} {2!a}", "hi", 3.5, "é"), f.format("{0[1]} {p.real} {d[k]}", [5, 6], p=4, d={"k": "v"}))
print(f.format("{0:{1}{2}}", 42, ">", 6), f.format("{:{}}", "ab", 5), f.format("{{literal}} {0}", 1))
print(f.vformat("{a}/{b}", (), {"a": 1, "b": 2}))
for s in ["a{0}b{1!r:>{2}}c", "{{x}}", "", "plain", "{0[a]b}", "{a.b[0].c}", "{:{}}", "{0:{{}}}", "{!r}",
          "{0[}]}", "{:[}", "{0!r:x{}}", "a{{", "{a!s:{b!r:{c}}}", "{ 0 }"]:
    print(repr(s), list(f.parse(s)))
for s in ["x}", "{", "a{", "{0!}", "{0!rr}", "{0:{1}", "}}{", "{0!r", "{[}", "{0!", "{0", "{0:", "{0}}", "{!}"]:
    try:
        print(list(f.parse(s)))
    except ValueError as e:
        print(repr(s), "ValueError", e)
for s, a, k in [("{}{0}", (1,), {}), ("{0}{}", (1,), {}), ("{z}", (), {}), ("{1}", (1,), {}), ("{0!q}", (1,), {}),
                ("{0:{0:{0:{0}}}}", (1,), {}), ("{0.}", (1,), {}), ("{0[}", (1,), {}), ("{0[0]x}", ([1],), {}),
                ("{a[}", (), {"a": 1}), ("{0:d}", ("s",), {})]:
    try:
        print(repr(f.vformat(s, a, k)))
    except (ValueError, KeyError, IndexError, TypeError) as e:
        print(repr(s), type(e).__name__, e)

class Upper(string.Formatter):
    def format_field(self, value, spec):
        return super().format_field(value, spec).upper()
    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return "<" + key + ">"
        return super().get_value(key, args, kwargs)
    def convert_field(self, value, conversion):
        if conversion == "u":
            return str(value).upper()
        return super().convert_field(value, conversion)

u = Upper()
print(u.format("{0} and {missing} {x:>5}", "abc", x="y"), u.format("{0!u}", "q"))

class Strict(string.Formatter):
    def check_unused_args(self, used_args, args, kwargs):
        unused = set(kwargs) - used_args
        if unused:
            raise ValueError("unused: " + ", ".join(sorted(unused)))
try:
    Strict().format("{a}", a=1, b=2, c=3)
except ValueError as e:
    print(e)
print(Strict().format("{a}{0}", 9, a=1))
