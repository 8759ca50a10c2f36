"""General functions for HTML manipulation."""

import re as _re

__all__ = ['escape', 'unescape']


def escape(s, quote=True):
    s = s.replace("&", "&amp;")
    s = s.replace("<", "&lt;")
    s = s.replace(">", "&gt;")
    if quote:
        s = s.replace('"', "&quot;")
        s = s.replace('\'', "&#x27;")
    return s


# Numeric references the HTML5 parser maps to another character (NUL, CR, and the C1 controls read as
# Windows-1252).
_invalid_charrefs = {0x00: '\ufffd', 0x0d: '\r'}
for _i in range(0x80, 0xa0):
    _invalid_charrefs[_i] = _i
_invalid_charrefs.update({128: '€', 130: '‚', 131: 'ƒ', 132: '„', 133: '…', 134: '†', 135: '‡', 136: 'ˆ', 137: '‰', 138: 'Š', 139: '‹', 140: 'Œ', 142: 'Ž', 145: '‘', 146: '’', 147: '“', 148: '”', 149: '•', 150: '–', 151: '—', 152: '˜', 153: '™', 154: 'š', 155: '›', 156: 'œ', 158: 'ž', 159: 'Ÿ'})
for _k, _v in list(_invalid_charrefs.items()):
    if isinstance(_v, int):
        _invalid_charrefs[_k] = chr(_v)

# Code points a numeric reference may not produce (dropped).
_invalid_codepoints = set(range(0x1, 0x9)) | set(range(0xe, 0x20)) | set(range(0x7f, 0xa0)) | \
    set(range(0xfdd0, 0xfdf0)) | {0xb}
for _plane in range(17):
    _invalid_codepoints.add(_plane * 0x10000 + 0xfffe)
    _invalid_codepoints.add(_plane * 0x10000 + 0xffff)
del _i, _k, _v, _plane


def _replace_charref(s):
    s = s.group(1)
    if s[0] == '#':
        if s[1] in 'xX':
            num = int(s[2:].rstrip(';'), 16)
        else:
            num = int(s[1:].rstrip(';'))
        if num in _invalid_charrefs:
            return _invalid_charrefs[num]
        if 0xD800 <= num <= 0xDFFF or num > 0x10FFFF:
            return '\uFFFD'
        if num in _invalid_codepoints:
            return ''
        return chr(num)
    else:
        if s in _html5:
            return _html5[s]
        for x in range(len(s) - 1, 1, -1):
            if s[:x] in _html5:
                return _html5[s[:x]] + s[x:]
        else:
            return '&' + s


_charref = _re.compile(r'&(#[0-9]+;?'
                       r'|#[xX][0-9a-fA-F]+;?'
                       r'|[^\t\n\f <&#;]{1,32};?)')


_html5 = None


def unescape(s):
    global _html5
    if '&' not in s:
        return s
    if _html5 is None:
        # Imported on first use: `html.entities` is a submodule of this module.
        from html.entities import html5 as table
        _html5 = table
    return _charref.sub(_replace_charref, s)
