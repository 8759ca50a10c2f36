import shlex
print(shlex.split('ls -l "my file.txt" \'a b\' c\\ d e"f g"h # not a comment'))
print(shlex.split('a # comment here', comments=True), shlex.split('a "b c" d', posix=False), shlex.split(''))
print(shlex.quote("it's"), shlex.quote("safe-name_1.txt"), shlex.quote(""), shlex.quote("a b"), shlex.join(['echo', 'hello world', "it's"]))
for bad in ['"unterminated', 'esc\\']:
    try:
        shlex.split(bad)
    except ValueError as e:
        print('ValueError', e)
lex = shlex.shlex('a=1; b && c|d', punctuation_chars=True)
print(list(lex))
lex = shlex.shlex('foo bar, baz "q x"')
print([t for t in lex], lex.lineno)
l2 = shlex.shlex("x 'y z' # c\nw", posix=True)
print(list(l2), l2.lineno)
print(shlex.split('"a\\"b" \'c\\\'d'))
