for args in [(0, 0, "little"), (0, 1, "big"), (255, 1, "big"), (256, 1, "big"), (-1, 1, "big"), (1, 0, "big")]:
    try: print(args, args[0].to_bytes(args[1], args[2]))
    except Exception as e: print(args, type(e).__name__, e)
print((-1).to_bytes(2, "big", signed=True), (-129).to_bytes(2, "little", signed=True), (127).to_bytes(1, "big", signed=True))
try: (128).to_bytes(1, "big", signed=True)
except OverflowError as e: print(e)
import random
random.seed(3); print(random.randbytes(0), random.randbytes(3))
print(int.from_bytes(b"", "big"), (0).to_bytes(), (5).to_bytes())
