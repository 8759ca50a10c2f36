# re on ASCII texts and on texts with other characters, with the same str patterns: Unicode classes,
# case folding and word boundaries must match the same way whichever engine the text gets.
import re

ascii_text = "Hello, World_42!\x1c\x1d\x1e\x1f\t\n\x0b\x0c\r end KELVIN kelvin 7x 0xFF  tail\n"
wide_text = ascii_text + "\u212a \u017f \u00e9t\u00e9 \u0661\u0662 \u00a0\u2003x \u0130i"
patterns = [r"\w+", r"\W+", r"\d+", r"\D+", r"\s+", r"\S+", r"[\w\s]+", r"[^\w]+", r"[^\s\d]+",
            r"\bk\w*", r"(?i)kelvin", r"(?i)[k-l]+", r"(?i)S", r"\Bl+\B", r"x\b",
            r"(?a)\w+", r"(?a)\s+", r"(?i)e.", r"(?s).{3}$", r"^\w+$", r"(?m)^\w+$", r"[\x1c-\x1f]+",
            r"(\w)\1", r"(?i)(l)\1", r"(?<=\s)\w+", r"\w+(?=\s)", r"\u00e9\w*", r"(?i)\u212a\w+"]
for p in patterns:
    for name, text in (("ascii", ascii_text), ("wide", wide_text)):
        found = re.findall(p, text)
        print(name, repr(p), len(found), repr(found[:6]))
        m = re.search(p, text)
        print("  search", m and (m.span(), m.group()))
        print("  match", bool(re.match(p, text)), "full", bool(re.fullmatch(p, text)))
print(re.sub(r"\s+", "_", ascii_text))
print(re.sub(r"\s+", "_", wide_text))
print(re.split(r"\W+", ascii_text))
print(re.split(r"\W+", wide_text))
print(re.subn(r"(?i)k(\w)", r"<\1>", ascii_text))
pat = re.compile(r"\w+")
print(pat.findall("abc def"), pat.findall("ab\u00e9 d\u00e9f"), pat.findall("xyz"))
print(re.findall(rb"\w+", b"abc \xe9t\xe9 \x1c"), re.findall(rb"\s+", b"a\x1cb \tc"))
print(re.findall(r"\s", "a\x1cb\x1dc\x1e\x1f d"), re.findall(r"(?a)\s", "a\x1cb d"))
