//! `textwrap`: `wrap`, `fill`, `shorten`, `dedent`, `indent` and `TextWrapper` (width, indents, tab
//! expansion, whitespace replacement, sentence endings, long-word and hyphen breaking, `max_lines` with its
//! placeholder), laying text out line for line as CPython 3.11 does. Text is cut into chunks (whitespace
//! runs, words, the parts of hyphenated words, em-dashes) by a scanner written here, then packed greedily.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
_WS = '\t\n\x0b\x0c\r '

def _is_punct_word(c):
    return c.isalnum() or c == '_' or c in '!"\'&.,?'

def _is_letter(c):
    return (c.isalnum() or c == '_') and not c.isdigit() and not c.isdecimal() and not c.isnumeric()

def _hyphen_breaks(text, j):
    # A word may end with the hyphen at j when two letters (or letter-hyphen-letter) come before it
    # and a letter, an optional hyphen and a letter follow.
    if j >= 2 and _is_letter(text[j - 1]) and _is_letter(text[j - 2]):
        ok = True
    elif j >= 3 and _is_letter(text[j - 1]) and text[j - 2] == '-' and _is_letter(text[j - 3]):
        ok = True
    else:
        ok = False
    if not ok:
        return False
    k = j + 1
    if k < len(text) and _is_letter(text[k]):
        if k + 1 < len(text) and _is_letter(text[k + 1]):
            return True
        if k + 2 < len(text) and text[k + 1] == '-' and _is_letter(text[k + 2]):
            return True
    return False

def _dash_run(text, j):
    # The length of an em-dash ('--' or longer) at j that a word character follows, else 0.
    k = j
    n = len(text)
    while k < n and text[k] == '-':
        k += 1
    if k - j >= 2 and k < n and (text[k].isalnum() or text[k] == '_'):
        return k - j
    return 0

def _chunks_hyphens(text):
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in _WS:
            j = i
            while j < n and text[j] in _WS:
                j += 1
            out.append(text[i:j])
            i = j
            continue
        if c == '-' and i > 0 and _is_punct_word(text[i - 1]):
            d = _dash_run(text, i)
            if d:
                out.append(text[i:i + d])
                i += d
                continue
        j = i + 1
        while True:
            if j < n and text[j] == '-' and _hyphen_breaks(text, j):
                j += 1
                break
            if j >= n or text[j] in _WS:
                break
            if _is_punct_word(text[j - 1]) and _dash_run(text, j):
                break
            j += 1
        out.append(text[i:j])
        i = j
    return out

def _chunks_simple(text):
    out = []
    i = 0
    n = len(text)
    while i < n:
        j = i
        ws = text[i] in _WS
        while j < n and (text[j] in _WS) == ws:
            j += 1
        out.append(text[i:j])
        i = j
    return out

def _sentence_end(chunk):
    n = len(chunk)
    if n >= 1 and chunk[-1] in '"\'':
        n -= 1
    return n >= 2 and chunk[n - 1] in '.!?' and 'a' <= chunk[n - 2] <= 'z'

class TextWrapper:
    unicode_whitespace_trans = {ord(c): ' ' for c in _WS}

    def __init__(self, width=70, initial_indent="", subsequent_indent="", expand_tabs=True,
                 replace_whitespace=True, fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8, *, max_lines=None,
                 placeholder=' [...]'):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    def _munge_whitespace(self, text):
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            text = ''.join([' ' if c in _WS else c for c in text])
        return text

    def _split(self, text):
        if self.break_on_hyphens is True or self.break_on_hyphens:
            return _chunks_hyphens(text)
        return _chunks_simple(text)

    def _fix_sentence_endings(self, chunks):
        i = 0
        while i < len(chunks) - 1:
            if chunks[i + 1] == " " and _sentence_end(chunks[i]):
                chunks[i + 1] = "  "
                i += 2
            else:
                i += 1

    def _split_chunks(self, text):
        return self._split(self._munge_whitespace(text))

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        space_left = 1 if width < 1 else width - cur_len
        if self.break_long_words:
            chunk = reversed_chunks[-1]
            end = space_left
            if self.break_on_hyphens and len(chunk) > space_left:
                h = chunk.rfind('-', 0, space_left)
                if h > 0 and chunk[:h].strip('-'):
                    end = h + 1
            cur_line.append(chunk[:end])
            reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())

    def _wrap_chunks(self, chunks):
        if self.width <= 0:
            raise ValueError("invalid width %r (must be > 0)" % self.width)
        if self.max_lines is not None:
            indent = self.subsequent_indent if self.max_lines > 1 else self.initial_indent
            if len(indent) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError("placeholder too large for max width")
        lines = []
        todo = chunks[::-1]
        while todo:
            indent = self.subsequent_indent if lines else self.initial_indent
            room = self.width - len(indent)
            if self.drop_whitespace and lines and not todo[-1].strip():
                todo.pop()
            line = []
            used = 0
            while todo and used + len(todo[-1]) <= room:
                used += len(todo[-1])
                line.append(todo.pop())
            if todo and len(todo[-1]) > room:
                self._handle_long_word(todo, line, used, room)
                used = sum([len(c) for c in line])
            if self.drop_whitespace and line and not line[-1].strip():
                used -= len(line[-1])
                line.pop()
            if not line:
                continue
            last_allowed = (self.max_lines is None or len(lines) + 1 < self.max_lines
                            or ((not todo or (self.drop_whitespace and len(todo) == 1 and not todo[0].strip()))
                                and used <= room))
            if last_allowed:
                lines.append(indent + ''.join(line))
                continue
            placed = False
            while line:
                if line[-1].strip() and used + len(self.placeholder) <= room:
                    line.append(self.placeholder)
                    lines.append(indent + ''.join(line))
                    placed = True
                    break
                used -= len(line[-1])
                line.pop()
            if not placed:
                if lines:
                    prev = lines[-1].rstrip()
                    if len(prev) + len(self.placeholder) <= self.width:
                        lines[-1] = prev + self.placeholder
                        break
                lines.append(indent + self.placeholder.lstrip())
            break
        return lines

    def wrap(self, text):
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        return "\n".join(self.wrap(text))

def wrap(text, width=70, **kwargs):
    """Wrap one paragraph into a list of lines of at most width characters."""
    return TextWrapper(width=width, **kwargs).wrap(text)

def fill(text, width=70, **kwargs):
    """Wrap one paragraph and join its lines with newlines."""
    return TextWrapper(width=width, **kwargs).fill(text)

def shorten(text, width, **kwargs):
    """Collapse the whitespace and cut the text to fit width, ending in a placeholder."""
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(' '.join(text.strip().split()))

def _lead(line):
    i = 0
    while i < len(line) and line[i] in ' \t':
        i += 1
    return line[:i]

def dedent(text):
    """Remove the leading whitespace that every non-blank line shares."""
    lines = text.split('\n')
    margin = None
    for i in range(len(lines)):
        ln = lines[i]
        lead = _lead(ln)
        if len(lead) == len(ln):
            lines[i] = ''
            continue
        if margin is None:
            margin = lead
        elif lead.startswith(margin):
            pass
        elif margin.startswith(lead):
            margin = lead
        else:
            k = 0
            while k < len(margin) and k < len(lead) and margin[k] == lead[k]:
                k += 1
            margin = margin[:k]
    if margin:
        n = len(margin)
        lines = [ln[n:] if ln else ln for ln in lines]
    return '\n'.join(lines)

def indent(text, prefix, predicate=None):
    """Put prefix before the lines of text (by default the non-blank ones)."""
    out = []
    for line in text.splitlines(True):
        if (predicate(line) if predicate is not None else line.strip()):
            out.append(prefix + line)
        else:
            out.append(line)
    return ''.join(out)
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(it, "textwrap", "Text wrapping and filling.", &[], SOURCE)
}
