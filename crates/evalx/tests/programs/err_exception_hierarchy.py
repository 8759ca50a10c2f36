class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
class DbError(AppError):
    pass
try:
    raise DbError(42, "db down")
except AppError as e:
    print(type(e).__name__, e.code, e, e.args)
print(issubclass(DbError, Exception), isinstance(DbError(1, "x"), AppError))
print(repr(ValueError("a", 2)), str(ValueError()), repr(KeyError("k")))
try:
    raise TypeError
except TypeError as e:
    print(repr(e))
