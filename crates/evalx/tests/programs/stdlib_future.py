"""Docstring first is fine."""
from __future__ import division, generator_stop
from __future__ import annotations
import __future__
print(__future__.annotations)
print(__future__.all_feature_names)
print(__future__.division.getOptionalRelease(), __future__.division.getMandatoryRelease())
print(__future__.annotations.compiler_flag == __future__.CO_FUTURE_ANNOTATIONS)
def f(x: "SomeType") -> int:
    return x // 2
print(f(7), 7 / 2)
