eg = ExceptionGroup('top', [ValueError(1), TypeError('t'), ExceptionGroup('inner', [ValueError(2), KeyError('k')]), OSError('x')])
print(repr(eg), str(eg), eg.message, len(eg.exceptions), eg.args[0])
m, r = eg.split(ValueError)
print(repr(m), repr(r))
print(repr(eg.subgroup(lambda e: isinstance(e, (KeyError, TypeError)))))
print(eg.subgroup(ExceptionGroup) is eg, eg.split(Exception)[1], eg.subgroup(ZeroDivisionError))
print(repr(eg.derive([ValueError(9)])), type(eg.derive([KeyboardInterrupt()])).__name__)
class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + '!', excs)
e2 = MyEG('mine', [ValueError(1), TypeError(2)])
print(repr(e2.split(TypeError)), isinstance(e2, ExceptionGroup), issubclass(MyEG, BaseExceptionGroup))
for bad in ["ExceptionGroup('x', [])", "ExceptionGroup(1, [ValueError()])", "ExceptionGroup('x', [1])", "ExceptionGroup('x', 5)", "ExceptionGroup('x')", "ExceptionGroup('x', [KeyboardInterrupt()])", "eg.split(1)", "eg.split()"]:
    try:
        eval(bad)
    except Exception as ex:
        print(type(ex).__name__, ex)
print(BaseExceptionGroup.__mro__)
def f(exc):
    try:
        raise exc
    except* ValueError as e:
        print('V', repr(e))
    except* (TypeError, KeyError) as e:
        print('TK', repr(e))
    except* OSError:
        print('OS')
    else:
        print('else')
    finally:
        print('finally')
for exc in [eg, ValueError(5), KeyError(3), MyEG('m', [ValueError(1), ZeroDivisionError()])]:
    try:
        f(exc)
    except BaseException as x:
        print('escaped', repr(x))
try:
    try:
        raise ExceptionGroup('a', [ValueError(1)])
    except* ValueError:
        try:
            raise ExceptionGroup('b', [TypeError(2)])
        except* TypeError as t:
            print('nested', repr(t))
    print('after')
except* Exception as z:
    print('outer', z)
try:
    try:
        pass
    except* ValueError:
        pass
    else:
        print('no exception, else runs')
except* Exception:
    pass
for src in ['try:\n  pass\nexcept* ValueError:\n  pass\nexcept TypeError:\n  pass', 'try:\n  pass\nexcept ValueError:\n  pass\nexcept* TypeError:\n  pass', 'try:\n  pass\nexcept*:\n  pass', 'for i in x:\n  try:\n    pass\n  except* ValueError:\n    break', 'def f():\n  try:\n    pass\n  except* ValueError:\n    return 1', 'try:\n  pass\nexcept* ValueError:\n  for i in x:\n    continue', 'try:\n  pass\nexcept* ValueError, TypeError:\n  pass']:
  try: compile(src, 'f', 'exec'); print('ok')
  except SyntaxError as e: print(e.msg, e.lineno, e.offset)
try:
    try:
        raise ValueError('v')
    except* ExceptionGroup:
        pass
except TypeError as t:
    print(t)
try:
    try:
        raise ValueError('v')
    except* 3:
        pass
except TypeError as t:
    print(t)
