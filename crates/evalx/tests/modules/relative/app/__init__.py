from .util import helper, VALUE
from . import util
print('app init', __package__, helper(), VALUE, util.__name__)
