print((255).bit_length(), (255).bit_count(), (10).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "big"))
print((7).as_integer_ratio(), (0.75).as_integer_ratio(), (2.0).is_integer(), (2.5).is_integer(), (1.5).hex(), float.fromhex("0x1.8p+0"))
print((3).real, (3).imag, (3).numerator, (3).denominator, (1.5).real, True.real)
print([m for m in dir(int) if not m.startswith("_")])
