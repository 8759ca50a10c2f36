from .. import util
from ..util import VALUE as V
from . import leaf
from .leaf import *
print('deep', __name__, __package__, util.VALUE, V, leaf.NAME, NAME)
try:
    from ... import nothing
except ImportError as e:
    print('ImportError:', e)
