def parse(s):
    return int(s)
try:
    parse('x')
except* TypeError:
    print('not reached')
