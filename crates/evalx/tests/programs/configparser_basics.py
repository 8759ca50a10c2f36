import configparser
import io

text = """
# a comment
[DEFAULT]
ServerAliveInterval = 45
Compression = yes
CompressionLevel = 9
ForwardX11 = yes

[forge.example]
User = hg
path = /home/%(user)s/repo
percent = 100%%

[topsecret.server.example]
Port = 50022
ForwardX11 = no
multi = first line
    second line

    after blank
; another comment
empty =
"""
cp = configparser.ConfigParser()
cp.read_string(text)
print(cp.sections(), list(cp), len(cp))
print(cp.defaults())
print(cp["forge.example"]["user"], cp["forge.example"]["path"], cp.get("forge.example", "percent"))
print(cp.get("forge.example", "path", raw=True))
print(repr(cp["topsecret.server.example"]["multi"]), repr(cp["topsecret.server.example"]["empty"]))
print(cp.getint("topsecret.server.example", "port"), cp.getboolean("topsecret.server.example", "forwardx11"))
print(cp.getfloat("DEFAULT", "compressionlevel"), cp["forge.example"].getboolean("compression"))
print(cp.options("forge.example"))
print(cp.items("forge.example"))
print(cp.has_option("forge.example", "User"), cp.has_option("nope", "x"), "forge.example" in cp)
print(cp.get("nope", "x", fallback="fb"), cp.getint("forge.example", "missing", fallback=7))
print(cp["forge.example"].get("missing"), cp["forge.example"].get("missing", "dflt"))
print(repr(cp["forge.example"]), sorted(cp["forge.example"]), [k for k, v in cp.items()])
print(cp.get("forge.example", "path", vars={"user": "vars-user"}))

for f, args in ((cp.get, ("nope", "x")), (cp.get, ("forge.example", "nothing")), (cp.add_section, ("forge.example",)),
                (cp.add_section, ("DEFAULT",)), (cp.getint, ("forge.example", "user")),
                (cp.getboolean, ("forge.example", "user")), (cp.set, ("forge.example", "n", 5)),
                (cp.set, ("forge.example", "bad", "50%")), (cp.options, ("nope",)), (cp.set, ("nope", "a", "b"))):
    try:
        f(*args)
    except (configparser.Error, ValueError, TypeError) as e:
        print(type(e).__name__, e, e.args)
try:
    cp["nope"]
except KeyError as e:
    print("KeyError", e)

cp.set("forge.example", "bad", "%(nothere)s")
cp.set("forge.example", "loop", "%(loop)s")
cp.set("forge.example", "syntax", "50%%")
print(cp.get("forge.example", "syntax"))
cp.read_string("[forge.example]\nsyntax = %(broken\nsyntax2 = 5%x\n")
for opt in ("bad", "loop", "syntax", "syntax2"):
    try:
        cp.get("forge.example", opt)
    except configparser.InterpolationError as e:
        print(type(e).__name__, e)

cp["new"] = {"a": "1", "B": 2.5, "c": True}
cp["new"]["d"] = "four"
del cp["new"]["a"]
print(dict(cp["new"]), cp.remove_option("new", "c"), cp.remove_option("new", "c"), cp.remove_section("none"))
out = io.StringIO()
cp.write(out)
print(out.getvalue())
out = io.StringIO()
cp.write(out, space_around_delimiters=False)
print(out.getvalue().splitlines()[:3])

for bad in ("key = value\n", "[a]\nx=1\n[a]\n", "[a]\nx=1\nX=2\n", "[a]\nnot an option\n=novalue\n"):
    try:
        configparser.ConfigParser().read_string(bad, source="<bad>")
    except configparser.Error as e:
        print(type(e).__name__, e)
        print(e.args)

raw = configparser.RawConfigParser()
raw.read_dict({"s": {"k": "%(x)s", "n": 3}})
print(raw.get("s", "k"), raw.get("s", "n"), raw.sections())
raw.set("s", "num", 10)
print(raw.get("s", "num"))

ext = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
ext.read_string("""
[paths]
home = /home/me
data = ${home}/data
cost = $$5
[other]
where = ${paths:data}/x
""")
print(ext["other"]["where"], ext["paths"]["cost"])
ext.set("other", "bad", "${paths:a:b}")
ext.set("other", "missing", "${nope:x}")
for opt in ("bad", "missing"):
    try:
        ext.get("other", opt)
    except configparser.InterpolationError as e:
        print(type(e).__name__, e)

nv = configparser.ConfigParser(allow_no_value=True, delimiters=("=",), comment_prefixes=("#",),
                               inline_comment_prefixes=(";",))
nv.read_string("[mysqld]\nskip-bdb\nport = 3306 ; inline\nuser: colon\n")
print(dict(nv["mysqld"]))
conv = configparser.ConfigParser(converters={"list": lambda v: v.split(",")})
conv.read_string("[s]\nitems = a,b,c\n")
print(conv.getlist("s", "items"), conv["s"].getlist("items"))
cs = configparser.ConfigParser()
cs.optionxform = str
cs.read_string("[S]\nMixedCase = 1\n")
print(list(cs["S"]))
print(configparser.DEFAULTSECT, configparser.MAX_INTERPOLATION_DEPTH)
print(cp.read(["does-not-exist.ini"]))
