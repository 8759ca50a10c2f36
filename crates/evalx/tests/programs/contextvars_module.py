# contextvars: ContextVar get/set/reset with Tokens, copy_context snapshots and Context.run.
import contextvars

request = contextvars.ContextVar("request", default="none")
user = contextvars.ContextVar("user")
print(request.name, request.get(), user.get("fallback"))
try:
    user.get()
except LookupError as e:
    print("LookupError", type(e.args[0]).__name__, e.args[0].name)
tok = user.set("alice")
print(user.get(), tok.var is user, tok.old_value is contextvars.Token.MISSING, repr(tok.old_value))
tok2 = user.set("bob")
print(user.get(), tok2.old_value)
user.reset(tok2)
print(user.get())
try:
    user.reset(tok2)
except RuntimeError as e:
    print("RuntimeError", "already been used" in str(e))
try:
    request.reset(tok)
except ValueError as e:
    print("ValueError", "different ContextVar" in str(e))

snap = contextvars.copy_context()
user.set("carol")
print(user.get(), snap[user], snap.get(request), request in snap, user in snap, len(snap))


def inside(x):
    print("inside", user.get(), x)
    user.set("dave")
    request.set("r1")
    return user.get() + "!"


print(snap.run(inside, 5), user.get(), snap[user], snap[request])
print(sorted(v.name for v in snap), sorted(snap.values()), sorted((k.name, v) for k, v in snap.items()))
print(user.get(), request.get())


def reenter():
    snap.run(print, "nested")


try:
    snap.run(reenter)
except RuntimeError as e:
    print("RuntimeError", "already entered" in str(e))
empty = contextvars.Context()
print(len(empty), list(empty), empty.run(user.get, "dflt"))
t3 = empty.run(user.set, "erin")
print(empty[user], user.get())
try:
    user.reset(t3)
except ValueError as e:
    print("ValueError", "different Context" in str(e))
try:
    snap["x"]
except TypeError as e:
    print("TypeError", e)
try:
    class Sub(contextvars.ContextVar):
        pass
except TypeError as e:
    print("TypeError", e)
print(contextvars.ContextVar[int])
c2 = snap.copy()
print(c2 == snap, c2 is snap, c2[user])
