# \N{...} escapes (names, aliases, any letter case) in str and f-string literals, the escape errors'
# positions, and title case as CPython computes it (title mappings, cased letters, final sigma).
import unicodedata

print(ascii("\N{BULLET} \N{em dash} \N{LINE FEED}\N{NBSP}\N{CJK UNIFIED IDEOGRAPH-4E00}"))
print(ascii(b"\N{BULLET}"), ascii(rb"\N{x}"), ascii(r"\N{BULLET}"))
x = 7
print(ascii(f"\N{BULLET}{x}\\{x}\N{DIGIT ZERO}"), ascii(f"{x:\N{DIGIT ZERO}>4}"))
print(unicodedata.lookup("latin small letter a"), ascii(unicodedata.lookup("BEL")))

for body in [r"ab\x4", "é\\u12", r"\N", r"\N{", r"x\N{NOPE}y", r"\N{bullet", r"\U00110000",
             r"\N{LATIN SMALL LETTER A}\N{  }", r"é\N{x}", r"\N{}", r"\UFFFFFFFF"]:
    try:
        compile('"' + body + '"', "<s>", "eval")
    except SyntaxError as e:
        print(repr(body), "->", e.msg)

for s in ["ΑΣ ΑΣΑ", "ǆemal ǅ", "ßa straße", "中a 1st x2y", "ﬁne ﬀ", "ᾳ ᾼx", "ⓐbc", "ʼn",
          "o'neil mc-do", "İstanbul", "hello WORLD", "ΣΑΣ.", "ა ბ"]:
    print(ascii(s.title()), ascii(s.capitalize()), s.title().istitle(), s.istitle())
print("ǅ".istitle(), "Ǆ".istitle(), "ǅa".istitle(), "Ⓐb".istitle(), "".istitle(), "1".istitle())
