"""Regenerates the golden pages in this folder from CPython 3.11's pydoc (run: python3 generate.py).

The texts are our own (geometry.py); only pydoc's layout is CPython's. The module's file path is replaced by
/src/geometry.py so the goldens do not depend on where this folder is checked out. With a directory argument
the pages are written there instead (tests/golden.rs uses that to check the committed pages are CPython's).
"""
import contextlib
import io
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import geometry  # noqa: E402
from geometry import Point, Point3, Empty, distance, nodoc  # noqa: E402,F401

CASES = {
    'class_point': 'Point',
    'object_point': 'Point(1)',
    'class_point3': 'Point3',
    'class_empty': 'Empty',
    'function_distance': 'distance',
    'function_nodoc': 'nodoc',
    'bound_method': 'Point(1).norm',
    'bound_classmethod': 'Point.zero',
    'module_geometry': 'geometry',
    'dotted_function': "'geometry.distance'",
    'not_found': "'nonexistent_xyz'",
    'not_found_quote': '"it\'s"',
}

out_dir = sys.argv[1] if len(sys.argv) > 1 else here
for name, expr in CASES.items():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        help(eval(expr))
    text = out.getvalue().replace(os.path.join(here, 'geometry.py'), '/src/geometry.py')
    with open(os.path.join(out_dir, name + '.txt'), 'w') as f:
        f.write(text)
