"""Plane and space geometry for the golden tests.

Points, a distance function and a few constants, documented in our own
words; pydoc's rendering of this module is the expected layout.
"""

__version__ = '1.2'
__author__ = 'tasklab'

UNIT = 1.0
LABEL = 'a label long enough that pydoc has to cut it to seventy columns when shown'
_hidden = 3


class Point:
    """A point in the plane.

    Holds two coordinates."""
    __slots__ = ('x', 'y')
    ORIGIN_NAME = 'origin'

    def __init__(self, x, y=0):
        """Make a point."""
        self.x = x
        self.y = y

    def norm(self):
        """Distance from the origin."""
        return 0

    def scale(self, k, *, inplace=False):
        return self

    def _private(self):
        """Never shown."""

    @classmethod
    def zero(cls):
        """The origin."""

    @staticmethod
    def parse(s: str) -> 'Point':
        """Parse 'x,y'.

        Second paragraph, indented
            deeper here."""

    @property
    def length(self):
        """Same as norm."""
        return 1


class Point3(Point):
    """A point in space."""
    __slots__ = ('z',)

    def norm(self):
        """Overridden."""

    def extra(self):
        pass


class Empty:
    __slots__ = ()


def distance(a, b=1, *args, c, **kw):
    '''Distance between things.

    Longer description.'''


def nodoc(x):
    pass
