# evalx's html.parser: HTMLParser, a push parser for HTML (tags, attributes, data, character and entity
# references, comments, declarations, processing instructions, script/style raw text), written for evalx
# after CPython 3.11's documented behaviour. Input may arrive in pieces through feed(); an incomplete
# construct waits for more data, and close() hands whatever is left over as data.
import re
from html import unescape

__all__ = ["HTMLParser"]

_tagname = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")
_charref = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_entityref = re.compile(r"&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]")
_space = " \t\n\r\f"


class HTMLParser:
    """An HTML tokenizer that calls a handle_* method for each piece it finds: subclass it and override
    the handlers you need, then feed() text and close() at the end.

    Tags arrive lower-cased with their attributes as (name, value) pairs; text arrives through
    handle_data(), with character references already decoded when convert_charrefs is true (the
    default), or through handle_entityref()/handle_charref() when it is false.
    """

    CDATA_CONTENT_ELEMENTS = ("script", "style")

    def __init__(self, *, convert_charrefs=True):
        """A parser with nothing fed yet."""
        self.convert_charrefs = convert_charrefs
        self.reset()

    def reset(self):
        """Starts over, dropping any text not yet parsed."""
        self.rawdata = ""
        self.lasttag = "???"
        self.interesting = None
        self.cdata_elem = None
        self.lineno = 1
        self.offset = 0
        self.__starttag_text = None

    def feed(self, data):
        """Parses more text; a construct cut off at the end waits for the next feed() or close()."""
        self.rawdata = self.rawdata + data
        self.goahead(0)

    def close(self):
        """Parses whatever text is still waiting, as if the document ended here."""
        self.goahead(1)

    def getpos(self):
        """(line, column) of the parser's position in the text fed so far."""
        return self.lineno, self.offset

    def updatepos(self, i, j):
        if i >= j:
            return j
        chunk = self.rawdata[i:j]
        nlines = chunk.count("\n")
        if nlines:
            self.lineno = self.lineno + nlines
            self.offset = j - (self.rawdata.rindex("\n", i, j) + 1)
        else:
            self.offset = self.offset + j - i
        return j

    def get_starttag_text(self):
        """The text of the last start tag, as written."""
        return self.__starttag_text

    def set_cdata_mode(self, elem):
        self.cdata_elem = elem.lower()

    def clear_cdata_mode(self):
        self.cdata_elem = None

    def _data(self, text):
        if text:
            self.handle_data(unescape(text) if self.convert_charrefs and not self.cdata_elem else text)

    def goahead(self, end):
        rawdata = self.rawdata
        i = 0
        n = len(rawdata)
        while i < n:
            if self.cdata_elem is not None:
                m = re.compile(r"</" + re.escape(self.cdata_elem) + r"(?=[\s/>])", re.I).search(rawdata, i)
                if m is None:
                    if end:
                        self._data(rawdata[i:n])
                        i = self.updatepos(i, n)
                    break
                j = m.start()
            elif self.convert_charrefs:
                j = rawdata.find("<", i)
                if j < 0:
                    amp = rawdata.rfind("&", max(i, n - 34))
                    if amp >= 0 and not re.compile(r"[\s;]").search(rawdata, amp) and not end:
                        break
                    j = n
            else:
                lt = rawdata.find("<", i)
                amp = rawdata.find("&", i)
                cands = [x for x in (lt, amp) if x >= 0]
                j = min(cands) if cands else n
            if i < j:
                self._data(rawdata[i:j])
            i = self.updatepos(i, j)
            if i == n:
                break
            if rawdata.startswith("<", i):
                k = self._markup(i, end)
                if k < 0:
                    if not end:
                        break
                    # Unfinished markup at the end: its '<' is plain data, the rest is parsed again.
                    self._data("<")
                    k = i + 1
                i = self.updatepos(i, k)
            elif rawdata.startswith("&#", i):
                m = _charref.match(rawdata, i)
                if m:
                    name = m.group()[2:-1]
                    self.handle_charref(name)
                    k = m.end()
                    if not rawdata.startswith(";", k - 1):
                        k = k - 1
                    i = self.updatepos(i, k)
                    continue
                if ";" in rawdata[i:] or end:
                    self.handle_data(rawdata[i:i + 2])
                    i = self.updatepos(i, i + 2)
                    continue
                break
            elif rawdata.startswith("&", i):
                m = _entityref.match(rawdata, i)
                if m:
                    self.handle_entityref(m.group(1))
                    k = m.end()
                    if not rawdata.startswith(";", k - 1):
                        k = k - 1
                    i = self.updatepos(i, k)
                    continue
                if end or len(rawdata) - i > 34 or re.compile(r"&[^a-zA-Z#]|&$").match(rawdata, i) and i + 1 < n:
                    self.handle_data("&")
                    i = self.updatepos(i, i + 1)
                else:
                    break
        if end and i < n and not self.cdata_elem:
            self._data(rawdata[i:n])
            i = self.updatepos(i, n)
        self.rawdata = rawdata[i:]

    def _markup(self, i, end):
        """Handles the markup at rawdata[i] == '<'; the index after it, or -1 when it is not complete yet."""
        rawdata = self.rawdata
        if self.cdata_elem is not None:
            return self.parse_endtag(i)
        nxt = rawdata[i + 1:i + 2]
        if nxt.isalpha() and nxt.isascii():
            return self.parse_starttag(i)
        if rawdata.startswith("</", i):
            return self.parse_endtag(i)
        if rawdata.startswith("<!--", i):
            return self.parse_comment(i)
        if rawdata.startswith("<?", i):
            return self.parse_pi(i)
        if rawdata.startswith("<!", i):
            return self.parse_html_declaration(i)
        if i + 1 < len(rawdata):
            self.handle_data("<")
            return i + 1
        return -1 if not end else i + 1

    def parse_comment(self, i, report=1):
        rawdata = self.rawdata
        j = rawdata.find("-->", i + 4)
        if j < 0:
            return -1
        if report:
            self.handle_comment(rawdata[i + 4:j])
        return j + 3

    def parse_pi(self, i):
        rawdata = self.rawdata
        j = rawdata.find(">", i + 2)
        if j < 0:
            return -1
        self.handle_pi(rawdata[i + 2:j])
        return j + 1

    def parse_html_declaration(self, i):
        rawdata = self.rawdata
        if rawdata.startswith("<!--", i):
            return self.parse_comment(i)
        if rawdata.startswith("<![", i):
            close = "]]>" if rawdata.startswith("<![CDATA[", i) else "]>"
            j = rawdata.find(close, i + 3)
            if j < 0:
                return -1
            self.unknown_decl(rawdata[i + 3:j])
            return j + len(close)
        if rawdata[i:i + 9].lower() == "<!doctype":
            j = rawdata.find(">", i + 9)
            if j < 0:
                return -1
            self.handle_decl(rawdata[i + 2:j])
            return j + 1
        return self.parse_bogus_comment(i)

    def parse_bogus_comment(self, i, report=1):
        rawdata = self.rawdata
        j = rawdata.find(">", i + 2)
        if j < 0:
            return -1
        if report:
            self.handle_comment(rawdata[i + 2:j])
        return j + 1

    def _tag_end(self, i):
        """The index just past the '>' closing the tag that starts at i (quotes respected), or -1."""
        rawdata = self.rawdata
        n = len(rawdata)
        k = i + 1
        quote = None
        after_eq = False
        while k < n:
            c = rawdata[k]
            if quote:
                if c == quote:
                    quote = None
            elif c == ">":
                return k + 1
            elif c in "'\"" and after_eq:
                quote = c
            if not quote:
                if c == "=":
                    after_eq = True
                elif c not in _space:
                    after_eq = False
            k += 1
        return -1

    def parse_starttag(self, i):
        rawdata = self.rawdata
        endpos = self._tag_end(i)
        if endpos < 0:
            return -1
        text = rawdata[i:endpos]
        self.__starttag_text = text
        m = _tagname.match(text, 1)
        tag = m.group().lower()
        self.lasttag = tag
        attrs = []
        body = text[m.end():-1]
        selfclosing = body.rstrip(_space).endswith("/")
        k = 0
        nb = len(body)
        while k < nb:
            while k < nb and (body[k] in _space or body[k] == "/"):
                k += 1
            if k >= nb:
                break
            start = k
            k += 1
            while k < nb and body[k] not in _space and body[k] not in "/=>":
                k += 1
            name = body[start:k].lower()
            j = k
            while j < nb and body[j] in _space:
                j += 1
            value = None
            if j < nb and body[j] == "=":
                while j < nb and body[j] == "=":
                    j += 1
                while j < nb and body[j] in _space:
                    j += 1
                if j < nb and body[j] in "'\"":
                    q = body[j]
                    e = body.find(q, j + 1)
                    if e < 0:
                        e = nb
                    value = body[j + 1:e]
                    k = e + 1
                else:
                    e = j
                    while e < nb and body[e] not in _space:
                        e += 1
                    value = body[j:e]
                    if selfclosing and e == nb and value.endswith("/"):
                        value = value[:-1]
                    k = e
                value = unescape(value)
            attrs.append((name, value))
        if selfclosing:
            self.handle_startendtag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            if tag in self.CDATA_CONTENT_ELEMENTS:
                self.set_cdata_mode(tag)
        return endpos

    def parse_endtag(self, i):
        rawdata = self.rawdata
        j = rawdata.find(">", i + 1)
        if j < 0:
            return -1
        endpos = j + 1
        inner = rawdata[i + 2:j]
        if self.cdata_elem is not None:
            m = _tagname.match(inner)
            if not m or m.group().lower() != self.cdata_elem:
                self.handle_data(rawdata[i:endpos])
                return endpos
            self.handle_endtag(self.cdata_elem)
            self.clear_cdata_mode()
            return endpos
        if not inner:
            return endpos
        m = _tagname.match(inner)
        if not m:
            self.handle_comment(inner)
            return endpos
        self.handle_endtag(m.group().lower())
        self.clear_cdata_mode()
        return endpos

    # The handlers, for subclasses to override. An empty-element tag (<br/>) is a start then an end.
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_starttag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        pass

    def handle_charref(self, name):
        pass

    def handle_entityref(self, name):
        pass

    def handle_data(self, data):
        pass

    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass
