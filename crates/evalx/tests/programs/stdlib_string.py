import string
try: string.Template('$x').substitute({})
except KeyError as e: print('KeyError', e)
import copy
l = [[1, 2], {'a': [3]}]
l2 = copy.deepcopy(l); l2[0].append(9); print(l, l2, copy.copy(l)[0] is l[0])
print(repr(string.whitespace), string.hexdigits, string.octdigits, repr(string.punctuation), len(string.printable))
print(string.capwords('a-b c-d', '-'), string.ascii_lowercase, string.ascii_uppercase)
t2 = string.Template('Hi $name, you owe $$${amount}')
print(t2.substitute({'name': 'Ann'}, amount=5), t2.get_identifiers(), t2.is_valid())
try:
    string.Template('a $ b').substitute(b=1)
except ValueError as e:
    print(e)
print(string.Template('$a $').safe_substitute(a=1))
