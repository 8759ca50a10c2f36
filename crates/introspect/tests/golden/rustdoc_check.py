#!/usr/bin/env python3
"""Checks a golden help page of a Rust type against rustdoc's page for the same type: same members, same
signatures.

    cargo doc -p introspect --examples --no-deps
    python3 crates/introspect/tests/golden/rustdoc_check.py \
        target/doc/dir_help/containers/struct.Stack.html \
        crates/introspect/tests/golden/rust/stack_i64.txt T=i64

The pages checked so far, all with 0 differences: `stack_i64` and `stack_i64_value` (`T=i64`),
`stack_string` (`T=String`) against `containers/struct.Stack.html`, `grid` (`T=u8 N=4`) against
`shapes/struct.Grid.html`, `shape` against `shapes/enum.Shape.html`.

rustdoc documents the generic type (`pub fn push(&mut self, item: T)`), the page the instantiation
(`push(&mut self, item: i64)`): the script substitutes the given parameters, `Self` and `Self::Assoc` in
rustdoc's signatures the way the page does, drops what rustdoc adds for its own layout (`pub`, `fn`, the
values it hides) and compares, per inherent block and per trait implementation, the members each defines.
`where` clauses are left out of the comparison on both sides: the page adds an inherent block's bounds to
each of its functions, which rustdoc shows on the block's header instead. Blocks whose self type does not match the instantiation
(`impl Stack<i64>` on a `Stack<String>` page) must be absent from the page. Members rustdoc lists that the
impl does not define (provided trait methods, derived and blanket impls, auto traits) are reported, not
compared: the page documents what the `#[introspect::methods]` blocks define.

Exit status 0 when every defined member is on the page with the same signature, 1 otherwise.
"""

import html
import re
import sys


def text_of(fragment):
    """The visible text of an HTML fragment, one line, rustdoc's notable-trait marker removed."""
    text = re.sub(r"<[^>]+>", "", fragment)
    text = html.unescape(text).replace("\u24d8", "")
    return " ".join(text.split())


def rustdoc_blocks(path):
    """[(impl header, [(kind, item text, defined here)])] in page order, up to the auto and blanket impls."""
    page = open(path, encoding="utf-8").read()
    # Fields and variants come before the impls.
    fields = [text_of(m.group(1)) for m in re.finditer(
        r'<span id="structfield\.[^"]+" class="structfield[^"]*"><a[^>]*>.*?</a><code>(.*?)</code>', page)]
    variants = []
    for m in re.finditer(
            r'<section id="variant\.([^"]+)" class="variant"><a[^>]*>.*?</a><h3 class="code-header">(.*?)</h3>', page):
        # A struct-like variant's fields are listed after it (`variant.Circle.field.r`): put them back in
        # braces, as the page writes the variant.
        named = [text_of(f.group(1)) for f in re.finditer(
            r'<span id="variant\.' + re.escape(m.group(1)) + r'\.field\.[^"]+"[^>]*><a[^>]*>.*?</a><code>(.*?)</code>',
            page)]
        text = text_of(m.group(2))
        variants.append(f"{text} {{ {', '.join(named)} }}" if named else text)
    stop = len(page)
    for marker in ('id="synthetic-implementations"', 'id="blanket-implementations"'):
        at = page.find(marker)
        if at != -1:
            stop = min(stop, at)
    blocks = []
    if fields:
        blocks.append(("fields", [("field", f, True) for f in fields]))
    if variants:
        blocks.append(("variants", [("variant", v, True) for v in variants]))
    section = r'<section id="([^"]+)" class="([^"]+)"[^>]*>((?:(?!<section ).)*?)</section>'
    for m in re.finditer(section, page[:stop], re.S):
        ident, classes, body = m.groups()
        header = re.search(r'<h([34]) class="code-header">(.*?)</h\1>', body, re.S)
        if not header:
            continue
        text = text_of(header.group(2))
        if "impl" in classes.split() and header.group(1) == "3":
            blocks.append((text, []))
        elif blocks and header.group(1) == "4":
            defined = 'class="src' in body and "/src/core/" not in body and "/src/alloc/" not in body
            blocks[-1][1].append((ident.split(".")[0], text, defined))
    return blocks


def substitute(text, params, self_ty, assoc):
    for name, value in assoc.items():
        text = re.sub(r"\bSelf::" + re.escape(name) + r"\b", value, text)
    text = re.sub(r"\bSelf\b", self_ty, text)
    for name, value in params.items():
        text = re.sub(r"(?<![:\w])" + re.escape(name) + r"\b(?!::)", value, text)
    return text


def normalise_rustdoc(kind, text):
    text = re.sub(r"^pub(\([^)]*\))? ", "", text)
    text = re.sub(r"\s*\bwhere\s.*$", "", text)
    if kind in ("method", "tymethod"):
        text = re.sub(r"^((?:const |async |unsafe )*)fn ", r"\1", text)
    if kind == "associatedconstant":
        text = re.sub(r"^const ", "", text).split(" = ")[0]
    return text.strip()


def page_blocks(path):
    """{section title: [entry line]} of a golden page, and the display name of the type."""
    lines = open(path, encoding="utf-8").read().split("\n")
    declaration = re.sub(r"^(?:struct|enum) ", "", lines[2])
    depth, end = 0, len(declaration)
    for i, ch in enumerate(declaration):
        depth += {"<": 1, ">": -1}.get(ch, 0)
        if depth == 0 and ch in " (":
            end = i
            break
    display = declaration[:end]
    sections, current, previous_blank = {}, None, True
    for line in lines[3:]:
        if not line.startswith(" |  "):
            continue
        body = line[4:]
        if body.startswith("-" * 70):
            current, previous_blank = None, True
            continue
        if current is None and body.endswith(":") and not body.startswith(" ") or body.startswith("impl"):
            current = body.rstrip(":")
            sections[current] = []
            previous_blank = False
            continue
        if current and body and not body.startswith(" ") and previous_blank:
            sections[current].append(body)
        previous_blank = body.strip() == ""
    return display, sections


def normalise_page(text):
    text = re.sub(r"\s*\bwhere\s.*$", "", text)
    text = re.sub(r"^([A-Z_0-9]+: [^=]+) = .*$", r"\1", text)
    return text.strip()


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    rustdoc_html, golden = sys.argv[1], sys.argv[2]
    params = dict(arg.split("=", 1) for arg in sys.argv[3:])
    display, sections = page_blocks(golden)
    problems, notes, checked, matched = [], [], 0, set()
    page_traits = {title: entries for title, entries in sections.items() if title.startswith("impl")}
    inherent = [e for title, entries in sections.items() if not title.startswith("impl") for e in entries]
    for header, items in rustdoc_blocks(rustdoc_html):
        if header in ("fields", "variants"):
            for _, text, _ in items:
                checked += 1
                want = substitute(text.removeprefix("pub "), params, display, {})
                if want not in [normalise_page(e) for e in inherent]:
                    problems.append(f"{header[:-1]} `{want}` (rustdoc) is not on the page")
            continue
        m = re.match(r"impl(?:<.*?>)? (?:(.+?) for )?(.+?)(?: where .*)?$", header)
        trait, self_ty = m.group(1), m.group(2)
        assoc = {}
        for kind, text, _ in items:
            t = re.match(r"type (\w+) = (.+)$", text)
            if kind == "associatedtype" and t:
                assoc[t.group(1)] = substitute(t.group(2), params, display, {})
        applies = substitute(self_ty, params, display, {}) == display
        if trait is None:
            entries = [normalise_page(e) for e in inherent]
        else:
            wanted_trait = substitute(trait, params, display, {})
            titles = [t for t in page_traits if re.match(r"impl(?:<.*?>)? " + re.escape(wanted_trait) + " for ", t)]
            if not applies:
                if titles:
                    problems.append(f"`{header}` does not apply to {display} but the page lists it")
                continue
            if not titles:
                if any(defined for _, _, defined in items) and items:
                    notes.append(f"`{header}`: not on the page (no #[introspect::methods] block: derived or hand-written without the attribute)")
                continue
            entries = [normalise_page(e) for e in page_traits[titles[0]]]
        if not applies:
            for kind, text, defined in items:
                name = normalise_rustdoc(kind, text)
                if name in entries:
                    problems.append(f"`{name}` from `{header}` does not apply to {display} but is on the page")
            continue
        provided = [text for _, text, defined in items if not defined]
        if provided:
            notes.append(f"`{header}`: {len(provided)} provided methods of the trait are not defined by the impl")
        for kind, text, defined in items:
            want = substitute(normalise_rustdoc(kind, text), params, display, assoc)
            if not defined:
                continue
            checked += 1
            matched.add((None if trait is None else titles[0], want))
            print(f"same: {want}" if want in entries else f"differs: {want}")
            if want not in entries:
                problems.append(f"`{header}`: rustdoc `{want}` is not on the page; the page has {entries}")
    # Whatever the page lists beyond rustdoc's members is a difference too.
    for title, entries in sections.items():
        key = title if title.startswith("impl") else None
        for entry in entries:
            entry = normalise_page(entry)
            if key is None and any(w == entry for _, w in matched if _ is None):
                continue
            if key is not None and (key, entry) in matched:
                continue
            if key is None and title in ("Fields", "Variants"):
                continue
            problems.append(f"the page lists `{entry}` under `{title}`, which rustdoc does not")
    for note in notes:
        print("note:", note)
    for problem in problems:
        print("DIFFERS:", problem)
    print(f"{checked} members compared, {len(problems)} differ ({golden} against {rustdoc_html})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
