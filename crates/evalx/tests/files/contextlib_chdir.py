# contextlib.chdir: the working directory changes inside the block and comes back after, through the
# host's file policy as os.chdir does.
import os
from contextlib import chdir

start = os.getcwd()
os.makedirs('ctx_chdir_dir', exist_ok=True)
with chdir('ctx_chdir_dir'):
    print(os.path.basename(os.getcwd()))
print(os.getcwd() == start)
with chdir('ctx_chdir_dir'):
    with open('inner.txt', 'w') as f:
        f.write('x')
print(os.listdir('ctx_chdir_dir'))
os.remove(os.path.join('ctx_chdir_dir', 'inner.txt'))
os.rmdir('ctx_chdir_dir')
try:
    with chdir('no_such_dir_here'):
        pass
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno)
print(os.getcwd() == start)
