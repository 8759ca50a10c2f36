class MyError(Exception):
    pass
raise MyError("bad thing", 2)
