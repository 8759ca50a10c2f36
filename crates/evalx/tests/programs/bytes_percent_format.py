class B:
    def __bytes__(self):
        return b'<B>'
class Bad:
    def __bytes__(self):
        return 'no'
tests = ["b'%d,%s|%5.2f|%x|%r|%a|%c%c|%%|%-4b|' % (3, b'ab', 2.5, 255, 'é', b'q', 65, b'z', b'x')",
         "b'%s' % 'x'", "b'%c' % 300", "b'%c' % b'ab'", "bytearray(b'%d') % 5", "b'%(a)s' % {b'a': b'v'}",
         "b'%s' % bytearray(b'ba')", "b'%s' % memoryview(b'mv')", "b'%s %s' % (1,)", "b'%d' % (1,2)",
         "b'%i' % 'a'", "b'%y' % 1", "b'%s' % 5", "b'\\xff%s' % b'\\xfe'", "b'%.1s' % b'abc'", "b'%5s' % b'ab'",
         "b'%r' % b'x'", "b'%s|%b' % (B(), B())", "b'%s' % Bad()", "'%b' % b'x'", "b'%c' % -1", "b'%08.3f' % -1.5",
         "b'%#x %#o %e %g' % (255, 8, 12345.678, 0.00001)", "b'%(x)d %(y)s' % {b'x': 1, b'y': b'2'}",
         "bytearray(b'%s-%s') % (b'a', bytearray(b'b'))", "b'%s' % (b'\\x00\\x80',)", "b'%' % ()", "b'%s %s' % b'ab'"]
for t in tests:
    try:
        print(repr(eval(t)))
    except Exception as e:
        print(type(e).__name__, e)
