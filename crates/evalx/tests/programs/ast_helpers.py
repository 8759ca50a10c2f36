# ast: literal_eval, walk, visitors and transformers, positions, docstrings and the error texts.
import ast

print(ast.literal_eval("[1, -2.5, (3, 4j), {'a': {1, 2}}, None, True, b'x', ..., 1+2j, set()]"))
print(ast.literal_eval("  {'k': [1, 2]}"))
for bad in ["x + 1", "f(1)", "[1, y]", "1 + 'a'", "-'s'"]:
    try:
        ast.literal_eval(bad)
    except ValueError as e:
        print("ValueError:", str(e).split(":")[0])
try:
    ast.literal_eval("1 +")
except SyntaxError as e:
    print("SyntaxError:", e.msg, e.lineno, e.filename)

src = '''\
def add(a, b):
    """Add two numbers.

    Returns their sum.
    """
    return a + b

class Greeter:
    "Says hello."
    def hi(self, name):
        print("hi", name)
x = add(1, 2) * 3
'''
tree = ast.parse(src, filename="demo.py")
print(sorted({type(n).__name__ for n in ast.walk(tree)}))
print(ast.get_docstring(tree.body[0]))
print(repr(ast.get_docstring(tree.body[0], clean=False)))
print(ast.get_docstring(tree.body[1]), ast.get_docstring(tree))
try:
    ast.get_docstring(tree.body[2])
except TypeError as e:
    print("TypeError:", e)

for node in ast.walk(tree):
    if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Call)):
        print(type(node).__name__, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset,
              repr(ast.get_source_segment(src, node))[:40])
print(ast.get_source_segment(src, tree.body[1].body[1], padded=True))


class Names(ast.NodeVisitor):
    def __init__(self):
        self.found = []

    def visit_Name(self, node):
        self.found.append((node.id, type(node.ctx).__name__))

    def visit_FunctionDef(self, node):
        self.found.append(("def", node.name, [a.arg for a in node.args.args]))
        self.generic_visit(node)


v = Names()
v.visit(tree)
print(v.found)


class Doubler(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int):
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node

    def visit_Expr(self, node):
        if isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "print":
            return None
        return self.generic_visit(node)


new = Doubler().visit(ast.parse("x = 1 + 2\nprint(x)\ny = [3, 'a']"))
print(ast.dump(new))
print(ast.unparse(new))

# Building trees by hand.
call = ast.Call(func=ast.Name(id="print", ctx=ast.Load()), args=[ast.Constant(value="built")], keywords=[])
mod = ast.Module(body=[ast.Expr(value=call)], type_ignores=[])
ast.fix_missing_locations(mod)
print(mod.body[0].lineno, mod.body[0].col_offset, call.end_lineno, call.args[0].col_offset)
print(ast.unparse(mod))
print(ast.dump(mod, include_attributes=True))
t = ast.parse("a = 1\nb = 2")
ast.increment_lineno(t, 10)
print([n.lineno for n in t.body], [n.end_lineno for n in t.body])

print([(k, type(v).__name__) for k, v in ast.iter_fields(ast.parse("x = 1").body[0])])
print([type(c).__name__ for c in ast.iter_child_nodes(ast.parse("f(a, b=c)").body[0].value)])
n = ast.Name("x")
print(n.id, ast.dump(n), ast.Name._fields, ast.Name._attributes, ast.BinOp.__match_args__)
try:
    n.ctx
except AttributeError as e:
    print("AttributeError:", e)
try:
    ast.Name("a", ast.Load(), 3)
except TypeError as e:
    print("TypeError:", e)
try:
    ast.dump(3)
except TypeError as e:
    print("TypeError:", e)
print(ast.Constant(5).kind, ast.FunctionDef().returns, ast.arg("q").annotation)
print(isinstance(ast.parse("1").body[0].value, ast.expr), issubclass(ast.If, ast.stmt), ast.AST in ast.Name.__mro__)
print(ast.dump(ast.parse("x = 1"), annotate_fields=False))
print(ast.dump(ast.parse("if x:\n    pass"), indent="--"))

match ast.parse("a + 1").body[0].value:
    case ast.BinOp(ast.Name(id=name), ast.Add(), ast.Constant(value=v)):
        print("matched", name, v)

for code in ["def f(:", "x = = 1", "  x = 1", "f(**)"]:
    try:
        ast.parse(code)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.filename)
print(ast.PyCF_ONLY_AST)
