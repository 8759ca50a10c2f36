print("%d items" % 5, "%s and %s" % ("a", "b"), "%5.2f|" % 3.14159, "%-5d|" % 3, "%05d" % 42)
print("%x %X %o %e %g %%" % (255, 255, 8, 12345.678, 0.00001), "%r" % "q", "%c" % 65)
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30}, "%+d" % 5, "%.3s" % "abcdef")
