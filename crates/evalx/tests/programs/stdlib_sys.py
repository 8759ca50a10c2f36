import sys
print(sys.maxsize, sys.maxsize == 2**63 - 1, sys.version_info[:2], sys.version_info.major, sys.version_info >= (3, 8))
print(sys.version_info > (3, 11), tuple(sys.version_info)[:2], sys.byteorder, sys.platform == 'linux', len(sys.argv))
print(sys.argv[0].endswith('stdlib_sys.py'), sys.getrecursionlimit(), sys.version.startswith('3.11'))
sys.setrecursionlimit(200)
print(sys.getrecursionlimit())
def depth(n):
    return n if n == 0 else depth(n - 1)
try:
    depth(500)
except RecursionError as e:
    print('RecursionError', e)
sys.setrecursionlimit(1000)
print(depth(500))
for bad in [lambda: sys.setrecursionlimit(0), lambda: sys.setrecursionlimit('x'), lambda: sys.setrecursionlimit(1.5),
            lambda: sys.stdout.write(5)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
n = sys.stdout.write('written\n')
print(n)
sys.stdout.write('a'); sys.stdout.write('b\n'); sys.stdout.flush()
print('to stderr', file=sys.stderr)
sys.stderr.write('err\n')
print('x', 'y', sep='-', file=sys.stdout)
print(sys.intern('abc'))
try:
    sys.exit(3)
except SystemExit as e:
    print('exit', e.code)
try:
    sys.exit()
except SystemExit as e:
    print('exit', e.code)
print('end')
