import re
from collections import Counter

# A tokenizer in the style of the re docs' example: one master pattern of named alternatives.
TOKENS = [
    ("NUMBER", r"\d+(?:\.\d*)?"),
    ("ASSIGN", r":="),
    ("END", r";"),
    ("ID", r"[A-Za-z_]\w*"),
    ("OP", r"[+\-*/]"),
    ("NEWLINE", r"\n"),
    ("SKIP", r"[ \t]+"),
    ("MISMATCH", r"."),
]
master = re.compile("|".join("(?P<%s>%s)" % pair for pair in TOKENS))
code = "total := price * 1.5;\nx := total - 3;\n  y := x / 2 $"
line = 1
for mo in master.finditer(code):
    kind = mo.lastgroup
    value = mo.group()
    if kind == "NEWLINE":
        line += 1
    elif kind == "SKIP":
        continue
    else:
        print(line, kind, repr(value), mo.start() - code.rfind("\n", 0, mo.start()) - 1)

# A scanner driven by pattern.match(text, pos)
word = re.compile(r"\s*([A-Za-z]+|\d+|\S)")
pos = 0
text = "let x1 = 42 + y"
out = []
while True:
    m = word.match(text, pos)
    if not m:
        break
    out.append(m.group(1))
    pos = m.end()
print(out)

# Word counts, log parsing, dates
text = """The quick brown fox. The lazy dog! the end?"""
print(Counter(w.lower() for w in re.findall(r"[a-zA-Z']+", text)).most_common(3))
log = """2023-01-05 12:00:01 ERROR [db] connection lost
2023-01-05 12:00:05 INFO [web] request /index 200
2023-01-06 08:30:00 WARNING [db] slow query 1532ms"""
rx = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}) (?P<time>[\d:]+) (?P<level>\w+) \[(?P<comp>\w+)\] (?P<msg>.*)$", re.M)
for m in rx.finditer(log):
    print(m.group("level", "comp"), m["msg"], m.span("date"))
print(re.sub(r"(\d{4})-(\d{2})-(\d{2})", r"\3/\2/\1", log.splitlines()[0]))
print(re.sub(r"\s+", " ", "  many   spaces\there \n"))
print(re.sub(r"(?m)^", "> ", "a\nb\nc"))
print(re.sub(r"[aeiou]", lambda m: m.group().upper(), "programming language"))
camel = "someVariableNameHTTPServer"
print(re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", camel).lower())
print(re.findall(r"\b\w+@\w+\.\w+\b", "mail bob@example.com or eve@test.org!"))
print(bool(re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", "john.doe@mail.co")))
print(re.split(r"\s*[,;]\s*", "a , b;c  ;d"))
print(re.findall(r'"([^"\\]*(?:\\.[^"\\]*)*)"', r'say "hi \"there\"" and "bye"'))
html = "<b>bold</b> and <i>italic</i>"
print(re.findall(r"<(\w+)>(.*?)</\1>", html))
print(re.sub(r"<[^>]+>", "", html))
nums = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
print([float(x) for x in nums.findall("x=1.5e3, y=-2, z=.5 w=3.25")])
s = "aaa bbb ccc"
print(re.subn(r"(\w)\1\1", r"\1", s), re.sub(r"(?P<c>\w)(?P=c)+", r"\g<c>", s))
print(re.search(r"(\d+)", "abc").__class__.__name__ if re.search(r"(\d+)", "abc") else "no match")
if m := re.match(r"v(\d+)\.(\d+)", "v3.11"):
    print(tuple(map(int, m.groups())))
print([m.group() for m in re.compile(r"ab*", re.I).finditer("ABBB a Ab xyz", 2)])
pat = re.compile(r"(?P<key>\w+)=(?P<val>[^&]*)")
print(dict(pat.findall("a=1&b=&c=three")), [m.groupdict() for m in pat.finditer("k=v")])
import re
def s_ident(scanner, token): return ("ID", token)
def s_op(scanner, token): return ("OP", token)
def s_float(scanner, token): return ("FLOAT", float(token))
def s_int(scanner, token): return ("INT", int(token))
scanner = re.Scanner([
    (r"[a-zA-Z_]\w*", s_ident),
    (r"(\d+)\.(\d*)", s_float),
    (r"\d+", s_int),
    (r"=|\+|-|\*|/", s_op),
    (r"\s+", None),
])
print(scanner.scan("sum = 3*foo + 312.50 + bar ?rest"))
print(re.Scanner([(r"a", "A"), (r"b+", lambda s, t: len(t))]).scan("abbbab"))
