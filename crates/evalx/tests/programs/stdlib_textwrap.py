import textwrap

text = ("The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs! "
        "How vexingly quick daft zebras jump? A well-known, state-of-the-art, self-evident "
        "example -- with em-dashes--and hyphen-ated words.  Double  spaces\tand\ttabs\nand newlines.")
for w in (10, 25, 40, 70):
    print(w, textwrap.wrap(text, width=w))
print(textwrap.fill(text, 30, initial_indent="* ", subsequent_indent="  "))
print(textwrap.fill(text, 30, break_on_hyphens=False))
print(textwrap.wrap("supercalifragilisticexpialidocious is long", 10))
print(textwrap.wrap("supercalifragilisticexpialidocious is long", 10, break_long_words=False))
print(textwrap.wrap("a-very-long-hyphenated-compound-word-here", 12))
print(textwrap.wrap("   leading and trailing   ", 10), textwrap.wrap("   leading and trailing   ", 10, drop_whitespace=False))
print(textwrap.wrap("Hello there.  How are you? Fine. ok", 12, fix_sentence_endings=True))
print(textwrap.wrap("a\tb\tc", 20), textwrap.wrap("a\tb\tc", 20, expand_tabs=False), textwrap.wrap("x\ty", 20, tabsize=4))
print(textwrap.wrap("a\nb c", 20, replace_whitespace=False))
print(textwrap.wrap(text, 30, max_lines=3))
print(textwrap.wrap(text, 30, max_lines=2, placeholder=" ..."))
print(textwrap.shorten("Hello  world!", width=12), textwrap.shorten("Hello  world!", width=11))
print(textwrap.shorten(text, 50), textwrap.shorten(text, 50, placeholder="~"))
print(textwrap.wrap(""), textwrap.wrap("   "), textwrap.fill("one"))
w = textwrap.TextWrapper(width=20, initial_indent="> ", subsequent_indent=">> ")
print(w.wrap(text[:80]), w.width, w.max_lines, w.placeholder)
w.width = 15
print(w.fill("now the width has changed for this wrapper"))
for bad in (0, -1):
    try:
        textwrap.wrap("x", bad)
    except ValueError as e:
        print("ValueError", e)
try:
    textwrap.shorten("hello world", 3)
except ValueError as e:
    print("ValueError", e)

print(repr(textwrap.dedent("""\
    def f():
        return 1
      # odd
    """)))
print(repr(textwrap.dedent("  a\n\t b\n")), repr(textwrap.dedent("   x\n   \n   y")), repr(textwrap.dedent("no indent\n  x")))
print(repr(textwrap.dedent("\t\ta\n\t\tb")), repr(textwrap.dedent("")))
print(repr(textwrap.indent("a\n\nb\n", "+ ")), repr(textwrap.indent("a\n\nb", "+ ", lambda line: True)))
print(repr(textwrap.indent("x\r\ny", "> ")))
print(textwrap.fill("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.", 40))
