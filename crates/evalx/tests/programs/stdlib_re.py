import re

# match / search / fullmatch, groups and spans
m = re.match(r"(\w+) (\w+)", "Isaac Newton, physicist")
print(m)
print(m.group(0), m.group(1), m.group(2), m.group(1, 2))
print(m.groups(), m.span(), m.span(2), m.start(1), m.end(2))
print(m[0], m[1], m.lastindex, m.lastgroup, m.pos, m.endpos, m.string)
print(re.search(r"\d+", "abc 123 def 45"))
print(re.search(r"\d+", "no digits"))
print(re.fullmatch(r"\d+", "123"), re.fullmatch(r"\d+", "123a"))
print(re.match(r"a|ab", "abc").group(), re.fullmatch(r"a|ab", "ab").group())

# named groups
m = re.search(r"(?P<first>\w+)\s+(?P<last>\w+)", "  Malcolm Reynolds ")
print(m.group("first"), m["last"], m.groupdict(), m.lastgroup, m.lastindex)
print(m.start("last"), m.span("first"), m.re.groupindex)
print(re.match(r"(a)(b)?", "ac").groups(), re.match(r"(a)(b)?", "ac").groups("-"))
print(re.match(r"(?P<a>x)(?P<b>y)?", "x").groupdict("?"))

# backreferences and lookaround
print(re.search(r"(\w)\1", "hello").group())
print(re.search(r"(?P<ch>\w)(?P=ch)", "bookkeeper").span())
print(re.findall(r"\w+(?=,)", "one, two, three"))
print(re.findall(r"(?<!\$)\b\d+", "$10 20 $30 40"))
print(re.findall(r"(?<=@)\w+", "a@b c@dd"))
print(re.sub(r"(?!^)(?=(\d{3})+$)", ",", "1234567"))
print(re.match(r"(a)?(?(1)b|c)", "ab").group(), re.match(r"(a)?(?(1)b|c)", "c").group())
print(re.match(r"(?>a+)b", "aaab"), re.match(r"a++a", "aaa"))

# flags
print(re.findall(r"^\w+", "one\ntwo\nthree", re.M))
print(re.findall(r"^\w+", "one\ntwo\nthree"))
print(re.findall(r"a.c", "abc a\nc", re.S), re.findall(r"a.c", "abc a\nc"))
print(re.findall(r"hello", "Hello HELLO hello", re.I))
print(re.findall(r"(?i)hello", "Hello HELLO"))
p = re.compile(r"""
    (\d{3})   # area
    [-.\s]?   # sep
    (\d{4})   # number
""", re.VERBOSE)
print(p.findall("555-1234 and 666 9876"))
print(re.findall(r"\w+", "naïve café", re.A), re.findall(r"\w+", "naïve café"))
print(re.search(r"(?i:AB)c", "abc"), re.search(r"(?i:AB)c", "abC"))
print(re.I, re.I | re.M, int(re.S), re.X.value, re.NOFLAG)
print(re.compile("a", re.I | re.M), re.compile("a").flags, re.compile("(?i)a").flags, re.compile("a", re.A).flags)

# $ and \Z
print(re.search(r"x$", "ax\n"), re.search(r"x\Z", "ax\n"), re.search(r"x$", "ax\n\n"))
print(re.findall(r"\w$", "a\nb\nc\n", re.M))

# findall, finditer, empty matches
print(re.findall(r"(\w)(\d)?", "a1b c3"))
print([m.span() for m in re.finditer(r"\d*", "a12b")])
print(re.sub(r"x*", "-", "abxd"), re.findall(r"|a", "a"))
print(re.split(r"\W+", "Words, words, words."))
print(re.split(r"(\W+)", "Words, words, words."))
print(re.split(r"\W+", "Words, words, words.", maxsplit=1))
print(re.split(r"[a-f]+", "0a3B9", flags=re.IGNORECASE))
print(re.split(r"\b", "a b"), re.split(r"x*", "axbc"), re.split(r"(a)|b", "xaybz"))

# sub / subn
print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world, good day"))
print(re.sub(r"(?P<w>\d+)", r"<\g<w>>", "a1b22"), re.sub(r"(\d)", r"\g<1>0", "a1b2"))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2c9"))
print(re.subn(r"o", "0", "foo boo"), re.sub(r"o", "0", "foo boo", count=2))
print(re.sub(r"a", r"\n\t|", "bab"), re.sub("(b)|c", r"[\1]", "bc"))
print(re.sub(r"-", lambda m: None, "a-b"))
print(re.match(r"(\w+)@(\w+)", "me@host").expand(r"\2 at \1 \g<0>"))

# unicode positions
s = "héllo wörld ✓ ok"
print([m.span() for m in re.finditer(r"\w+", s)])
print(re.search("✓", s).start(), re.sub("ö", "oe", s))
print(re.findall(r"[à-ÿ]", s))

# pos / endpos on compiled patterns
p = re.compile(r"\d")
print(p.search("a1b2c3", 2), p.search("a1b2c3", 2, 3), p.match("a1b2", 1), p.match("a1b2", 0))
print(re.compile(r"^a").search("ba", 1), re.compile(r"a$").search("ab", 0, 1))
print(p.findall("12345", 1, 3), p.pattern, p.groups, re.compile("(a)(?P<n>b)").groupindex)

# escape / purge / patterns are cached and comparable
print(re.escape("a.b*c?d[e] f-g_h"), re.escape(b"1+1=2"))
print(re.compile("ab") == re.compile("ab"), re.compile("ab", re.I) == re.compile("ab"))
re.purge()

# bytes
print(re.findall(rb"\d+", b"a12 b345"), re.sub(rb"a", b"X", b"banana"))
print(re.match(rb"(?P<x>\w+)", b"hey you").group("x"), re.split(rb",", b"a,b"))

# classes
print(re.findall(r"[^\W\d]+", "ab12 cd_3"), re.findall(r"[\d.-]+", "1.5-2 a"), re.findall(r"[]a]", "]a["))
print(re.findall(r"[\s\S]", "a \n"), re.findall(r"\S+", " x\ty\u00a0z "))
print(re.findall(r"a{2}", "aaaaa"), re.findall(r"a{2,}", "aaaaa b aa"), re.findall(r"a{,2}", "aaa"))
print(re.findall(r"a{2,3}?", "aaaa"), re.findall(r"{x}", "{x}"), re.findall(r"x{a}", "x{a}"))
print(re.findall(r"\x41\u0042\101\0", "AB A\0"))

# flags combine like ints
print(re.I + re.M, re.compile("a", re.I + re.M).flags, 0 | re.S, re.S | 0, re.I & re.I, re.I & re.M, ~re.I & re.M)
print(re.I == 2, re.I < re.M, "{:d}".format(re.X), hash(re.I) == hash(2), bool(re.NOFLAG), re.I.name, re.M.value)
print(re.search("A", "xa", flags=re.I | re.M).span(), re.findall("^b", "a\nb", 8))
print(re.sub("a", "b", "aaa", count=-1), re.subn("a", "b", "aaa", count=-1), re.split("a", "bab", maxsplit=-1))
u = "ünïcödé → ✓ ünïcödé " * 3
print(re.sub(r"(ï)(c)", r"\2\1", u), re.split(r"\s*→\s*|✓", u), re.subn(r"\w+", lambda m: m.group().upper(), u))
print([m.group(0, 1) for m in re.finditer(r"(ö)d", u)], re.search(r"✓ (\w+)", u).expand(r"[\1]"))

# more corners
print(re.match(r"(?i)(a)\1", "aA"), re.match(r"(a)\1", "aA", re.I))
print(re.findall(r"(?=(\w\w))", "abcd"), re.findall(r"(?i)straße", "STRASSE strasse Straße"))
print(re.match(r"(?x) a  b # comment\n c", "abc"), re.match("(?s).+", "a\nb"))
print(re.findall(r"\d", "١٢3"), re.findall(r"\d", "١٢3", re.A), re.findall(r"[^\W\d_]+", "ab_1cd"))
print(re.fullmatch(r"a*?", "aaa"), re.match(r"(?:a|ab)(?:c|bcd)(d*)", "abcd").group(0, 1))
print(re.sub("", "-", "abc"), re.sub("x*", "-", ""), re.split("", "ab"), re.findall("", "ab"))
print(re.match(r"\u00e9", "é"), re.match(r"\x41", "A"), re.match("\\N{EM DASH}", "—"))
print(re.compile(r"(?P<a>.)(?P<b>.)").groupindex, re.match(r"(?P<a>.)(?P<b>.)?", "x").lastgroup)
print(re.match(r"(a)|(b)", "b").lastindex, re.match(r"((a)(b))", "ab").lastindex, re.match(r"(a)(b)?", "a").lastindex)
print(re.match("a{3}", "aaaa"), re.match("a{,}", "aaa"), re.match("a{1,2}{2}", "aaa") if False else "")
m = re.match(r"(\w+) (?P<x>\w+)", "hi there")
print(m.regs, m.span("x"), m.groupdict(), m.group(0, "x", 1))
print(repr(re.compile(r"\n")), repr(re.compile("'\"")), re.compile(b"a", re.I))
print(re.sub(r"\b(\w)(\w*)\b", lambda m: m[1].upper() + m[2], "hello big world"))
print(re.sub(r"(?m)$", "!", "a\nb\n"), re.sub(r"$", "!", "a\nb\n"), re.sub(r"\Z", "!", "a\n"))
print(re.split(r"\b(a|b)(((?<!c))*){,2}", "ABC abc"), re.split(r"(x??)*(?!b)[\d\s]+?", "éà b"))
print([m.span() for m in re.finditer(r"(x*?|[abc](?<!c))*", "aaa bab")], re.findall(r"\B", ""), re.search(r"\B", ""))
print(re.compile("a") is re.compile("a"), re.compile("a", re.I) is re.compile("a", 2))
