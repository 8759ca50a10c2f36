def outer():
    inner()
def inner():
    raise RuntimeError("deep")
outer()
