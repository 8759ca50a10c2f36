# pow(b, -e, m): the modular inverse (Python 3.8+), also through int.__pow__/__rpow__
for a in [(2, -1, 5), (2, -1, -5), (-2, -1, 5), (3, -2, 7), (2, -1, 1), (2, -1, 4), (10**20, -1, 10**9 + 7), (0, -1, 5), (7, -3, -11)]:
    try:
        print(a, pow(*a))
    except ValueError as e:
        print(a, e)
print((2).__pow__(-1, 5), (3).__rpow__(2, 7))
