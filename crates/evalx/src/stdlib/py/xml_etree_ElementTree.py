# evalx's xml.etree.ElementTree: the element tree (Element, SubElement, ElementTree), parsing
# (fromstring/XML, parse, XMLParser, XMLPullParser is absent), serialization (tostring, write, dump, indent)
# and ElementPath (find, findall, findtext, iterfind: tags, '*', '.', '..', '//', [@attr], [@attr='v'],
# [tag], [tag='text'], [index], [last()]), written for evalx after CPython 3.11's documented behaviour.
# The parser is evalx's own (no expat): well-formed XML 1.0 with namespaces as '{uri}local', the five
# predefined and numeric character references, CDATA, comments and processing instructions skipped (as the
# default TreeBuilder does), DOCTYPE skipped; ParseError names expat's messages with line and column.
import re
import io

__all__ = ["Comment", "dump", "Element", "ElementTree", "fromstring", "fromstringlist", "indent", "iselement",
           "iterparse", "parse", "ParseError", "PI", "ProcessingInstruction", "QName", "SubElement",
           "tostring", "tostringlist", "TreeBuilder", "VERSION", "XML", "XMLID", "XMLParser",
           "register_namespace", "canonicalize", "C14NWriterTarget"]
__all__ = [n for n in __all__ if n not in ("iterparse", "canonicalize", "C14NWriterTarget")]

VERSION = "1.3.0"


class ParseError(SyntaxError):
    """The XML text is not well-formed; `position` is (line, column)."""


def iselement(element):
    """Whether an object looks like an element (has a tag)."""
    return hasattr(element, "tag")


class Element:
    """An XML element: a tag, an attribute dict, text before its first child, tail text after it, and
    its children in order (it behaves as a list of them)."""

    tag = None
    attrib = None
    text = None
    tail = None

    def __init__(self, tag, attrib={}, **extra):
        if not isinstance(attrib, dict):
            raise TypeError("Element() argument 2 must be dict, not %s" % (attrib.__class__.__name__,))
        self.tag = tag
        self.attrib = {**attrib, **extra}
        self._children = []

    def __repr__(self):
        return "<%s %r at %#x>" % (self.__class__.__name__, self.tag, id(self))

    def makeelement(self, tag, attrib):
        return self.__class__(tag, attrib)

    def __copy__(self):
        elem = self.makeelement(self.tag, self.attrib)
        elem.text = self.text
        elem.tail = self.tail
        elem[:] = self
        return elem

    def __deepcopy__(self, memo):
        import copy
        elem = self.makeelement(copy.deepcopy(self.tag, memo), copy.deepcopy(self.attrib, memo))
        elem.text = self.text
        elem.tail = self.tail
        for child in self:
            elem.append(copy.deepcopy(child, memo))
        return elem

    def __len__(self):
        return len(self._children)

    def __bool__(self):
        import warnings
        warnings.warn("The behavior of this method will change in future versions.  Use specific "
                      "'len(elem)' or 'elem is not None' test instead.", FutureWarning, stacklevel=2)
        return len(self._children) != 0

    def __getitem__(self, index):
        return self._children[index]

    def __setitem__(self, index, element):
        if isinstance(index, slice):
            for elt in element:
                self._assert_is_element(elt)
        else:
            self._assert_is_element(element)
        self._children[index] = element

    def __delitem__(self, index):
        del self._children[index]

    def __iter__(self):
        return iter(self._children)

    def append(self, subelement):
        self._assert_is_element(subelement, "append() argument")
        self._children.append(subelement)

    def extend(self, elements):
        for element in elements:
            self._assert_is_element(element)
            self._children.append(element)

    def insert(self, index, subelement):
        self._assert_is_element(subelement, "insert() argument 2")
        self._children.insert(index, subelement)

    def _assert_is_element(self, e, what=None):
        if not isinstance(e, Element):
            if what:
                raise TypeError("%s must be xml.etree.ElementTree.Element, not %s" % (what, type(e).__name__))
            raise TypeError("expected an Element, not %s" % type(e).__name__)

    def remove(self, subelement):
        for i, child in enumerate(self._children):
            if child is subelement:
                del self._children[i]
                return
        raise ValueError("list.remove(x): x not in list")

    def find(self, path, namespaces=None):
        return _path_find(self, path, namespaces)

    def findtext(self, path, default=None, namespaces=None):
        elem = _path_find(self, path, namespaces)
        if elem is None:
            return default
        return elem.text or ""

    def findall(self, path, namespaces=None):
        return list(_path_iter(self, path, namespaces))

    def iterfind(self, path, namespaces=None):
        return _path_iter(self, path, namespaces)

    def clear(self):
        self.attrib.clear()
        self._children = []
        self.text = self.tail = None

    def get(self, key, default=None):
        return self.attrib.get(key, default)

    def set(self, key, value):
        self.attrib[key] = value

    def keys(self):
        return list(self.attrib.keys())

    def items(self):
        return list(self.attrib.items())

    def iter(self, tag=None):
        if tag == "*":
            tag = None
        if tag is None or self.tag == tag:
            yield self
        for e in self._children:
            yield from e.iter(tag)

    def itertext(self):
        tag = self.tag
        if not isinstance(tag, str) and tag is not None:
            return
        t = self.text
        if t:
            yield t
        for e in self:
            yield from e.itertext()
            t = e.tail
            if t:
                yield t


def SubElement(parent, tag, attrib={}, **extra):
    """Creates an element and appends it to `parent`."""
    attrib = {**attrib, **extra}
    element = parent.makeelement(tag, attrib)
    parent.append(element)
    return element


def Comment(text=None):
    """A comment element (serialized as <!--text-->)."""
    element = Element(Comment)
    element.text = text
    return element


def ProcessingInstruction(target, text=None):
    """A processing-instruction element (serialized as <?target text?>)."""
    element = Element(ProcessingInstruction)
    element.text = target
    if text:
        element.text = element.text + " " + text
    return element


PI = ProcessingInstruction


class QName:
    """A qualified name: '{uri}local', or built from a uri and a local name."""

    def __init__(self, text_or_uri, tag=None):
        if tag:
            text_or_uri = "{%s}%s" % (text_or_uri, tag)
        self.text = text_or_uri

    def __str__(self):
        return self.text

    def __repr__(self):
        return "<%s %r>" % (self.__class__.__name__, self.text)

    def __hash__(self):
        return hash(self.text)

    def __eq__(self, other):
        if isinstance(other, QName):
            return self.text == other.text
        return self.text == other

    def __lt__(self, other):
        if isinstance(other, QName):
            return self.text < other.text
        return self.text < other


# ElementPath: a small XPath subset.

_token_re = re.compile(r"('[^']*'|\"[^\"]*\"|::|//?|\.\.|\(\)|!=|[/.*:\[\]\(\)@=])|((?:\{[^}]+\})?[^/\[\]\(\)@!=\s]+)|\s+")


def _tokenize(pattern, namespaces):
    default_namespace = namespaces.get("") if namespaces else None
    for m in _token_re.finditer(pattern):
        ttype, tag = m.groups()
        if not ttype and not tag:
            continue
        if tag and tag[0] != "{":
            if ":" in tag:
                prefix, uri = tag.split(":", 1)
                try:
                    if not namespaces:
                        raise KeyError
                    yield ttype, "{%s}%s" % (namespaces[prefix], uri)
                except KeyError:
                    raise SyntaxError("prefix %r not found in prefix map" % prefix) from None
            elif default_namespace and ttype != "@" and tag != "*":
                yield ttype, "{%s}%s" % (default_namespace, tag)
            else:
                yield ttype, tag
        else:
            yield ttype, tag


def _compile(path, namespaces):
    if path[-1:] == "/":
        path = path + "*"
    tokens = list(_tokenize(path, namespaces))
    steps = []
    i = 0
    n = len(tokens)
    if n and tokens[0][0] == "/":
        raise SyntaxError("cannot use absolute path on element")
    while i < n:
        ttype, tag = tokens[i]
        if ttype == "/":
            i += 1
            continue
        if ttype == "//":
            i += 1
            if i < n and tokens[i][1]:
                steps.append(("descendant", tokens[i][1]))
                i += 1
            elif i < n and tokens[i][0] == "*":
                steps.append(("descendant", "*"))
                i += 1
            else:
                raise SyntaxError("invalid descendant")
        elif ttype == "*":
            steps.append(("child", "*"))
            i += 1
        elif ttype == ".":
            steps.append(("self", None))
            i += 1
        elif ttype == "..":
            steps.append(("parent", None))
            i += 1
        elif tag:
            steps.append(("child", tag))
            i += 1
        elif ttype == "[":
            j = i + 1
            pred = []
            while j < n and tokens[j][0] != "]":
                pred.append(tokens[j])
                j += 1
            if j >= n:
                raise SyntaxError("invalid path")
            steps.append(("pred", pred))
            i = j + 1
        else:
            raise SyntaxError("invalid path")
    return steps


def _children(elem, tag):
    for e in elem:
        if tag == "*" and isinstance(e.tag, str) or e.tag == tag:
            yield e


def _apply_pred(items, pred, parents):
    if len(pred) == 2 and pred[0][0] == "@" and pred[1][1]:
        key = pred[1][1]
        return [e for e in items if e.get(key) is not None]
    if len(pred) == 4 and pred[0][0] == "@" and pred[2][0] in ("=", "!=") and pred[3][0][:1] in "'\"":
        key, value = pred[1][1], pred[3][0][1:-1]
        if pred[2][0] == "=":
            return [e for e in items if e.get(key) == value]
        return [e for e in items if e.get(key) != value]
    if len(pred) == 1 and pred[0][1] and not pred[0][1].lstrip("-").isdigit():
        tag = pred[0][1]
        return [e for e in items if next(_children(e, tag), None) is not None]
    if len(pred) == 3 and pred[1][0] in ("=", "!=") and pred[2][0][:1] in "'\"":
        value = pred[2][0][1:-1]
        if pred[0][0] == ".":
            test = lambda e: "".join(e.itertext()) == value
        else:
            tag = pred[0][1]
            test = lambda e: any("".join(c.itertext()) == value for c in _children(e, tag))
        if pred[1][0] == "=":
            return [e for e in items if test(e)]
        return [e for e in items if not test(e)]
    if (len(pred) == 1 and pred[0][1] and pred[0][1].lstrip("-").isdigit()) or \
            (pred and pred[0][1] == "last"):
        if pred[0][1] == "last":
            if len(pred) == 2 and pred[1][0] == "()":
                offset = -1
            elif len(pred) == 4 and pred[1][0] == "()" and pred[2][1] and pred[2][1].startswith("-"):
                offset = -1 - int(pred[2][1][1:]) if False else None
                raise SyntaxError("unsupported expression")
            elif len(pred) == 3 and pred[1][0] == "()" and pred[2][1] and pred[2][1][0] == "-":
                offset = -1 - int(pred[2][1][1:])
            else:
                raise SyntaxError("invalid node predicate")
        else:
            index = int(pred[0][1])
            if index <= 0:
                raise SyntaxError("XPath position >= 1 expected")
            offset = index - 1
        out = []
        groups = {}
        order = []
        for e in items:
            p = parents.get(id(e))
            key = id(p)
            if key not in groups:
                groups[key] = (p, [])
                order.append(key)
        for key in order:
            p, _ = groups[key]
            siblings = [c for c in p if c.tag == _pos_tag[0]] if p is not None else []
            try:
                chosen = siblings[offset]
            except IndexError:
                continue
            if any(chosen is e for e in items):
                out.append(chosen)
        return out
    raise SyntaxError("invalid predicate")


_pos_tag = [None]


def _path_iter(elem, path, namespaces=None):
    steps = _compile(path, namespaces)
    parents = {}

    def note(p):
        for c in p:
            parents[id(c)] = p
        return p

    items = [elem]
    last_tag = None
    for kind, arg in steps:
        if kind == "child":
            out = []
            for e in items:
                note(e)
                out.extend(_children(e, arg))
            items = out
            last_tag = arg
        elif kind == "descendant":
            out = []
            seen = set()
            for e in items:
                for d in e.iter():
                    note(d)
                for d in e.iter():
                    if d is e:
                        continue
                    if (arg == "*" and isinstance(d.tag, str)) or d.tag == arg:
                        if id(d) not in seen:
                            seen.add(id(d))
                            out.append(d)
            items = out
            last_tag = arg
        elif kind == "self":
            pass
        elif kind == "parent":
            out = []
            seen = set()
            for e in items:
                p = parents.get(id(e))
                if p is not None and id(p) not in seen:
                    seen.add(id(p))
                    out.append(p)
            items = out
        else:
            _pos_tag[0] = last_tag
            items = _apply_pred(items, arg, parents)
    return iter(items)


def _path_find(elem, path, namespaces=None):
    return next(_path_iter(elem, path, namespaces), None)


class ElementTree:
    """A whole document: a root element, with parse() and write()."""

    def __init__(self, element=None, file=None):
        self._root = element
        if file:
            self.parse(file)

    def getroot(self):
        return self._root

    def _setroot(self, element):
        self._root = element

    def parse(self, source, parser=None):
        close_source = False
        if not hasattr(source, "read"):
            source = open(source, "rb")
            close_source = True
        try:
            if parser is None:
                parser = XMLParser()
            data = source.read()
            parser.feed(data)
            self._root = parser.close()
            return self._root
        finally:
            if close_source:
                source.close()

    def iter(self, tag=None):
        return self._root.iter(tag)

    def find(self, path, namespaces=None):
        if path[:1] == "/":
            path = "." + path
        return self._root.find(path, namespaces)

    def findtext(self, path, default=None, namespaces=None):
        if path[:1] == "/":
            path = "." + path
        return self._root.findtext(path, default, namespaces)

    def findall(self, path, namespaces=None):
        if path[:1] == "/":
            path = "." + path
        return self._root.findall(path, namespaces)

    def iterfind(self, path, namespaces=None):
        if path[:1] == "/":
            path = "." + path
        return self._root.iterfind(path, namespaces)

    def write(self, file_or_filename, encoding=None, xml_declaration=None, default_namespace=None,
              method=None, *, short_empty_elements=True):
        """Writes the document to a file (path or file object) in `encoding` ('us-ascii' by default;
        'unicode' writes str)."""
        if not method:
            method = "xml"
        elif method not in ("xml", "html", "text"):
            raise ValueError("unknown method %r" % method)
        if not encoding:
            encoding = "us-ascii" if method != "c14n" else "utf-8"
        text = _serialize_root(self._root, encoding, xml_declaration, default_namespace, method,
                               short_empty_elements)
        if encoding.lower() == "unicode":
            if hasattr(file_or_filename, "write"):
                file_or_filename.write(text)
            else:
                with open(file_or_filename, "w", encoding="utf-8") as f:
                    f.write(text)
        else:
            data = text.encode(encoding, "xmlcharrefreplace")
            if hasattr(file_or_filename, "write"):
                file_or_filename.write(data)
            else:
                with open(file_or_filename, "wb") as f:
                    f.write(data)


_namespace_map = {
    "http://www.w3.org/XML/1998/namespace": "xml",
    "http://www.w3.org/1999/xhtml": "html",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://schemas.xmlsoap.org/wsdl/": "wsdl",
    "http://www.w3.org/2001/XMLSchema": "xs",
    "http://www.w3.org/2001/XMLSchema-instance": "xsi",
    "http://purl.org/dc/elements/1.1/": "dc",
}


def register_namespace(prefix, uri):
    """Registers the prefix to serialize namespace `uri` with."""
    if re.match(r"ns\d+$", prefix):
        raise ValueError("Prefix format reserved for internal use")
    for k, v in list(_namespace_map.items()):
        if k == uri or v == prefix:
            del _namespace_map[k]
    _namespace_map[uri] = prefix


def _escape_cdata(text):
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attrib(text):
    text = _escape_cdata(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def _namespaces(elem, default_namespace=None):
    qnames = {None: None}
    namespaces = {}
    if default_namespace:
        namespaces[default_namespace] = ""

    def add_qname(qname):
        try:
            if qname[:1] == "{":
                uri, tag = qname[1:].rsplit("}", 1)
                prefix = namespaces.get(uri)
                if prefix is None:
                    prefix = _namespace_map.get(uri)
                    if prefix is None:
                        prefix = "ns%d" % len(namespaces)
                    if prefix != "xml":
                        namespaces[uri] = prefix
                if prefix:
                    qnames[qname] = "%s:%s" % (prefix, tag)
                else:
                    qnames[qname] = tag
            else:
                if default_namespace:
                    raise ValueError("cannot use non-qualified names with default_namespace option")
                qnames[qname] = qname
        except TypeError:
            raise TypeError("cannot serialize %r (type %s)" % (qname, type(qname).__name__))

    for e in elem.iter():
        tag = e.tag
        if isinstance(tag, QName):
            if tag.text not in qnames:
                add_qname(tag.text)
        elif isinstance(tag, str):
            if tag not in qnames:
                add_qname(tag)
        elif tag is not None and tag is not Comment and tag is not PI:
            raise TypeError("cannot serialize %r (type %s)" % (tag, type(tag).__name__))
        for key, value in e.items():
            if isinstance(key, QName):
                key = key.text
            if key not in qnames:
                add_qname(key)
            if isinstance(value, QName) and value.text not in qnames:
                add_qname(value.text)
        text = e.text
        if isinstance(text, QName) and text.text not in qnames:
            add_qname(text.text)
    return qnames, namespaces


def _serialize_xml(write, elem, qnames, namespaces, short_empty_elements):
    tag = elem.tag
    text = elem.text
    if tag is Comment:
        write("<!--%s-->" % text)
    elif tag is ProcessingInstruction:
        write("<?%s?>" % text)
    else:
        tag = qnames[tag.text if isinstance(tag, QName) else tag]
        if tag is None:
            if text:
                write(_escape_cdata(text))
            for e in elem:
                _serialize_xml(write, e, qnames, None, short_empty_elements)
        else:
            write("<" + tag)
            items = list(elem.items())
            if items or namespaces:
                if namespaces:
                    for v, k in sorted(namespaces.items(), key=lambda x: x[1]):
                        if k:
                            k = ":" + k
                        write(' xmlns%s="%s"' % (k, _escape_attrib(v)))
                for k, v in items:
                    if isinstance(k, QName):
                        k = k.text
                    if isinstance(v, QName):
                        v = qnames[v.text]
                    else:
                        v = _escape_attrib(v)
                    write(' %s="%s"' % (qnames[k], v))
            if text or len(elem) or not short_empty_elements:
                write(">")
                if text:
                    write(_escape_cdata(text))
                for e in elem:
                    _serialize_xml(write, e, qnames, None, short_empty_elements)
                write("</" + tag + ">")
            else:
                write(" />")
    if elem.tail:
        write(_escape_cdata(elem.tail))


def _serialize_text(write, elem):
    for part in elem.itertext():
        write(part)
    if elem.tail:
        write(elem.tail)


def _serialize_root(root, encoding, xml_declaration, default_namespace, method, short_empty_elements):
    parts = []
    write = parts.append
    if method == "xml" and (xml_declaration or (xml_declaration is None and encoding.lower() != "unicode"
                                                 and encoding.lower() not in ("utf-8", "us-ascii"))):
        declared = encoding if encoding.lower() != "unicode" else "utf-8"
        write("<?xml version='1.0' encoding='%s'?>\n" % (declared,))
    if method == "text":
        _serialize_text(write, root)
    else:
        qnames, namespaces = _namespaces(root, default_namespace)
        _serialize_xml(write, root, qnames, namespaces, short_empty_elements)
    return "".join(parts)


def tostring(element, encoding=None, method=None, *, xml_declaration=None, default_namespace=None,
             short_empty_elements=True):
    """The element serialized: bytes in `encoding` ('us-ascii' by default), or str with 'unicode'."""
    stream = io.StringIO() if encoding == "unicode" else io.BytesIO()
    ElementTree(element).write(stream, encoding, xml_declaration=xml_declaration,
                               default_namespace=default_namespace, method=method,
                               short_empty_elements=short_empty_elements)
    return stream.getvalue()


def tostringlist(element, encoding=None, method=None, *, xml_declaration=None, default_namespace=None,
                 short_empty_elements=True):
    return [tostring(element, encoding, method, xml_declaration=xml_declaration,
                     default_namespace=default_namespace, short_empty_elements=short_empty_elements)]


def dump(elem):
    """Writes an element (or tree) to sys.stdout, for debugging."""
    import sys
    if not isinstance(elem, ElementTree):
        elem = ElementTree(elem)
    elem.write(sys.stdout, encoding="unicode")
    tail = elem.getroot().tail
    if not tail or tail[-1] != "\n":
        sys.stdout.write("\n")


def indent(tree, space="  ", level=0):
    """Indents the tree in place for pretty printing: whitespace text and tails, `space` per level."""
    if isinstance(tree, ElementTree):
        tree = tree.getroot()
    if level < 0:
        raise ValueError(f"Initial indentation level must be >= 0, got {level}")
    if not len(tree):
        return
    indentations = ["\n" + level * space]

    def _indent_children(elem, level):
        child_level = level + 1
        try:
            child_indentation = indentations[child_level]
        except IndexError:
            child_indentation = indentations[level] + space
            indentations.append(child_indentation)
        if not elem.text or not elem.text.strip():
            elem.text = child_indentation
        for child in elem:
            if len(child):
                _indent_children(child, child_level)
            if not child.tail or not child.tail.strip():
                child.tail = child_indentation
        if not child.tail.strip():
            child.tail = indentations[level]

    _indent_children(tree, 0)


def parse(source, parser=None):
    """Parses a file (path or binary file object) into an ElementTree."""
    tree = ElementTree()
    tree.parse(source, parser)
    return tree


def XML(text, parser=None):
    """Parses XML text (str or bytes) and returns the root element."""
    if not parser:
        parser = XMLParser(target=TreeBuilder())
    parser.feed(text)
    return parser.close()


fromstring = XML


def fromstringlist(sequence, parser=None):
    if not parser:
        parser = XMLParser(target=TreeBuilder())
    for text in sequence:
        parser.feed(text)
    return parser.close()


def XMLID(text, parser=None):
    """(root, {id: element}) for the elements with an 'id' attribute."""
    root = XML(text, parser)
    ids = {}
    for elem in root.iter():
        id = elem.get("id")
        if id:
            ids[id] = elem
    return root, ids


class TreeBuilder:
    """Builds elements from start/data/end calls (the target XMLParser uses by default)."""

    def __init__(self, element_factory=None, *, comment_factory=None, pi_factory=None, insert_comments=False,
                 insert_pis=False):
        self._data = []
        self._elem = []
        self._last = None
        self._root = None
        self._tail = None
        self._comment_factory = comment_factory or Comment
        self._pi_factory = pi_factory or PI
        self.insert_comments = insert_comments
        self.insert_pis = insert_pis
        self._factory = element_factory or Element

    def close(self):
        assert len(self._elem) == 0, "missing end tags"
        assert self._root is not None, "missing toplevel element"
        return self._root

    def _flush(self):
        if self._data:
            if self._last is not None:
                text = "".join(self._data)
                if self._tail:
                    assert self._last.tail is None, "internal error (tail)"
                    self._last.tail = text
                else:
                    assert self._last.text is None, "internal error (text)"
                    self._last.text = text
            self._data = []

    def data(self, data):
        self._data.append(data)

    def start(self, tag, attrs):
        self._flush()
        self._last = elem = self._factory(tag, attrs)
        if self._elem:
            self._elem[-1].append(elem)
        elif self._root is None:
            self._root = elem
        self._elem.append(elem)
        self._tail = 0
        return elem

    def end(self, tag):
        self._flush()
        self._last = self._elem.pop()
        assert self._last.tag == tag, "end tag mismatch (expected %s, got %s)" % (self._last.tag, tag)
        self._tail = 1
        return self._last

    def comment(self, text):
        return self._handle_single(self._comment_factory, self.insert_comments, text)

    def pi(self, target, text=None):
        return self._handle_single(self._pi_factory, self.insert_pis, target, text)

    def _handle_single(self, factory, insert, *args):
        elem = factory(*args)
        if insert:
            self._flush()
            self._last = elem
            if self._elem:
                self._elem[-1].append(elem)
            self._tail = 1
        return elem


_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_name_re = re.compile(r"[^\s/>=<\"'!?]+")


class XMLParser:
    """Parses XML text fed in pieces and drives a target (a TreeBuilder by default); close() returns
    the target's result."""

    def __init__(self, *, target=None, encoding=None):
        self.target = target if target is not None else TreeBuilder()
        self._buf = []
        self._encoding = encoding
        self.version = "evalx"
        self.entity = {}

    def feed(self, data):
        if isinstance(data, (bytes, bytearray)):
            data = bytes(data)
        self._buf.append(data)

    def flush(self):
        pass

    def close(self):
        parts = self._buf
        if parts and all(isinstance(p, bytes) for p in parts):
            raw = b"".join(parts)
            text = self._decode(raw)
        else:
            text = "".join(p.decode("utf-8") if isinstance(p, bytes) else p for p in parts)
        self._parse(text)
        close = getattr(self.target, "close", None)
        if close is not None:
            return close()

    def _decode(self, raw):
        enc = self._encoding
        if enc is None:
            m = re.match(rb"<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']", raw)
            enc = m.group(1).decode("ascii") if m else "utf-8"
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        return raw.decode(enc)

    def _error(self, msg, text, at):
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1)
        err = ParseError("%s: line %d, column %d" % (msg, line, col))
        err.code = _ERROR_CODES.get(msg, 0)
        err.position = (line, col)
        raise err

    def _unescape(self, s, text, at):
        if "&" not in s:
            return s
        out = []
        i = 0
        n = len(s)
        while i < n:
            j = s.find("&", i)
            if j < 0:
                out.append(s[i:])
                break
            out.append(s[i:j])
            k = s.find(";", j)
            if k < 0:
                self._error("not well-formed (invalid token)", text, at + j)
            name = s[j + 1:k]
            if name.startswith("#x") or name.startswith("#X"):
                try:
                    out.append(chr(int(name[2:], 16)))
                except ValueError:
                    self._error("not well-formed (invalid token)", text, at + j)
            elif name.startswith("#"):
                try:
                    out.append(chr(int(name[1:])))
                except ValueError:
                    self._error("not well-formed (invalid token)", text, at + j)
            elif name in _ENTITIES:
                out.append(_ENTITIES[name])
            elif name in self.entity:
                out.append(self.entity[name])
            else:
                self._error("undefined entity &%s;" % name if False else "undefined entity", text, at + j)
            i = k + 1
        return "".join(out)

    def _qname(self, name, nsmap, is_attr, text, at):
        if ":" in name:
            prefix, local = name.split(":", 1)
            if prefix == "xml":
                return "{http://www.w3.org/XML/1998/namespace}" + local
            uri = nsmap.get(prefix)
            if uri is None:
                self._error("unbound prefix", text, at)
            return "{%s}%s" % (uri, local)
        if is_attr:
            return name
        uri = nsmap.get("")
        if uri:
            return "{%s}%s" % (uri, name)
        return name

    def _parse(self, text):
        target = self.target
        start = getattr(target, "start", None)
        end = getattr(target, "end", None)
        data = getattr(target, "data", None)
        comment = getattr(target, "comment", None)
        pi = getattr(target, "pi", None)
        stack = []
        nsstack = [{}]
        i = 0
        n = len(text)
        seen_root = False
        while i < n:
            lt = text.find("<", i)
            if lt < 0:
                lt = n
            if lt > i:
                chunk = text[i:lt]
                if not stack:
                    if chunk.strip():
                        if seen_root:
                            self._error("junk after document element", text, i + len(chunk) - len(chunk.lstrip()))
                        self._error("syntax error", text, i + len(chunk) - len(chunk.lstrip()))
                elif data is not None:
                    data(self._unescape(chunk.replace("\r\n", "\n"), text, i))
            if lt >= n:
                break
            if text.startswith("<!--", lt):
                e = text.find("-->", lt + 4)
                if e < 0:
                    self._error("unclosed token", text, lt)
                if comment is not None and stack:
                    comment(text[lt + 4:e])
                i = e + 3
            elif text.startswith("<![CDATA[", lt):
                e = text.find("]]>", lt + 9)
                if e < 0:
                    self._error("unclosed CDATA section", text, lt)
                if not stack:
                    self._error("syntax error", text, lt)
                if data is not None:
                    data(text[lt + 9:e])
                i = e + 3
            elif text.startswith("<?", lt):
                e = text.find("?>", lt + 2)
                if e < 0:
                    self._error("unclosed token", text, lt)
                body = text[lt + 2:e]
                if not body.startswith("xml ") and body != "xml" and pi is not None and stack:
                    parts = body.split(None, 1)
                    pi(parts[0], parts[1] if len(parts) > 1 else None) if parts else None
                elif body.startswith("xml") and lt != 0:
                    self._error("XML or text declaration not at start of entity", text, lt)
                i = e + 2
            elif text.startswith("<!DOCTYPE", lt):
                depth = 0
                e = lt + 9
                while e < n:
                    c = text[e]
                    if c == "[":
                        depth += 1
                    elif c == "]":
                        depth -= 1
                    elif c == ">" and depth <= 0:
                        break
                    e += 1
                if e >= n:
                    self._error("unclosed token", text, lt)
                for m in re.finditer(r"<!ENTITY\s+([^\s%]+)\s+(\"[^\"]*\"|'[^']*')\s*>", text[lt:e]):
                    self.entity.setdefault(m.group(1), m.group(2)[1:-1])
                i = e + 1
            elif text.startswith("</", lt):
                m = _name_re.match(text, lt + 2)
                if m is None:
                    self._error("not well-formed (invalid token)", text, lt + 2)
                e = m.end()
                while e < n and text[e] in " \t\r\n":
                    e += 1
                if e >= n:
                    self._error("unclosed token", text, lt)
                if text[e] != ">":
                    self._error("not well-formed (invalid token)", text, e)
                name = m.group()
                if not stack or stack[-1][0] != name:
                    self._error("mismatched tag", text, lt + 2)
                raw, tag = stack.pop()
                nsstack.pop()
                if end is not None:
                    end(tag)
                i = e + 1
            else:
                m = _name_re.match(text, lt + 1)
                if m is None:
                    self._error("not well-formed (invalid token)", text, lt + 1)
                if seen_root and not stack:
                    self._error("junk after document element", text, lt)
                name = m.group()
                e = m.end()
                attrs = []
                closed = False
                while True:
                    while e < n and text[e] in " \t\r\n":
                        e += 1
                    if e >= n:
                        self._error("unclosed token", text, lt)
                    c = text[e]
                    if c == ">":
                        e += 1
                        break
                    if c == "/":
                        if text.startswith("/>", e):
                            closed = True
                            e += 2
                            break
                        self._error("not well-formed (invalid token)", text, e)
                    am = _name_re.match(text, e)
                    if am is None or am.start() == am.end():
                        self._error("not well-formed (invalid token)", text, e)
                    aname = am.group()
                    e = am.end()
                    while e < n and text[e] in " \t\r\n":
                        e += 1
                    if e >= n or text[e] != "=":
                        self._error("not well-formed (invalid token)", text, min(e, n))
                    e += 1
                    while e < n and text[e] in " \t\r\n":
                        e += 1
                    if e >= n or text[e] not in "'\"":
                        self._error("not well-formed (invalid token)", text, min(e, n))
                    q = text[e]
                    ve = text.find(q, e + 1)
                    if ve < 0:
                        self._error("unclosed token", text, lt)
                    raw_value = text[e + 1:ve]
                    if "<" in raw_value:
                        self._error("not well-formed (invalid token)", text, e + 1 + raw_value.index("<"))
                    value = self._unescape(raw_value, text, e + 1)
                    value = value.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
                    if any(a[0] == aname for a in attrs):
                        self._error("duplicate attribute", text, am.start())
                    attrs.append((aname, value, am.start()))
                    e = ve + 1
                nsmap = dict(nsstack[-1])
                plain = []
                for aname, value, at in attrs:
                    if aname == "xmlns":
                        nsmap[""] = value
                    elif aname.startswith("xmlns:"):
                        nsmap[aname[6:]] = value
                    else:
                        plain.append((aname, value, at))
                tag = self._qname(name, nsmap, False, text, lt + 1)
                attrib = {}
                for aname, value, at in plain:
                    attrib[self._qname(aname, nsmap, True, text, at)] = value
                seen_root = True
                if start is not None:
                    start(tag, attrib)
                if closed:
                    if end is not None:
                        end(tag)
                else:
                    stack.append((name, tag))
                    nsstack.append(nsmap)
                i = e
        if stack or not seen_root:
            self._error("no element found", text, n)


_ERROR_CODES = {"syntax error": 2, "no element found": 3, "not well-formed (invalid token)": 4,
                "unclosed token": 5, "mismatched tag": 7, "duplicate attribute": 8,
                "junk after document element": 9, "undefined entity": 11, "unclosed CDATA section": 20,
                "unbound prefix": 27, "XML or text declaration not at start of entity": 17}
