# The unicode_escape and raw_unicode_escape codecs: decoding every escape, the error handlers and positions,
# encoding, and codecs.decode of a str.
import codecs
print(ascii(b"a\\N{BULLET}\\x41\\n\\t\\101\\\n\\u20ac\\U0001f600\xe9".decode("unicode_escape")))
print(ascii(codecs.decode("\\N{EM DASH}", "unicode_escape")), ascii(codecs.decode(b"x\\u0041", "raw_unicode_escape")))
for bad in [b"\\x4", b"ab\\", b"\\N", b"\\N{", b"\\N{}", b"x\\N{NOPE}y", b"\\U00110000z", b"\\u12g4", b"\\N{bullet"]:
    for enc in ["unicode_escape", "raw_unicode_escape"]:
        for err in ["strict", "replace", "ignore", "backslashreplace"]:
            try:
                print(enc, err, ascii(bad.decode(enc, err)))
            except UnicodeDecodeError as e:
                print(enc, err, "UDE", e, e.start, e.end)
s = "a\\b\t\n\r\x00\x7f\xe9é€😀'\""
print(s.encode("unicode_escape"), s.encode("raw_unicode_escape"), s.encode("unicode-escape").decode("unicode-escape") == s)
print(codecs.lookup("unicode_escape").name, codecs.lookup("raw_unicode_escape").name)
print(ascii(br"\\u0041 \\\u0041".decode("raw_unicode_escape")))
