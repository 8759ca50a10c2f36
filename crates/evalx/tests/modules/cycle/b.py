print("b: start")
import a
seen_from_b = a.A
try:
    from a import late
    early_error = "no error"
except ImportError as e:
    early_error = str(e)
B = "b-done"
print("b: end", seen_from_b)
