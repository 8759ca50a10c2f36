# The types module's names are the real types of the interpreter's objects.
import sys
import types

def f():
    pass
async def co():
    pass
async def ag():
    yield 1
def gen():
    yield 1
class C:
    __slots__ = ('slot',)
    def m(self):
        pass
def outer():
    v = 1
    def inner():
        return v
    return inner

checks = [
    ('FunctionType', f), ('LambdaType', lambda: 0), ('MethodType', C().m),
    ('BuiltinFunctionType', len), ('BuiltinMethodType', [].append), ('GeneratorType', gen()),
    ('AsyncGeneratorType', ag()), ('ModuleType', sys), ('CodeType', f.__code__),
    ('FrameType', sys._getframe()), ('CellType', outer().__closure__[0]),
    ('EllipsisType', ...), ('NoneType', None),
    ('NotImplementedType', NotImplemented), ('MemberDescriptorType', C.__dict__['slot']),
]
for name, obj in checks:
    t = getattr(types, name)
    print(name, t.__name__, isinstance(obj, t))
c = co()
print('CoroutineType', isinstance(c, types.CoroutineType))
c.close()
try:
    1 / 0
except ZeroDivisionError as e:
    tb = e.__traceback__
print('TracebackType', isinstance(tb, types.TracebackType), tb.tb_lineno)
print(isinstance(f, types.BuiltinFunctionType), isinstance(len, types.FunctionType))
print(isinstance(gen, types.GeneratorType), isinstance(f, types.MethodType))
print(types.LambdaType is types.FunctionType, types.BuiltinMethodType is types.BuiltinFunctionType)
print(isinstance(outer().__closure__[0], types.CellType), outer().__closure__[0].cell_contents)
m = types.ModuleType('made')
print(m.__name__, isinstance(m, types.ModuleType))
