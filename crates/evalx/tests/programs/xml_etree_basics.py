import io
import xml.etree.ElementTree as ET

doc = """<?xml version="1.0"?>
<!-- a comment before -->
<data xmlns:x="http://example.com/x">
    <country name="Liechtenstein" rank="1">
        <year>2008</year>
        <gdppc>141100</gdppc>
        <neighbor name="Austria" direction="E"/>
        <neighbor name="Switzerland" direction="W"/>
    </country>
    <country name="Singapore">
        <rank>4</rank>
        <year>2011</year>
        <gdppc>59900</gdppc>
        <neighbor name="Malaysia" direction="N"/>
        <x:note>Tom &amp; Jerry &lt;3 &#169; &#x41;<![CDATA[<raw> & stuff]]></x:note>
    </country>
    <country name="Panama">
        <rank>68</rank>
        <year>2011</year>
        <neighbor name="Costa Rica" direction="W"/>
        <neighbor name="Colombia" direction="E"/>
    </country>
</data>
"""
root = ET.fromstring(doc)
print(root.tag, root.attrib, len(root), repr(root.text), root[0].tag, root[0].get("name"), root[0][0].text)
for child in root:
    print(child.tag, child.attrib, child.find("year").text, child.findtext("rank", "none"))
print([n.get("name") for n in root.iter("neighbor")])
print([c.get("name") for c in root.findall("country")], [y.text for y in root.findall("./country/year")])
print([n.get("name") for n in root.findall(".//neighbor[@direction='W']")])
print([c.get("name") for c in root.findall("country[rank]")], [c.get("name") for c in root.findall("country[@rank]")])
print([c.get("name") for c in root.findall("country[year='2011']")], root.find("country[2]").get("name"),
      root.find("country[last()]").get("name"), [n.get("name") for n in root.findall("country/neighbor[1]")])
print([e.tag for e in root.findall("*/rank/..")], len(root.findall(".//*")), root.find("nothing"), root.findtext("nothing"))
note = root.find(".//{http://example.com/x}note")
print(note.tag, repr(note.text), root.find(".//x:note", {"x": "http://example.com/x"}) is note)
print(list(root[0].itertext())[:4])

a = ET.Element("a", {"k": "v"}, extra="1")
b = ET.SubElement(a, "b")
b.text = "text & <more>"
c = ET.SubElement(a, "c", attr='quote " and \n newline')
c.tail = "tail"
ET.SubElement(a, "d")
print(ET.tostring(a))
print(ET.tostring(a, encoding="unicode"))
print(ET.tostring(a, encoding="unicode", short_empty_elements=False))
print(ET.tostring(a, encoding="unicode", method="text"))
e = ET.Element("ü")
e.text = "café ☃"
print(ET.tostring(e), ET.tostring(e, encoding="utf-8"), ET.tostring(e, encoding="unicode"))
print(ET.tostring(e, encoding="latin-1"))
print(ET.tostring(ET.fromstring("<r><x/>text<y>t</y>tail</r>"), encoding="unicode", xml_declaration=True))
ns = ET.Element("{http://example.com/ns}root")
ET.SubElement(ns, "{http://example.com/ns}child", {"{http://www.w3.org/2001/XMLSchema-instance}type": "t"})
print(ET.tostring(ns, encoding="unicode"))
print(ET.tostring(ns, encoding="unicode", default_namespace="http://example.com/ns") if False else "")
ET.register_namespace("ex", "http://example.com/ns")
print(ET.tostring(ns, encoding="unicode"))

tree = ET.ElementTree(ET.fromstring("<a><b><c>1</c><c>2</c></b><d/></a>"))
ET.indent(tree)
out = io.StringIO()
tree.write(out, encoding="unicode")
print(out.getvalue())
bout = io.BytesIO()
tree.write(bout, xml_declaration=True, encoding="utf-8")
print(bout.getvalue())
ET.dump(tree.getroot()[0])
print(tree.find("b/c").text, tree.findall("//c") if False else [c.text for c in tree.iterfind(".//c")])
print(ET.iselement(a), ET.iselement("x"), len(a), [x.tag for x in a], a.keys(), sorted(a.items()))
a.remove(b)
a.insert(0, ET.Element("first"))
a.append(ET.Element("last"))
a.extend([ET.Element("more")])
del a[1]
print([x.tag for x in a], a[-1].tag, [x.tag for x in a[1:3]])
a.set("k", "new")
print(a.get("k"), a.get("missing", "dflt"))
import copy
cp = copy.copy(a)
cp.clear()
dc = copy.deepcopy(a)
dc[0].tag = 'changed'
print(len(cp), cp.attrib, len(a), a[0].tag, len(dc))
root2, ids = ET.XMLID('<r><p id="one">1</p><p id="two"/></r>')
print(sorted(ids), ids["one"].text)
q = ET.QName("http://ex", "tag")
print(q, q.text, q == "{http://ex}tag")
pi = ET.ProcessingInstruction("target", "data")
cm = ET.Comment(" note ")
holder = ET.Element("h")
holder.append(cm)
holder.append(pi)
print(ET.tostring(holder, encoding="unicode"))
tb = ET.TreeBuilder()
tb.start("root", {})
tb.data("hi")
tb.end("root")
print(ET.tostring(tb.close()))
p = ET.XMLParser()
p.feed("<x a='1'>")
p.feed(b"<y/></x>" if False else "<y/></x>")
print(ET.tostring(p.close()))

for bad in ("<a><b></a>", "<a>", "", "<a></a><b/>", "<a b='1' b='2'/>", "<a>&bogus;</a>", "text", "<a x=1/>",
            "<a><!-- unclosed </a>"):
    try:
        ET.fromstring(bad)
    except ET.ParseError as err:
        print("ParseError", repr(bad), err, err.position, err.code)
try:
    a.append("notelement")
except TypeError as err:
    print("TypeError", err)
try:
    a.remove(ET.Element("zz"))
except ValueError as err:
    print("ValueError", err)
try:
    ET.Element("x", "notadict")
except TypeError as err:
    print("TypeError", err)
try:
    root.find("/abs")
except SyntaxError as err:
    print("SyntaxError", err)
