import html, html.entities
print(html.escape('<a href="x">Tom & \'Jerry\'</a>'), html.escape('"q" & <b>', quote=False))
print(html.unescape('&lt;p&gt; &amp;amp; &copy; &#169; &#xA9; &eacute;t&eacute; &notin; &notit; &amp &#128; &#0; &#x110000; &#1; &unknown; &NotANamedRef'))
print(html.entities.name2codepoint['eacute'], html.entities.codepoint2name[233], html.entities.entitydefs['amp'], html.entities.html5['gt;'], len(html.entities.html5))
