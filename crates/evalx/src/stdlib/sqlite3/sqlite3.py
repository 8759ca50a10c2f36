apilevel = "2.0"
paramstyle = "qmark"
threadsafety = 3
version = "2.6.0"
version_info = (2, 6, 0)
sqlite_version = _version()
sqlite_version_info = tuple(int(_p) for _p in sqlite_version.split("."))
PARSE_DECLTYPES = 1
PARSE_COLNAMES = 2
Binary = memoryview


class Warning(Exception):
    pass


class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


for _c in (Warning, Error, InterfaceError, DatabaseError, DataError, OperationalError,
           IntegrityError, InternalError, ProgrammingError, NotSupportedError):
    _c.__module__ = "sqlite3"

adapters = {}
converters = {}


def register_adapter(type, adapter, /):
    adapters[(type, PrepareProtocol)] = adapter


def register_converter(typename, converter, /):
    converters[typename.upper()] = converter


class PrepareProtocol:
    pass


_PLAIN = (type(None), int, float, str, bytes)


def _adapt(v):
    t = type(v)
    if t in _PLAIN:
        return v
    a = adapters.get((t, PrepareProtocol))
    if a is not None:
        return a(v)
    if isinstance(v, (bytearray, memoryview)):
        return bytes(v)
    return v


def _params(parameters):
    if isinstance(parameters, dict):
        return {k: _adapt(v) for k, v in parameters.items()}
    if isinstance(parameters, (tuple, list)):
        return tuple(_adapt(v) for v in parameters)
    try:
        return tuple(_adapt(v) for v in parameters)
    except TypeError:
        raise ProgrammingError("parameters are of unsupported type") from None


def _is_dml(sql):
    s = sql.lstrip()
    while s.startswith("--") or s.startswith("/*"):
        if s.startswith("--"):
            i = s.find("\n")
            s = "" if i < 0 else s[i + 1:].lstrip()
        else:
            i = s.find("*/")
            s = "" if i < 0 else s[i + 2:].lstrip()
    head = s[:7].upper()
    return head.startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))


class Row:
    def __init__(self, cursor, data, /):
        self._data = tuple(data)
        self._keys = [d[0] for d in cursor.description] if cursor.description else []

    def keys(self):
        return list(self._keys)

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def __getitem__(self, key):
        if isinstance(key, str):
            k = key.upper()
            for i, name in enumerate(self._keys):
                if name.upper() == k:
                    return self._data[i]
            raise IndexError("No item with that key")
        return self._data[key]

    def __eq__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return self._keys == other._keys and self._data == other._data

    def __ne__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return not self == other

    def __hash__(self):
        return hash(tuple(self._keys)) ^ hash(self._data)


Row.__module__ = "sqlite3"


class Cursor:
    def __init__(self, connection, /):
        if not isinstance(connection, Connection):
            raise TypeError("argument 1 must be sqlite3.Connection, not " + type(connection).__name__)
        self.connection = connection
        self.description = None
        self.rowcount = -1
        self.lastrowid = None
        self.arraysize = 1
        self.row_factory = connection.row_factory
        self._rows = []
        self._pos = 0
        self._closed = False

    def _check(self):
        if self._closed:
            raise ProgrammingError("Cannot operate on a closed cursor.")
        self.connection._check()

    def _run(self, sql, parameters):
        con = self.connection
        if con.isolation_level is not None and _is_dml(sql) and not _in_transaction(con._db):
            _exec(con._db, "BEGIN " + con.isolation_level, ())
        return _exec(con._db, sql, parameters)

    def execute(self, sql, parameters=(), /):
        self._check()
        if not isinstance(sql, str):
            raise TypeError("execute() argument 1 must be str, not " + type(sql).__name__)
        params = _params(parameters)
        names, rows, changes, lastrowid = self._run(sql, params)
        self.description = None if names is None else tuple(
            (n, None, None, None, None, None, None) for n in names)
        self._rows = rows
        self._pos = 0
        self.rowcount = changes if _is_dml(sql) else -1
        self.lastrowid = lastrowid
        self.row_factory = self.connection.row_factory
        return self

    def executemany(self, sql, seq_of_parameters, /):
        self._check()
        if not isinstance(sql, str):
            raise TypeError("executemany() argument 1 must be str, not " + type(sql).__name__)
        if not _is_dml(sql):
            raise ProgrammingError("executemany() can only execute DML statements.")
        total = 0
        self._rows = []
        self._pos = 0
        for parameters in seq_of_parameters:
            names, rows, changes, lastrowid = self._run(sql, _params(parameters))
            total += changes
        self.description = None
        self.rowcount = total
        return self

    def executescript(self, sql_script, /):
        self._check()
        if not isinstance(sql_script, str):
            raise ValueError("script argument must be unicode.")
        con = self.connection
        if _in_transaction(con._db):
            _exec(con._db, "COMMIT", ())
        _script(con._db, sql_script)
        self._rows = []
        self._pos = 0
        self.description = None
        self.rowcount = -1
        return self

    def _make(self, row):
        f = self.row_factory
        return row if f is None else f(self, row)

    def fetchone(self):
        self._check()
        if self._pos >= len(self._rows):
            return None
        row = self._rows[self._pos]
        self._pos += 1
        return self._make(row)

    def fetchmany(self, size=None):
        self._check()
        if size is None:
            size = self.arraysize
        out = []
        while len(out) < size and self._pos < len(self._rows):
            out.append(self._make(self._rows[self._pos]))
            self._pos += 1
        return out

    def fetchall(self):
        self._check()
        out = [self._make(r) for r in self._rows[self._pos:]]
        self._pos = len(self._rows)
        return out

    def __iter__(self):
        return self

    def __next__(self):
        row = self.fetchone()
        if row is None:
            raise StopIteration
        return row

    def close(self):
        self._closed = True
        self._rows = []

    def setinputsizes(self, sizes, /):
        pass

    def setoutputsize(self, size, column=None, /):
        pass


Cursor.__module__ = "sqlite3"


class Connection:
    Warning = Warning
    Error = Error
    InterfaceError = InterfaceError
    DatabaseError = DatabaseError
    DataError = DataError
    OperationalError = OperationalError
    IntegrityError = IntegrityError
    InternalError = InternalError
    ProgrammingError = ProgrammingError
    NotSupportedError = NotSupportedError

    def __init__(self, database, timeout=5.0, detect_types=0, isolation_level="",
                 check_same_thread=True, factory=None, cached_statements=128, uri=False):
        path = database
        if not isinstance(path, (str, bytes)):
            fspath = getattr(type(path), "__fspath__", None)
            if fspath is None:
                raise TypeError("expected str, bytes or os.PathLike object, not " + type(path).__name__)
            path = fspath(path)
        if isinstance(path, bytes):
            path = path.decode()
        if isolation_level is not None and isolation_level.upper() not in ("", "DEFERRED", "IMMEDIATE", "EXCLUSIVE"):
            raise ValueError("isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'")
        self._db = _open(path)
        self.isolation_level = isolation_level
        self.row_factory = None
        self.text_factory = str

    def _check(self):
        if self._db is None:
            raise ProgrammingError("Cannot operate on a closed database.")

    @property
    def in_transaction(self):
        self._check()
        return _in_transaction(self._db)

    @property
    def total_changes(self):
        self._check()
        return _total_changes(self._db)

    def cursor(self, factory=Cursor):
        self._check()
        cur = factory(self)
        return cur

    def execute(self, sql, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, parameters, /):
        return self.cursor().executemany(sql, parameters)

    def executescript(self, sql_script, /):
        return self.cursor().executescript(sql_script)

    def commit(self):
        self._check()
        if _in_transaction(self._db):
            _exec(self._db, "COMMIT", ())

    def rollback(self):
        self._check()
        if _in_transaction(self._db):
            _exec(self._db, "ROLLBACK", ())

    def close(self):
        if self._db is not None:
            _close(self._db)
            self._db = None

    def create_function(self, name, narg, func, *, deterministic=False):
        self._check()
        _create_function(self._db, name, narg, func)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            self.commit()
        else:
            self.rollback()
        return False


Connection.__module__ = "sqlite3"


def connect(database, timeout=5.0, detect_types=0, isolation_level="", check_same_thread=True,
            factory=Connection, cached_statements=128, uri=False):
    return factory(database, timeout, detect_types, isolation_level, check_same_thread,
                   None, cached_statements, uri)


def complete_statement(statement):
    s = statement.rstrip()
    return s.endswith(";")


del _c
