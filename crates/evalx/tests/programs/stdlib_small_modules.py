import keyword, errno, numbers, gc, builtins, atexit, sys
print(keyword.iskeyword('lambda'), keyword.iskeyword('match'), keyword.issoftkeyword('match'), keyword.iskeyword('x'), len(keyword.kwlist), keyword.softkwlist)
print(errno.ENOENT, errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.errorcode[2], errno.errorcode[11], errno.EEXIST, errno.EINTR, len(errno.errorcode))
print(isinstance(3, numbers.Integral), isinstance(3, numbers.Number), isinstance(2.5, numbers.Real), isinstance(2.5, numbers.Integral), issubclass(bool, numbers.Integral), isinstance('x', numbers.Number), issubclass(numbers.Integral, numbers.Rational))


class Meters(numbers.Real):
    pass


try:
    Meters()
except TypeError as e:
    print('TypeError', str(e).split(' with')[0])
print(gc.collect(), gc.isenabled(), gc.get_threshold())
gc.disable(); print(gc.isenabled()); gc.enable()
print(builtins.len('abc'), builtins.__name__, builtins.max is max, 'print' in dir(builtins))
builtins.my_global_helper = lambda: 'helper'
print(my_global_helper())
del builtins.my_global_helper


def bye(name, punct='!'):
    print('goodbye', name + punct)


atexit.register(bye, 'first')
atexit.register(bye, 'second', punct='?')


@atexit.register
def last():
    print('registered last, runs first')


def never():
    print('unregistered')


atexit.register(never)
atexit.unregister(never)
print('main done')
