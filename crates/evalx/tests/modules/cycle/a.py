print("a: start")
A = "a-early"
import b
A = "a-done"
late = "late"
print("a: end", b.B)
