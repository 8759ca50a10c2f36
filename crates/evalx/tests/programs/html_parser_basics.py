from html.parser import HTMLParser


class Show(HTMLParser):
    def handle_starttag(self, tag, attrs):
        print("start", tag, attrs, self.getpos())

    def handle_endtag(self, tag):
        print("end", tag)

    def handle_startendtag(self, tag, attrs):
        print("startend", tag, attrs, self.get_starttag_text())

    def handle_data(self, data):
        print("data", repr(data))

    def handle_comment(self, data):
        print("comment", repr(data))

    def handle_decl(self, decl):
        print("decl", repr(decl))

    def handle_pi(self, data):
        print("pi", repr(data))

    def handle_entityref(self, name):
        print("entityref", name)

    def handle_charref(self, name):
        print("charref", name)

    def unknown_decl(self, data):
        print("unknown_decl", repr(data))


doc = """<!DOCTYPE html>
<html lang="en"><head><title>A &amp; B &#169; &#x41;</title>
<style>p > a { color: red }</style></head>
<body class='main page' data-x=1 hidden>
<!-- a comment -->
<p id="p1">Hello <b>world</b>!<br/><img src="a.png" alt='x &lt; y' />
<a HREF="/x?a=1&amp;b=2">link</a></p>
<script>if (a < b && c) { x = "</p>"; }</script>
<?php echo 1 ?>
<![CDATA[raw]]>
</BODY></html>
"""
p = Show()
p.feed(doc)
p.close()
print("---")
q = Show(convert_charrefs=False)
q.feed("<p>fish &amp; chips &#62; &#x3C; &nosuch; &</p>")
q.close()
print("---")
r = Show()
for piece in ("<di", "v cla", "ss='a'>te", "xt &am", "p; more</d", "iv>"):
    r.feed(piece)
r.close()
print("---")
s = Show()
s.feed("plain text with < sign and <unfinished")
s.close()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.extend(v for k, v in attrs if k == "href")


lk = Links()
lk.feed('<ul><li><a href="one.html">1</a><li><a href=two.html>2</a><li><a name=x>3</a></ul>')
print(lk.links)
print(HTMLParser.CDATA_CONTENT_ELEMENTS)
