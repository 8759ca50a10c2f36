# Both interpolations: references, nesting across sections, escapes and every error (one shared scan).
import configparser
c = configparser.ConfigParser()
c.read_string("""
[DEFAULT]
home = /h
[paths]
a = %(home)s/a
b = %(a)s/b
pct = 100%%
bad = %(nope)s
loop = %(loop)s
weird = %x
""")
for k in ["a", "b", "pct"]: print(k, c["paths"][k])
for k in ["bad", "loop", "weird"]:
    try: print(c["paths"][k])
    except configparser.Error as e: print(type(e).__name__, e)
try: c.set("paths", "z", "50%")
except ValueError as e: print(e)
e = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
e.read_string("""
[common]
root = /r
dir = ${root}/d
[app]
path = ${common:dir}/app
own = ${path}/x
cost = $$5
miss = ${common:nope}
many = ${a:b:c}
bad = $x
""")
for k in ["path", "own", "cost"]: print(k, e["app"][k])
for k in ["miss", "many", "bad"]:
    try: print(e["app"][k])
    except configparser.Error as ex: print(type(ex).__name__, ex)
