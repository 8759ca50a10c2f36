# evalx's ast module (written for evalx): node classes with CPython 3.11's fields and attributes, made
# from the nested tuples the native _parse returns, and the helpers that work on them.

PyCF_ONLY_AST = 1024
PyCF_TYPE_COMMENTS = 4096
PyCF_ALLOW_TOP_LEVEL_AWAIT = 8192

_POS = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')


class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()

    def __init__(self, *args, **kwargs):
        fields = type(self)._fields
        if len(args) > len(fields):
            n = len(fields)
            raise TypeError('%s constructor takes %s positional argument%s' % (
                type(self).__name__, 'at most %d' % n if n else 'no', '' if n == 1 else 's'))
        for name, value in zip(fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __reduce__(self):
        return type(self), (), self.__dict__


# name: (base, fields, optional fields); nodes under stmt, expr, excepthandler, arg, keyword, alias and
# pattern carry positions.
_SPEC = """
mod AST
Module mod body type_ignores
Interactive mod body
Expression mod body
FunctionType mod argtypes returns
stmt AST
FunctionDef stmt name args body decorator_list returns? type_comment?
AsyncFunctionDef stmt name args body decorator_list returns? type_comment?
ClassDef stmt name bases keywords body decorator_list
Return stmt value?
Delete stmt targets
Assign stmt targets value type_comment?
AugAssign stmt target op value
AnnAssign stmt target annotation value? simple
For stmt target iter body orelse type_comment?
AsyncFor stmt target iter body orelse type_comment?
While stmt test body orelse
If stmt test body orelse
With stmt items body type_comment?
AsyncWith stmt items body type_comment?
Match stmt subject cases
Raise stmt exc? cause?
Try stmt body handlers orelse finalbody
TryStar stmt body handlers orelse finalbody
Assert stmt test msg?
Import stmt names
ImportFrom stmt module? names level?
Global stmt names
Nonlocal stmt names
Expr stmt value
Pass stmt
Break stmt
Continue stmt
expr AST
BoolOp expr op values
NamedExpr expr target value
BinOp expr left op right
UnaryOp expr op operand
Lambda expr args body
IfExp expr test body orelse
Dict expr keys values
Set expr elts
ListComp expr elt generators
SetComp expr elt generators
DictComp expr key value generators
GeneratorExp expr elt generators
Await expr value
Yield expr value?
YieldFrom expr value
Compare expr left ops comparators
Call expr func args keywords
FormattedValue expr value conversion format_spec?
JoinedStr expr values
Constant expr value kind?
Attribute expr value attr ctx
Subscript expr value slice ctx
Starred expr value ctx
Name expr id ctx
List expr elts ctx
Tuple expr elts ctx
Slice expr lower? upper? step?
expr_context AST
Load expr_context
Store expr_context
Del expr_context
AugLoad expr_context
AugStore expr_context
Param expr_context
boolop AST
And boolop
Or boolop
operator AST
Add operator
Sub operator
Mult operator
MatMult operator
Div operator
Mod operator
Pow operator
LShift operator
RShift operator
BitOr operator
BitXor operator
BitAnd operator
FloorDiv operator
unaryop AST
Invert unaryop
Not unaryop
UAdd unaryop
USub unaryop
cmpop AST
Eq cmpop
NotEq cmpop
Lt cmpop
LtE cmpop
Gt cmpop
GtE cmpop
Is cmpop
IsNot cmpop
In cmpop
NotIn cmpop
comprehension AST target iter ifs is_async
excepthandler AST
ExceptHandler excepthandler type? name? body
arguments AST posonlyargs args vararg? kwonlyargs kw_defaults kwarg? defaults
arg AST arg annotation? type_comment?
keyword AST arg? value
alias AST name asname?
withitem AST context_expr optional_vars?
match_case AST pattern guard? body
pattern AST
MatchValue pattern value
MatchSingleton pattern value
MatchSequence pattern patterns
MatchMapping pattern keys patterns rest?
MatchClass pattern cls patterns kwd_attrs kwd_patterns
MatchStar pattern name?
MatchAs pattern pattern? name?
MatchOr pattern patterns
type_ignore AST
TypeIgnore type_ignore lineno tag
slice AST
Index slice
ExtSlice slice
"""

_POSITIONED = ('stmt', 'expr', 'excepthandler', 'arg', 'keyword', 'alias', 'pattern')
_classes = {'AST': AST}


def _make_classes():
    g = globals()
    for line in _SPEC.strip().split('\n'):
        parts = line.split()
        name, base = parts[0], _classes[parts[1]]
        fields = tuple(p.rstrip('?') for p in parts[2:])
        ns = {'__module__': 'ast', '_fields': fields, '__match_args__': fields}
        for p in parts[2:]:
            if p.endswith('?'):
                ns[p[:-1]] = None
        if name in _POSITIONED:
            ns['_attributes'] = _POS
            ns['end_lineno'] = None
            ns['end_col_offset'] = None
        cls = type(name, (base,), ns)
        _classes[name] = cls
        g[name] = cls


_make_classes()
del _make_classes


# The deprecated constant classes: constructing one makes a Constant; isinstance checks look at the value.
class _ConstantMeta(type):
    def __instancecheck__(cls, inst):
        if not isinstance(inst, Constant):
            return False
        kinds = _CONST_KINDS.get(cls.__name__)
        if kinds is None:
            return type.__instancecheck__(cls, inst)
        value = inst.value
        return isinstance(value, kinds) and not (
            cls.__name__ == 'Num' and isinstance(value, bool))


class _Deprecated(Constant, metaclass=_ConstantMeta):
    _fields = ('value', 'kind')

    def __new__(cls, *args, **kwargs):
        if cls is Ellipsis:
            return Constant(..., *args, **kwargs)
        return Constant(*args, **kwargs)


class Num(_Deprecated):
    _fields = ('n',)
    __match_args__ = ('n',)


class Str(_Deprecated):
    _fields = ('s',)
    __match_args__ = ('s',)


class Bytes(_Deprecated):
    _fields = ('s',)
    __match_args__ = ('s',)


class NameConstant(_Deprecated):
    pass


class Ellipsis(_Deprecated):
    _fields = ()
    __match_args__ = ()


_CONST_KINDS = {
    'Num': (int, float, complex),
    'Str': (str,),
    'Bytes': (bytes,),
    'NameConstant': (type(None), bool),
    'Ellipsis': (type(...),),
}
for _c in (_Deprecated, Num, Str, Bytes, NameConstant, Ellipsis):
    _c.__module__ = 'ast'
del _c


def _n_get(self):
    return self.value


def _n_set(self, value):
    self.value = value


Constant.n = property(_n_get, _n_set)
Constant.s = property(_n_get, _n_set)


def _build(t):
    name, fields, pos = t
    cls = _classes[name]
    node = cls.__new__(cls)
    d = node.__dict__
    for f, v in zip(cls._fields, fields):
        if type(v) is tuple:
            v = _build(v)
        elif type(v) is list:
            v = [_build(x) if type(x) is tuple else x for x in v]
        d[f] = v
    if pos is not None:
        d['lineno'], d['col_offset'], d['end_lineno'], d['end_col_offset'] = pos
    return node


def parse(source, filename='<unknown>', mode='exec', *, type_comments=False, feature_version=None):
    """Parse the source into an AST node (what compile() with PyCF_ONLY_AST gives)."""
    if isinstance(source, AST):
        return source
    if isinstance(source, (bytes, bytearray)):
        source = bytes(source).decode('utf-8')
    elif not isinstance(source, str):
        raise TypeError('compile() arg 1 must be a string, bytes or AST object')
    if hasattr(filename, '__fspath__'):
        filename = filename.__fspath__()
    if isinstance(filename, bytes):
        filename = filename.decode()
    if mode == 'func_type':
        raise ValueError("evalx's ast.parse does not support mode='func_type'")
    if mode not in ('exec', 'eval', 'single'):
        raise ValueError("compile() mode must be 'exec', 'eval' or 'single'")
    if '\0' in source:
        raise SyntaxError('source code string cannot contain null bytes')
    return _build(_parse(source, filename, mode))


def literal_eval(node_or_string):
    """Evaluate a string or node holding only a Python literal: strings, bytes, numbers, tuples, lists,
    dicts, sets, booleans, None and Ellipsis (and + / - of numbers)."""
    if isinstance(node_or_string, str):
        node_or_string = parse(node_or_string.lstrip(' \t'), mode='eval')
    if isinstance(node_or_string, Expression):
        node_or_string = node_or_string.body

    def malformed(node):
        msg = 'malformed node or string'
        lno = getattr(node, 'lineno', None)
        if lno:
            msg += ' on line %d' % lno
        raise ValueError(msg + ': %r' % (node,))

    def number(node):
        if not isinstance(node, Constant) or type(node.value) not in (int, float, complex):
            malformed(node)
        return node.value

    def signed(node):
        if isinstance(node, UnaryOp) and isinstance(node.op, (UAdd, USub)):
            operand = number(node.operand)
            return +operand if isinstance(node.op, UAdd) else -operand
        return number(node)

    def convert(node):
        if isinstance(node, Constant):
            return node.value
        if isinstance(node, Tuple):
            return tuple(map(convert, node.elts))
        if isinstance(node, List):
            return list(map(convert, node.elts))
        if isinstance(node, Set):
            return set(map(convert, node.elts))
        if (isinstance(node, Call) and isinstance(node.func, Name) and node.func.id == 'set'
                and node.args == node.keywords == []):
            return set()
        if isinstance(node, Dict):
            if len(node.keys) != len(node.values):
                malformed(node)
            return dict(zip(map(convert, node.keys), map(convert, node.values)))
        if isinstance(node, BinOp) and isinstance(node.op, (Add, Sub)):
            left = signed(node.left)
            right = number(node.right)
            if isinstance(left, (int, float)) and isinstance(right, complex):
                return left + right if isinstance(node.op, Add) else left - right
        return signed(node)

    return convert(node_or_string)


def dump(node, annotate_fields=True, include_attributes=False, *, indent=None):
    """A formatted dump of the tree in node: the class names and fields (and, asked, the positions)."""
    if indent is not None and not isinstance(indent, str):
        indent = ' ' * indent

    def fmt(node, level=0):
        if indent is not None:
            level += 1
            prefix = '\n' + indent * level
            sep = ',\n' + indent * level
        else:
            prefix = ''
            sep = ', '
        if isinstance(node, AST):
            cls = type(node)
            args = []
            allsimple = True
            keywords = annotate_fields
            for name in node._fields:
                try:
                    value = getattr(node, name)
                except AttributeError:
                    keywords = True
                    continue
                if value is None and getattr(cls, name, ...) is None:
                    keywords = True
                    continue
                value, simple = fmt(value, level)
                allsimple = allsimple and simple
                args.append('%s=%s' % (name, value) if keywords else value)
            if include_attributes and node._attributes:
                for name in node._attributes:
                    try:
                        value = getattr(node, name)
                    except AttributeError:
                        continue
                    if value is None and getattr(cls, name, ...) is None:
                        continue
                    value, simple = fmt(value, level)
                    allsimple = allsimple and simple
                    args.append('%s=%s' % (name, value))
            if allsimple and len(args) <= 3:
                return '%s(%s)' % (cls.__name__, ', '.join(args)), not args
            return '%s(%s%s)' % (cls.__name__, prefix, sep.join(args)), False
        if isinstance(node, list):
            if not node:
                return '[]', True
            return '[%s%s]' % (prefix, sep.join(fmt(x, level)[0] for x in node)), False
        return repr(node), True

    if not isinstance(node, AST):
        raise TypeError('expected AST, got %r' % node.__class__.__name__)
    return fmt(node)[0]


def copy_location(new_node, old_node):
    """Copy the position attributes of old_node to new_node (where both have them); returns new_node."""
    for attr in _POS:
        if attr in old_node._attributes and attr in new_node._attributes:
            value = getattr(old_node, attr, None)
            if value is not None or (hasattr(old_node, attr) and attr.startswith('end_')):
                setattr(new_node, attr, value)
    return new_node


def fix_missing_locations(node):
    """Give every node without a position its parent's (the module's start for the top)."""
    def fix(node, lineno, col_offset, end_lineno, end_col_offset):
        if 'lineno' in node._attributes:
            if not hasattr(node, 'lineno'):
                node.lineno = lineno
            else:
                lineno = node.lineno
        if 'end_lineno' in node._attributes:
            if getattr(node, 'end_lineno', None) is None:
                node.end_lineno = end_lineno
            else:
                end_lineno = node.end_lineno
        if 'col_offset' in node._attributes:
            if not hasattr(node, 'col_offset'):
                node.col_offset = col_offset
            else:
                col_offset = node.col_offset
        if 'end_col_offset' in node._attributes:
            if getattr(node, 'end_col_offset', None) is None:
                node.end_col_offset = end_col_offset
            else:
                end_col_offset = node.end_col_offset
        for child in iter_child_nodes(node):
            fix(child, lineno, col_offset, end_lineno, end_col_offset)
    fix(node, 1, 0, 1, 0)
    return node


def increment_lineno(node, n=1):
    """Add n to the line numbers of node and every node under it."""
    for child in walk(node):
        if isinstance(child, TypeIgnore):
            child.lineno = getattr(child, 'lineno', 0) + n
            continue
        if 'lineno' in child._attributes:
            child.lineno = getattr(child, 'lineno', 0) + n
        if 'end_lineno' in child._attributes and getattr(child, 'end_lineno', 0) is not None:
            child.end_lineno = getattr(child, 'end_lineno', 0) + n
    return node


def iter_fields(node):
    """(name, value) for each field of node that is set."""
    for field in node._fields:
        try:
            yield field, getattr(node, field)
        except AttributeError:
            pass


def iter_child_nodes(node):
    """The direct children of node: nodes in its fields and in list fields."""
    for name, field in iter_fields(node):
        if isinstance(field, AST):
            yield field
        elif isinstance(field, list):
            for item in field:
                if isinstance(item, AST):
                    yield item


def get_docstring(node, clean=True):
    """The docstring of a function, class or module node, or None; clean: inspect.cleandoc it."""
    if not isinstance(node, (AsyncFunctionDef, FunctionDef, ClassDef, Module)):
        raise TypeError("%r can't have docstrings" % node.__class__.__name__)
    if not (node.body and isinstance(node.body[0], Expr)):
        return None
    first = node.body[0].value
    if isinstance(first, Constant) and isinstance(first.value, str):
        text = first.value
    else:
        return None
    if clean:
        import inspect
        text = inspect.cleandoc(text)
    return text


def _split_lines(source):
    lines = []
    start = 0
    i = 0
    n = len(source)
    while i < n:
        c = source[i]
        if c == '\r':
            end = i + 2 if source[i + 1:i + 2] == '\n' else i + 1
            lines.append(source[start:end])
            start = i = end
            continue
        if c in '\n\f':
            lines.append(source[start:i + 1])
            start = i + 1
        i += 1
    if start < n:
        lines.append(source[start:])
    return lines


def _pad_whitespace(source):
    return ''.join(c if c in '\f\t' else ' ' for c in source)


def get_source_segment(source, node, *, padded=False):
    """The source text node was parsed from, or None when node has no full position."""
    try:
        if node.end_lineno is None or node.end_col_offset is None:
            return None
        lineno = node.lineno - 1
        end_lineno = node.end_lineno - 1
        col_offset = node.col_offset
        end_col_offset = node.end_col_offset
    except AttributeError:
        return None
    lines = _split_lines(source)
    if end_lineno == lineno:
        return lines[lineno].encode()[col_offset:end_col_offset].decode()
    if padded:
        padding = _pad_whitespace(lines[lineno].encode()[:col_offset].decode())
    else:
        padding = ''
    first = padding + lines[lineno].encode()[col_offset:].decode()
    last = lines[end_lineno].encode()[:end_col_offset].decode()
    lines = lines[lineno + 1:end_lineno]
    lines.insert(0, first)
    lines.append(last)
    return ''.join(lines)


def walk(node):
    """Every node under node (node included), breadth first, in no promised order."""
    from collections import deque
    todo = deque([node])
    while todo:
        node = todo.popleft()
        todo.extend(iter_child_nodes(node))
        yield node


class NodeVisitor(object):
    """Walks a tree calling visit_<ClassName> for each node (generic_visit when there is none)."""

    def visit(self, node):
        method = 'visit_' + node.__class__.__name__
        visitor = getattr(self, method, self.generic_visit)
        return visitor(node)

    def generic_visit(self, node):
        for field, value in iter_fields(node):
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, AST):
                        self.visit(item)
            elif isinstance(value, AST):
                self.visit(value)

    def visit_Constant(self, node):
        value = node.value
        type_name = _const_node_type_names.get(type(value))
        if type_name is None:
            for cls, name in _const_node_type_names.items():
                if isinstance(value, cls):
                    type_name = name
                    break
        if type_name is not None:
            method = 'visit_' + type_name
            try:
                visitor = getattr(self, method)
            except AttributeError:
                pass
            else:
                import warnings
                warnings.warn(f"{method} is deprecated; add visit_Constant",
                              DeprecationWarning, 2)
                return visitor(node)
        return self.generic_visit(node)


_const_node_type_names = {
    bool: 'NameConstant',
    type(None): 'NameConstant',
    int: 'Num',
    float: 'Num',
    complex: 'Num',
    str: 'Str',
    bytes: 'Bytes',
    type(...): 'Ellipsis',
}


class NodeTransformer(NodeVisitor):
    """A NodeVisitor whose visit_ methods return the replacement node (None removes it, a list splices)."""

    def generic_visit(self, node):
        for field, old_value in iter_fields(node):
            if isinstance(old_value, list):
                new_values = []
                for value in old_value:
                    if isinstance(value, AST):
                        value = self.visit(value)
                        if value is None:
                            continue
                        elif not isinstance(value, AST):
                            new_values.extend(value)
                            continue
                    new_values.append(value)
                old_value[:] = new_values
            elif isinstance(old_value, AST):
                new_node = self.visit(old_value)
                if new_node is None:
                    delattr(node, field)
                else:
                    setattr(node, field, new_node)
        return node


def unparse(ast_obj):
    """Python source text that parses back to an equivalent tree."""
    return _Unparser().visit(ast_obj)
