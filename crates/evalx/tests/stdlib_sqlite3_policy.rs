//! `sqlite3` under the host's file policy and Limits: a database file opens only inside a granted
//! mount (read-only mounts open it read-only), SQL cannot reach other files (`ATTACH`, `VACUUM INTO`),
//! and a runaway query stops at the deadline.

mod support;

use evalx::vfs::MountMode;
use evalx::{Error, Interpreter, Limits, ModulePolicy};
use std::time::{Duration, Instant};
use support::run;

#[test]
fn files_open_only_inside_granted_mounts() {
    let rw = support::temp_dir("sqlite3-rw");
    let outside = support::temp_dir("sqlite3-outside");
    let policy = ModulePolicy::standard()
        .mount("/rw", &rw, MountMode::ReadWrite)
        .expect("mount")
        .mount("/ro", &rw, MountMode::ReadOnly)
        .expect("mount");
    let src = format!(
        "import sqlite3\n\
         con = sqlite3.connect('/rw/t.db')\n\
         with con:\n\
         \x20   con.execute('CREATE TABLE t (x)')\n\
         \x20   con.executemany('INSERT INTO t VALUES (?)', [(1,), (2,)])\n\
         con.close()\n\
         ro = sqlite3.connect('/ro/t.db')\n\
         print(ro.execute('SELECT sum(x) FROM t').fetchone())\n\
         for sql in ('INSERT INTO t VALUES (3)', \"ATTACH DATABASE '{o}/a.db' AS a\", \"VACUUM INTO '{o}/b.db'\"):\n\
         \x20   try:\n\
         \x20       (ro if sql.startswith('INSERT') else sqlite3.connect(':memory:')).execute(sql)\n\
         \x20   except sqlite3.OperationalError as e:\n\
         \x20       print('OperationalError', e)\n\
         for path in ('/ro/new.db', '{o}/c.db', 'file:{o}/d.db?mode=rwc', '/etc/passwd'):\n\
         \x20   try:\n\
         \x20       sqlite3.connect(path).execute('CREATE TABLE t (x)')\n\
         \x20   except sqlite3.Error as e:\n\
         \x20       print(type(e).__name__, e)\n",
        o = outside.display()
    );
    let out = run(policy, &src);
    assert_eq!(
        out,
        "(3,)\n\
         OperationalError attempt to write a readonly database\n\
         OperationalError too many attached databases - max 0\n\
         OperationalError too many attached databases - max 0\n\
         OperationalError unable to open database file\n\
         OperationalError unable to open database file\n\
         OperationalError unable to open database file\n\
         OperationalError unable to open database file\n"
    );
    assert!(std::fs::read_dir(&outside).expect("dir").next().is_none());
    assert!(rw.join("t.db").is_file());
}

#[test]
fn a_runaway_query_stops_at_the_deadline() {
    for src in [
        "import sqlite3\n\
         sqlite3.connect(':memory:').execute('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n')\n",
        // A user function called from the query: the deadline meets it in Python code.
        "import sqlite3\n\
         con = sqlite3.connect(':memory:')\n\
         con.create_function('f', 1, lambda x: sum(range(1000)))\n\
         con.execute('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(f(i)) FROM n')\n",
        // The deadline is not an exception a program can catch.
        "import sqlite3\n\
         con = sqlite3.connect(':memory:')\n\
         while True:\n\
         \x20   try:\n\
         \x20       con.executescript('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n;')\n\
         \x20   except Exception:\n\
         \x20       pass\n",
    ] {
        let mut py = Interpreter::new_captured();
        py.set_limits(Limits {
            deadline: Some(Instant::now() + Duration::from_millis(300)),
            ..Limits::default()
        });
        let start = Instant::now();
        let r = py.exec(src, None, None);
        assert!(matches!(r, Err(Error::Limit(_))), "{src}: {r:?}");
        assert!(start.elapsed() < Duration::from_secs(5), "{src}");
    }
}

#[test]
fn a_query_counts_against_the_instruction_budget() {
    let mut py = Interpreter::new_captured();
    py.set_limits(Limits {
        instructions: Some(1_000_000),
        deadline: Some(Instant::now() + Duration::from_secs(60)),
        ..Limits::default()
    });
    let start = Instant::now();
    let r = py.exec(
        "import sqlite3\n\
         sqlite3.connect(':memory:').execute('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n')\n",
        None,
        None,
    );
    assert!(matches!(r, Err(Error::Limit(_))), "{r:?}");
    assert!(start.elapsed() < Duration::from_secs(30));
}
