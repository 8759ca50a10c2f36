# printf-style precision on integers: at least N digits.
print('%5.2d|%.3d|%-6.4i|%+.2d|%05.3d' % (2, -5, 7, 3, 4))
print('%.2x|%#.4x|%.3o' % (5, 5, 5))
print('%#5.3o|%-#8.3X|% .4d|%08.3d|%-08.3d|%.0d|%.0x' % (8, 255, 42, -7, 7, 0, 0))
print(b'%.3d|%#.3x' % (5, 10))
