# sqlite3 over an in-memory database: the DB-API surface everyday scripts use.
import sqlite3

print(sqlite3.paramstyle, sqlite3.apilevel, sqlite3.threadsafety)
print(issubclass(sqlite3.IntegrityError, sqlite3.DatabaseError), issubclass(sqlite3.DatabaseError, sqlite3.Error))
print(issubclass(sqlite3.ProgrammingError, sqlite3.Error), issubclass(sqlite3.Error, Exception))

con = sqlite3.connect(":memory:")
cur = con.cursor()
print(cur.rowcount, cur.lastrowid, cur.description, cur.arraysize)
cur.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, age INTEGER, score REAL, pic BLOB)")
print(cur.description, cur.rowcount)
cur.execute("INSERT INTO people (name, age, score, pic) VALUES (?, ?, ?, ?)", ("ann", 31, 9.5, b"\x00\x01"))
print(cur.rowcount, cur.lastrowid, con.in_transaction)
cur.executemany("INSERT INTO people (name, age, score) VALUES (?, ?, ?)",
                [("bob", 25, 7.25), ("cy", None, 3.0), ("dee", 40, None)])
print(cur.rowcount, con.total_changes)
cur.execute("INSERT INTO people (name, age) VALUES (:name, :age)", {"name": "eve", "age": 22})
print(cur.lastrowid)
con.commit()
print(con.in_transaction)

cur.execute("SELECT id, name, age, score, pic FROM people ORDER BY id")
print([d[0] for d in cur.description], cur.rowcount)
print(cur.fetchone())
print(cur.fetchmany(2))
print(cur.fetchall())
print(cur.fetchone())
for row in con.execute("SELECT name, typeof(age) FROM people WHERE age > ? ORDER BY age DESC", (24,)):
    print(row)
print(con.execute("SELECT count(*), sum(age), avg(score), max(name) FROM people").fetchone())
print(con.execute("SELECT 1, 2.5, 'x', x'ff00', NULL, 10 / 4, 10 / 4.0").fetchone())
print(con.execute("SELECT ?", (2**62,)).fetchone(), con.execute("SELECT ?", (True,)).fetchone())

# Row
con.row_factory = sqlite3.Row
r = con.execute("SELECT name, age AS Years FROM people WHERE name = 'ann'").fetchone()
print(type(r).__name__, r["name"], r["years"], r[1], r.keys(), len(r), tuple(r))
try:
    r["nope"]
except IndexError as e:
    print("IndexError", e)
con.row_factory = lambda c, row: {d[0]: v for d, v in zip(c.description, row)}
print(con.execute("SELECT name, age FROM people WHERE id = 2").fetchone())
con.row_factory = None

# updates, deletes, rowcount
cur = con.execute("UPDATE people SET age = age + 1 WHERE age IS NOT NULL")
print("updated", cur.rowcount)
cur = con.execute("DELETE FROM people WHERE name = 'cy'")
print("deleted", cur.rowcount, con.in_transaction)
con.rollback()
print(con.execute("SELECT count(*) FROM people").fetchone(), con.in_transaction)

# errors, with SQLite's messages
def show(f):
    try:
        f()
    except sqlite3.Error as e:
        print(type(e).__name__, "|", e)

show(lambda: con.execute("INSERT INTO people (name) VALUES ('ann')"))
show(lambda: con.execute("INSERT INTO people (age) VALUES (3)"))
show(lambda: con.execute("SELECT * FROM missing"))
show(lambda: con.execute("SELEC 1"))
show(lambda: con.execute("SELECT nope FROM people"))
show(lambda: con.execute("SELECT ?, ?", (1,)))
show(lambda: con.execute("SELECT :a", {"b": 1}))
show(lambda: con.execute("SELECT 1; SELECT 2"))
show(lambda: con.execute("SELECT ?", ([1],)))
show(lambda: con.executemany("SELECT ?", [(1,)]))
con.rollback()

# executescript, context manager
con.executescript("""
    CREATE TABLE kv (k TEXT PRIMARY KEY, v);
    INSERT INTO kv VALUES ('a', 1);
    INSERT INTO kv VALUES ('b', 2);
""")
with con:
    con.execute("INSERT INTO kv VALUES ('c', 3)")
try:
    with con:
        con.execute("INSERT INTO kv VALUES ('d', 4)")
        con.execute("INSERT INTO kv VALUES ('a', 5)")
except sqlite3.IntegrityError as e:
    print("rolled back:", e)
print(con.execute("SELECT k, v FROM kv ORDER BY k").fetchall())

# create_function
con.create_function("double", 1, lambda x: None if x is None else x * 2)
con.create_function("joined", -1, lambda *a: "-".join(str(x) for x in a))
print(con.execute("SELECT double(v), joined(k, v, 'z') FROM kv ORDER BY k").fetchall())
def bad(x):
    return 1 / x
con.create_function("bad", 1, bad)
show(lambda: con.execute("SELECT bad(0)").fetchall())

# a recursive query
print(con.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT group_concat(i) FROM n").fetchone())

con.close()
show(lambda: con.execute("SELECT 1"))
show(lambda: cur.fetchone())
print(sqlite3.complete_statement("SELECT 1;"), sqlite3.complete_statement("SELECT 1"))
