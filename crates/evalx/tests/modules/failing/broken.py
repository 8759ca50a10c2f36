import sys
x = 1
print("broken runs, in sys.modules:", __name__ in sys.modules)
y = x / 0
