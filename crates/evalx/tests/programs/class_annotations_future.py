from __future__ import annotations
def f(a: Undefined, b: list[int] = None) -> Dict[str, int]:
    return 1
print(f.__annotations__)
class C:
    x: Later
    y: int = 3
print(C.__annotations__, C.y)
v: Whatever = 2
print(__annotations__)
