# evalx's ast.unparse (written for evalx; runs in the ast module's namespace): source text from a tree,
# with the fewest parentheses the operators' binding strengths need.

# Binding strengths, weakest first.
(_P_NAMED, _P_TUPLE, _P_YIELD, _P_TEST, _P_OR, _P_AND, _P_NOT, _P_CMP, _P_BOR, _P_BXOR, _P_BAND,
 _P_SHIFT, _P_ARITH, _P_TERM, _P_FACTOR, _P_POWER, _P_AWAIT, _P_ATOM) = range(1, 19)

_BINOPS = {
    'Add': ('+', _P_ARITH), 'Sub': ('-', _P_ARITH), 'Mult': ('*', _P_TERM),
    'MatMult': ('@', _P_TERM), 'Div': ('/', _P_TERM), 'Mod': ('%', _P_TERM),
    'LShift': ('<<', _P_SHIFT), 'RShift': ('>>', _P_SHIFT), 'BitOr': ('|', _P_BOR),
    'BitXor': ('^', _P_BXOR), 'BitAnd': ('&', _P_BAND), 'FloorDiv': ('//', _P_TERM),
    'Pow': ('**', _P_POWER),
}
_UNOPS = {'Invert': ('~', _P_FACTOR), 'Not': ('not', _P_NOT), 'UAdd': ('+', _P_FACTOR),
          'USub': ('-', _P_FACTOR)}
_CMPOPS = {'Eq': '==', 'NotEq': '!=', 'Lt': '<', 'LtE': '<=', 'Gt': '>', 'GtE': '>=',
           'Is': 'is', 'IsNot': 'is not', 'In': 'in', 'NotIn': 'not in'}
_ONE_QUOTES = ("'", '"')
_THREE_QUOTES = ('"""', "'''")
_ANY_QUOTES = _ONE_QUOTES + _THREE_QUOTES
_INF = '1e309'


def _next(p):
    return min(p + 1, _P_ATOM)


class _Unparser(NodeVisitor):
    def __init__(self, in_fstring=False):
        self._out = []
        self._prec = {}
        self._indent = 0
        self._in_fstring = in_fstring

    # -- output helpers
    def write(self, *parts):
        self._out.extend(parts)

    def _newline_if_any(self):
        if self._out:
            self.write('\n')

    def fill(self, text=''):
        self._newline_if_any()
        self.write('    ' * self._indent + text)

    def _join(self, sep, fn, items):
        first = True
        for x in items:
            if not first:
                self.write(sep)
            first = False
            fn(x)

    def _items(self, fn, items):
        if len(items) == 1:
            fn(items[0])
            self.write(',')
        else:
            self._join(', ', fn, items)

    def _block(self, body):
        self.write(':')
        self._indent += 1
        self.traverse(body)
        self._indent -= 1

    def _prec_of(self, node):
        return self._prec.get(id(node), _P_TEST)

    def _set_prec(self, p, *nodes):
        for n in nodes:
            self._prec[id(n)] = p

    def _open(self, need):
        if need:
            self.write('(')
        return need

    def _close(self, opened):
        if opened:
            self.write(')')

    def traverse(self, node):
        if isinstance(node, list):
            for item in node:
                self.traverse(item)
        else:
            super().visit(node)

    def visit(self, node):
        self._out = []
        self.traverse(node)
        return ''.join(self._out)

    # -- modules and statements
    def _body_with_doc(self, node):
        body = node.body
        if (body and isinstance(body[0], Expr) and isinstance(body[0].value, Constant)
                and isinstance(body[0].value.value, str)):
            doc = body[0].value
            self.fill()
            if doc.kind == 'u':
                self.write('u')
            self._write_str(doc.value, _THREE_QUOTES)
            self.traverse(body[1:])
        else:
            self.traverse(body)

    def visit_Module(self, node):
        self._body_with_doc(node)

    def visit_Interactive(self, node):
        self.traverse(node.body)

    def visit_Expression(self, node):
        self.traverse(node.body)

    def visit_FunctionType(self, node):
        self.write('(')
        self._join(', ', self.traverse, node.argtypes)
        self.write(') -> ')
        self.traverse(node.returns)

    def visit_Expr(self, node):
        self.fill()
        self._set_prec(_P_YIELD, node.value)
        self.traverse(node.value)

    def visit_Import(self, node):
        self.fill('import ')
        self._join(', ', self.traverse, node.names)

    def visit_ImportFrom(self, node):
        self.fill('from ')
        self.write('.' * (node.level or 0))
        if node.module:
            self.write(node.module)
        self.write(' import ')
        self._join(', ', self.traverse, node.names)

    def visit_alias(self, node):
        self.write(node.name)
        if node.asname:
            self.write(' as ' + node.asname)

    def visit_Assign(self, node):
        self.fill()
        for target in node.targets:
            self._set_prec(_P_TUPLE, target)
            self.traverse(target)
            self.write(' = ')
        self.traverse(node.value)
        if node.type_comment:
            self.write('  # type: ' + node.type_comment)

    def visit_AugAssign(self, node):
        self.fill()
        self.traverse(node.target)
        self.write(' ' + _BINOPS[type(node.op).__name__][0] + '= ')
        self.traverse(node.value)

    def visit_AnnAssign(self, node):
        self.fill()
        opened = self._open(not node.simple and isinstance(node.target, Name))
        self.traverse(node.target)
        self._close(opened)
        self.write(': ')
        self.traverse(node.annotation)
        if node.value:
            self.write(' = ')
            self.traverse(node.value)

    def visit_Return(self, node):
        self.fill('return')
        if node.value:
            self.write(' ')
            self.traverse(node.value)

    def visit_Pass(self, node):
        self.fill('pass')

    def visit_Break(self, node):
        self.fill('break')

    def visit_Continue(self, node):
        self.fill('continue')

    def visit_Delete(self, node):
        self.fill('del ')
        self._join(', ', self.traverse, node.targets)

    def visit_Assert(self, node):
        self.fill('assert ')
        self.traverse(node.test)
        if node.msg:
            self.write(', ')
            self.traverse(node.msg)

    def visit_Global(self, node):
        self.fill('global ')
        self.write(', '.join(node.names))

    def visit_Nonlocal(self, node):
        self.fill('nonlocal ')
        self.write(', '.join(node.names))

    def visit_Raise(self, node):
        self.fill('raise')
        if not node.exc:
            if node.cause:
                raise ValueError("Node can't use cause without an exception.")
            return
        self.write(' ')
        self.traverse(node.exc)
        if node.cause:
            self.write(' from ')
            self.traverse(node.cause)

    def _try(self, node, star):
        self.fill('try')
        self._block(node.body)
        for h in node.handlers:
            self._handler(h, star)
        if node.orelse:
            self.fill('else')
            self._block(node.orelse)
        if node.finalbody:
            self.fill('finally')
            self._block(node.finalbody)

    def visit_Try(self, node):
        self._try(node, False)

    def visit_TryStar(self, node):
        self._try(node, True)

    def _handler(self, node, star):
        self.fill('except*' if star else 'except')
        if node.type:
            self.write(' ')
            self.traverse(node.type)
        if node.name:
            self.write(' as ' + node.name)
        self._block(node.body)

    def visit_ExceptHandler(self, node):
        self._handler(node, False)

    def visit_ClassDef(self, node):
        self._newline_if_any()
        for deco in node.decorator_list:
            self.fill('@')
            self.traverse(deco)
        self.fill('class ' + node.name)
        opened = self._open(bool(node.bases or node.keywords))
        self._join(', ', self.traverse, node.bases + node.keywords)
        self._close(opened)
        self.write(':')
        self._indent += 1
        self._body_with_doc(node)
        self._indent -= 1

    def _function(self, node, word):
        self._newline_if_any()
        for deco in node.decorator_list:
            self.fill('@')
            self.traverse(deco)
        self.fill(word + ' ' + node.name + '(')
        self.traverse(node.args)
        self.write(')')
        if node.returns:
            self.write(' -> ')
            self.traverse(node.returns)
        self.write(':')
        if node.type_comment:
            self.write('  # type: ' + node.type_comment)
        self._indent += 1
        self._body_with_doc(node)
        self._indent -= 1

    def visit_FunctionDef(self, node):
        self._function(node, 'def')

    def visit_AsyncFunctionDef(self, node):
        self._function(node, 'async def')

    def _for(self, node, word):
        self.fill(word)
        self._set_prec(_P_TUPLE, node.target)
        self.traverse(node.target)
        self.write(' in ')
        self.traverse(node.iter)
        self._block(node.body)
        if node.orelse:
            self.fill('else')
            self._block(node.orelse)

    def visit_For(self, node):
        self._for(node, 'for ')

    def visit_AsyncFor(self, node):
        self._for(node, 'async for ')

    def visit_If(self, node):
        self.fill('if ')
        self.traverse(node.test)
        self._block(node.body)
        while node.orelse and len(node.orelse) == 1 and isinstance(node.orelse[0], If):
            node = node.orelse[0]
            self.fill('elif ')
            self.traverse(node.test)
            self._block(node.body)
        if node.orelse:
            self.fill('else')
            self._block(node.orelse)

    def visit_While(self, node):
        self.fill('while ')
        self.traverse(node.test)
        self._block(node.body)
        if node.orelse:
            self.fill('else')
            self._block(node.orelse)

    def visit_With(self, node):
        self.fill('with ')
        self._join(', ', self.traverse, node.items)
        self._block(node.body)

    def visit_AsyncWith(self, node):
        self.fill('async with ')
        self._join(', ', self.traverse, node.items)
        self._block(node.body)

    def visit_withitem(self, node):
        self.traverse(node.context_expr)
        if node.optional_vars:
            self.write(' as ')
            self.traverse(node.optional_vars)

    def visit_Match(self, node):
        self.fill('match ')
        self.traverse(node.subject)
        self.write(':')
        self._indent += 1
        for case in node.cases:
            self.traverse(case)
        self._indent -= 1

    def visit_match_case(self, node):
        self.fill('case ')
        self.traverse(node.pattern)
        if node.guard:
            self.write(' if ')
            self.traverse(node.guard)
        self._block(node.body)

    # -- strings
    def _str_parts(self, s, quotes=_ANY_QUOTES, escape_ws=False):
        out = []
        for c in s:
            if (escape_ws or c not in '\n\t') and (c == '\\' or not c.isprintable()):
                c = c.encode('unicode_escape').decode('ascii')
            out.append(c)
        text = ''.join(out)
        ok = list(quotes)
        if '\n' in text:
            ok = [q for q in ok if q in _THREE_QUOTES]
        ok = [q for q in ok if q not in text]
        if not ok:
            r = repr(s)
            quote = r[0]
            for q in quotes:
                if r[0] in q:
                    quote = q
                    break
            return r[1:-1], [quote]
        if text:
            ok.sort(key=lambda q: q[0] == text[-1])
            if ok[0][0] == text[-1]:
                text = text[:-1] + '\\' + text[-1]
        return text, ok

    def _write_str(self, s, quotes=_ANY_QUOTES):
        text, ok = self._str_parts(s, quotes)
        self.write(ok[0] + text + ok[0])

    def _write_value(self, value):
        if isinstance(value, (float, complex)):
            self.write(repr(value).replace('inf', _INF).replace('nan', '(%s-%s)' % (_INF, _INF)))
        elif self._in_fstring and isinstance(value, str):
            self._write_str(value)
        else:
            self.write(repr(value))

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, tuple):
            self.write('(')
            self._items(self._write_value, value)
            self.write(')')
        elif value is ...:
            self.write('...')
        else:
            if node.kind == 'u':
                self.write('u')
            self._write_value(value)

    def _fstring_body(self, node):
        if isinstance(node, JoinedStr):
            for v in node.values:
                self._fstring_body(v)
        elif isinstance(node, Constant) and isinstance(node.value, str):
            self.write(node.value.replace('{', '{{').replace('}', '}}'))
        elif isinstance(node, FormattedValue):
            self.visit_FormattedValue(node)
        else:
            raise ValueError(f'Unexpected node inside JoinedStr, {node!r}')

    def _captured(self, fn, node):
        saved = self._out
        self._out = []
        try:
            fn(node)
            return ''.join(self._out)
        finally:
            self._out = saved

    def visit_JoinedStr(self, node):
        self.write('f')
        if self._in_fstring:
            self._write_str(self._captured(self._fstring_body, node))
            return
        quotes = list(_ANY_QUOTES)
        pieces = []
        for v in node.values:
            text = self._captured(self._fstring_body, v)
            text, quotes = self._str_parts(text, quotes, isinstance(v, Constant))
            pieces.append(text)
        self.write(quotes[0] + ''.join(pieces) + quotes[0])

    def visit_FormattedValue(self, node):
        inner = _Unparser(in_fstring=True)
        inner._set_prec(_next(_P_TEST), node.value)
        expr = inner.visit(node.value)
        if '\\' in expr:
            raise ValueError('Unable to avoid backslash in f-string expression part')
        self.write('{')
        if expr.startswith('{'):
            self.write(' ')
        self.write(expr)
        if node.conversion != -1:
            self.write('!' + chr(node.conversion))
        if node.format_spec:
            self.write(':')
            self._fstring_body(node.format_spec)
        self.write('}')

    # -- expressions
    def visit_Name(self, node):
        self.write(node.id)

    def visit_NamedExpr(self, node):
        opened = self._open(self._prec_of(node) > _P_NAMED)
        self._set_prec(_P_ATOM, node.target, node.value)
        self.traverse(node.target)
        self.write(' := ')
        self.traverse(node.value)
        self._close(opened)

    def visit_List(self, node):
        self.write('[')
        self._join(', ', self.traverse, node.elts)
        self.write(']')

    def visit_Tuple(self, node):
        opened = self._open(len(node.elts) == 0 or self._prec_of(node) > _P_TUPLE)
        self._items(self.traverse, node.elts)
        self._close(opened)

    def visit_Set(self, node):
        if node.elts:
            self.write('{')
            self._join(', ', self.traverse, node.elts)
            self.write('}')
        else:
            self.write('{*()}')

    def visit_Dict(self, node):
        def item(kv):
            k, v = kv
            if k is None:
                self.write('**')
                self._set_prec(_P_BOR, v)
                self.traverse(v)
            else:
                self.traverse(k)
                self.write(': ')
                self.traverse(v)
        self.write('{')
        self._join(', ', item, list(zip(node.keys, node.values)))
        self.write('}')

    def _comp(self, open_, close, node, key=None):
        self.write(open_)
        if key is not None:
            self.traverse(key)
            self.write(': ')
        self.traverse(node.value if key is not None else node.elt)
        for gen in node.generators:
            self.traverse(gen)
        self.write(close)

    def visit_ListComp(self, node):
        self._comp('[', ']', node)

    def visit_SetComp(self, node):
        self._comp('{', '}', node)

    def visit_GeneratorExp(self, node):
        self._comp('(', ')', node)

    def visit_DictComp(self, node):
        self._comp('{', '}', node, node.key)

    def visit_comprehension(self, node):
        self.write(' async for ' if node.is_async else ' for ')
        self._set_prec(_P_TUPLE, node.target)
        self.traverse(node.target)
        self.write(' in ')
        self._set_prec(_next(_P_TEST), node.iter, *node.ifs)
        self.traverse(node.iter)
        for cond in node.ifs:
            self.write(' if ')
            self.traverse(cond)

    def visit_IfExp(self, node):
        opened = self._open(self._prec_of(node) > _P_TEST)
        self._set_prec(_next(_P_TEST), node.body, node.test)
        self.traverse(node.body)
        self.write(' if ')
        self.traverse(node.test)
        self.write(' else ')
        self._set_prec(_P_TEST, node.orelse)
        self.traverse(node.orelse)
        self._close(opened)

    def visit_UnaryOp(self, node):
        op, p = _UNOPS[type(node.op).__name__]
        opened = self._open(self._prec_of(node) > p)
        self.write(op)
        if p != _P_FACTOR:
            self.write(' ')
        self._set_prec(p, node.operand)
        self.traverse(node.operand)
        self._close(opened)

    def visit_BinOp(self, node):
        op, p = _BINOPS[type(node.op).__name__]
        opened = self._open(self._prec_of(node) > p)
        if op == '**':
            left, right = _next(p), p
        else:
            left, right = p, _next(p)
        self._set_prec(left, node.left)
        self.traverse(node.left)
        self.write(' ' + op + ' ')
        self._set_prec(right, node.right)
        self.traverse(node.right)
        self._close(opened)

    def visit_Compare(self, node):
        opened = self._open(self._prec_of(node) > _P_CMP)
        self._set_prec(_next(_P_CMP), node.left, *node.comparators)
        self.traverse(node.left)
        for op, right in zip(node.ops, node.comparators):
            self.write(' ' + _CMPOPS[type(op).__name__] + ' ')
            self.traverse(right)
        self._close(opened)

    def visit_BoolOp(self, node):
        is_and = isinstance(node.op, And)
        p = _P_AND if is_and else _P_OR
        opened = self._open(self._prec_of(node) > p)
        level = p
        first = True
        for v in node.values:
            if not first:
                self.write(' and ' if is_and else ' or ')
            first = False
            level = _next(level)
            self._set_prec(level, v)
            self.traverse(v)
        self._close(opened)

    def visit_Attribute(self, node):
        self._set_prec(_P_ATOM, node.value)
        self.traverse(node.value)
        if isinstance(node.value, Constant) and isinstance(node.value.value, int):
            self.write(' ')
        self.write('.' + node.attr)

    def visit_Call(self, node):
        self._set_prec(_P_ATOM, node.func)
        self.traverse(node.func)
        self.write('(')
        self._join(', ', self.traverse, node.args + node.keywords)
        self.write(')')

    def visit_keyword(self, node):
        if node.arg is None:
            self.write('**')
        else:
            self.write(node.arg + '=')
        self.traverse(node.value)

    def visit_Subscript(self, node):
        self._set_prec(_P_ATOM, node.value)
        self.traverse(node.value)
        self.write('[')
        if isinstance(node.slice, Tuple) and node.slice.elts:
            self._items(self.traverse, node.slice.elts)
        else:
            self.traverse(node.slice)
        self.write(']')

    def visit_Starred(self, node):
        self.write('*')
        self._set_prec(_P_BOR, node.value)
        self.traverse(node.value)

    def visit_Slice(self, node):
        if node.lower:
            self.traverse(node.lower)
        self.write(':')
        if node.upper:
            self.traverse(node.upper)
        if node.step:
            self.write(':')
            self.traverse(node.step)

    def visit_Await(self, node):
        opened = self._open(self._prec_of(node) > _P_AWAIT)
        self.write('await')
        if node.value:
            self.write(' ')
            self._set_prec(_P_ATOM, node.value)
            self.traverse(node.value)
        self._close(opened)

    def visit_Yield(self, node):
        opened = self._open(self._prec_of(node) > _P_YIELD)
        self.write('yield')
        if node.value:
            self.write(' ')
            self._set_prec(_P_ATOM, node.value)
            self.traverse(node.value)
        self._close(opened)

    def visit_YieldFrom(self, node):
        opened = self._open(self._prec_of(node) > _P_YIELD)
        self.write('yield from ')
        if not node.value:
            raise ValueError("Node can't be used without a value attribute.")
        self._set_prec(_P_ATOM, node.value)
        self.traverse(node.value)
        self._close(opened)

    def visit_Lambda(self, node):
        opened = self._open(self._prec_of(node) > _P_TEST)
        self.write('lambda')
        args = self._captured(self.traverse, node.args)
        if args:
            self.write(' ' + args)
        self.write(': ')
        self._set_prec(_P_TEST, node.body)
        self.traverse(node.body)
        self._close(opened)

    def visit_arg(self, node):
        self.write(node.arg)
        if node.annotation:
            self.write(': ')
            self.traverse(node.annotation)

    def visit_arguments(self, node):
        every = node.posonlyargs + node.args
        defaults = [None] * (len(every) - len(node.defaults)) + node.defaults
        first = True

        def sep():
            nonlocal first
            if not first:
                self.write(', ')
            first = False
        for i, (a, d) in enumerate(zip(every, defaults), 1):
            sep()
            self.traverse(a)
            if d:
                self.write('=')
                self.traverse(d)
            if i == len(node.posonlyargs):
                self.write(', /')
        if node.vararg or node.kwonlyargs:
            sep()
            self.write('*')
            if node.vararg:
                self.traverse(node.vararg)
        for a, d in zip(node.kwonlyargs, node.kw_defaults):
            self.write(', ')
            self.traverse(a)
            if d:
                self.write('=')
                self.traverse(d)
        if node.kwarg:
            sep()
            self.write('**')
            self.traverse(node.kwarg)

    # -- patterns
    def visit_MatchValue(self, node):
        self.traverse(node.value)

    def visit_MatchSingleton(self, node):
        self._write_value(node.value)

    def visit_MatchSequence(self, node):
        self.write('[')
        self._join(', ', self.traverse, node.patterns)
        self.write(']')

    def visit_MatchStar(self, node):
        self.write('*' + (node.name if node.name is not None else '_'))

    def visit_MatchMapping(self, node):
        def pair(kv):
            k, p = kv
            self.traverse(k)
            self.write(': ')
            self.traverse(p)
        self.write('{')
        self._join(', ', pair, list(zip(node.keys, node.patterns)))
        if node.rest is not None:
            if node.keys:
                self.write(', ')
            self.write('**' + node.rest)
        self.write('}')

    def visit_MatchClass(self, node):
        self._set_prec(_P_ATOM, node.cls)
        self.traverse(node.cls)
        self.write('(')
        self._join(', ', self.traverse, node.patterns)
        if node.kwd_attrs:
            if node.patterns:
                self.write(', ')

            def kw(pair):
                self.write(pair[0] + '=')
                self.traverse(pair[1])
            self._join(', ', kw, list(zip(node.kwd_attrs, node.kwd_patterns)))
        self.write(')')

    def visit_MatchAs(self, node):
        if node.name is None:
            self.write('_')
        elif node.pattern is None:
            self.write(node.name)
        else:
            opened = self._open(self._prec_of(node) > _P_TEST)
            self._set_prec(_P_BOR, node.pattern)
            self.traverse(node.pattern)
            self.write(' as ' + node.name)
            self._close(opened)

    def visit_MatchOr(self, node):
        opened = self._open(self._prec_of(node) > _P_BOR)
        self._set_prec(_next(_P_BOR), *node.patterns)
        self._join(' | ', self.traverse, node.patterns)
        self._close(opened)
