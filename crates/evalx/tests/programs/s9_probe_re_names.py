# \N{...} in a pattern takes any Unicode character name, as in string literals.
import re

prices = "Tea 3€, cake 4½ €, juice 2 €"
print(re.findall(r"(\d+\N{VULGAR FRACTION ONE HALF}?)\s?\N{EURO SIGN}", prices))
print(re.sub(r"\N{DIGIT ONE}", "one", "10 11 21"))
print(re.match(r"\N{latin small letter a}+", "aaab"), re.search(r"[\N{GREEK SMALL LETTER ALPHA}-\N{GREEK SMALL LETTER OMEGA}]+", "abc αβγ xyz").group())
print(re.split(r"\s*\N{EM DASH}\s*", "one — two—three"))
for bad in [r"\N{NOT A REAL NAME}", r"\N{SPACE", r"\N"]:
    try:
        re.compile(bad)
    except re.error as e:
        print(e)
