import app
import app.sub.deep
from app.sub import deep
print(deep.V, app.util.VALUE)
try:
    from . import app
except ImportError as e:
    print('ImportError:', e)
try:
    from .missing import x
except ImportError as e:
    print('ImportError:', e)
