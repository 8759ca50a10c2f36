# Circular imports: the partially initialised module, as CPython hands it out.
import a
print("main:", a.A, a.b.B, a.b.seen_from_b)
print(a.b.early_error.replace(__file__.rsplit("/", 1)[0], "<dir>"))
