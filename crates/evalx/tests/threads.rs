//! Green threads under the host's control: deadlocks reported instead of hanging, the sandbox's limits
//! reaching every thread, virtual sleeps, daemon threads at the interpreter's end, and threads that block
//! inside generators. (What CPython prints for the same programs is checked by the program table's
//! `threading_*.py`.) Every scenario runs on a helper OS thread with a hard timeout, so a regression
//! that hangs fails the test instead of the suite.

use evalx::hostenv::Sleep;
use evalx::{Error, Interpreter, Limits, ModulePolicy};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Runs `f` on its own OS thread and returns its result, failing the test after `secs` seconds.
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .expect("the scenario finished in time (no hang)")
}

/// Runs `src` as a program; its output, and the error it ended with (rendered), if any.
fn run(src: &'static str, limits: Option<Limits>, virtual_sleep: bool) -> (String, Option<String>) {
    within(60, move || {
        let mut py = Interpreter::new_captured();
        if let Some(l) = limits {
            py.set_limits(l);
        }
        if virtual_sleep {
            py.set_module_policy(ModulePolicy::standard().sleep(Sleep::Virtual));
        }
        let r = py.run_file("prog.py", src);
        py.shutdown();
        let err = r.err().map(|e| match e {
            Error::Exception(x) => x.summary(),
            Error::Limit(m) => format!("limit: {m}"),
            other => other.to_string(),
        });
        (py.take_output(), err)
    })
}

#[test]
fn a_lock_taken_twice_by_the_only_thread_is_a_deadlock_error() {
    let (_, err) = run(
        "import threading\nl = threading.Lock()\nl.acquire()\nl.acquire()\n",
        None,
        false,
    );
    let err = err.expect("deadlock reported");
    assert!(err.starts_with("RuntimeError: deadlock:"), "{err}");
    assert!(
        err.contains("MainThread waits for a lock at prog.py:4"),
        "{err}"
    );
}

#[test]
fn two_threads_waiting_for_each_others_lock_are_named_in_the_report() {
    let src = "\
import threading
a, b = threading.Lock(), threading.Lock()
ready = threading.Barrier(2)
def one():
    with a:
        ready.wait()
        b.acquire()
def two():
    with b:
        ready.wait()
        a.acquire()
t1 = threading.Thread(target=one, name='first')
t2 = threading.Thread(target=two, name='second')
t1.start(); t2.start()
try:
    t1.join()
except RuntimeError as e:
    print('caught:', 'deadlock' in str(e), 'first waits for a lock at prog.py:7' in str(e),
          'second waits for a lock at prog.py:11' in str(e))
";
    let (out, err) = run(src, None, false);
    assert_eq!(out, "caught: True True True\n");
    // The two threads still wait at the program's end: waiting for them is the same deadlock.
    let err = err.expect("deadlock at exit");
    assert!(err.starts_with("RuntimeError: deadlock:"), "{err}");
}

#[test]
fn an_empty_queue_with_no_producer_is_a_deadlock_not_a_hang() {
    let (_, err) = run("import queue\nqueue.Queue().get()\n", None, false);
    assert!(err.expect("error").contains("deadlock"));
    // With a timeout it is just Empty, after the timeout.
    let (out, err) = run(
        "import queue\ntry:\n    queue.Queue().get(timeout=0.01)\nexcept queue.Empty:\n    print('empty')\n",
        None,
        false,
    );
    assert_eq!((out.as_str(), err), ("empty\n", None));
}

#[test]
fn a_worker_left_waiting_is_waited_for_at_exit_unless_it_is_a_daemon() {
    let worker = "\
import threading, queue
q = queue.Queue()
def work():
    try:
        while True:
            q.get()
    finally:
        print('finally ran')
t = threading.Thread(target=work, daemon=DAEMON)
t.start()
q.put(1)
print('main done')
";
    // Not a daemon: CPython would wait forever at exit; evalx reports it.
    let src: &'static str = Box::leak(worker.replace("DAEMON", "False").into_boxed_str());
    let (out, err) = run(src, None, false);
    assert_eq!(out, "main done\n");
    assert!(err.expect("deadlock at exit").contains("deadlock"));
    // A daemon: the program ends; the thread stops with it (no `finally`, as CPython's daemons).
    let src: &'static str = Box::leak(worker.replace("DAEMON", "True").into_boxed_str());
    let (out, err) = run(src, None, false);
    assert_eq!((out.as_str(), err), ("main done\n", None));
}

#[test]
fn the_instruction_budget_stops_a_busy_thread() {
    let src = "\
import threading
def spin():
    while True:
        pass
t = threading.Thread(target=spin)
t.start()
t.join()
";
    let limits = Limits {
        instructions: Some(2_000_000),
        ..Limits::default()
    };
    let (_, err) = run(src, Some(limits), false);
    assert!(err.expect("limit").starts_with("limit: instruction budget"));
}

#[test]
fn the_deadline_stops_sleeping_threads() {
    let src = "\
import threading, time
ts = [threading.Thread(target=time.sleep, args=(30,)) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
";
    let start = Instant::now();
    let limits = Limits {
        deadline: Some(Instant::now() + Duration::from_millis(200)),
        ..Limits::default()
    };
    let (_, err) = run(src, Some(limits), false);
    assert!(err.expect("limit").contains("deadline"));
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn virtual_sleep_moves_the_clock_for_timers_and_timeouts() {
    let src = "\
import threading, time
t0 = time.monotonic()
fired = []
tm = threading.Timer(3600, fired.append, args=['hour'])
tm.start()
ev = threading.Event()
print(ev.wait(60))
tm.join()
print(fired, round(time.monotonic() - t0))
";
    let start = Instant::now();
    let (out, err) = run(src, None, true);
    assert_eq!((out.as_str(), err), ("False\n['hour'] 3600\n", None));
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn threads_past_the_stack_budget_cannot_start() {
    let src = "\
import threading
ev = threading.Event()
ts = []
try:
    for i in range(10000):
        t = threading.Thread(target=ev.wait)
        t.start()
        ts.append(t)
except RuntimeError as e:
    print(str(e).startswith(\"can't start new thread\"), len(ts) < 10000)
ev.set()
for t in ts:
    t.join()
print('joined', len(ts) > 0)
";
    let limits = Limits {
        max_memory: Some(4 << 20),
        ..Limits::default()
    };
    let (out, err) = run(src, Some(limits), false);
    assert_eq!((out.as_str(), err), ("True True\njoined True\n", None));
}

#[test]
fn deep_recursion_in_a_thread_is_a_recursion_error() {
    let src = "\
import threading, sys
sys.setrecursionlimit(100000)
def down(n):
    return down(n + 1)
def run():
    try:
        down(0)
    except RecursionError:
        print('RecursionError in thread')
t = threading.Thread(target=run)
t.start()
t.join()
";
    let (out, err) = run(src, None, false);
    assert_eq!((out.as_str(), err), ("RecursionError in thread\n", None));
}

#[test]
fn a_thread_can_block_inside_a_generator() {
    let src = "\
import threading, queue
q = queue.Queue()
def items():
    while True:
        x = q.get()
        if x is None:
            return
        yield x * 2
got = []
def consume():
    for v in items():
        got.append(v)
t = threading.Thread(target=consume)
t.start()
for i in range(5):
    q.put(i)
q.put(None)
t.join()
print(got)
# A generator made in one thread and advanced in another.
g = (i * i for i in range(4))
print(next(g))
out = []
t = threading.Thread(target=lambda: out.extend(g))
t.start(); t.join()
print(out)
";
    let (out, err) = run(src, None, false);
    assert_eq!(
        (out.as_str(), err),
        ("[0, 2, 4, 6, 8]\n0\n[1, 4, 9]\n", None)
    );
}

#[test]
fn a_daemon_thread_started_by_one_exec_runs_on_in_the_next() {
    let out = within(60, || {
        let mut py = Interpreter::new_captured();
        py.exec(
            "import threading, queue\nq = queue.Queue()\nres = []\n\
             def serve():\n    while True:\n        res.append(q.get() + 1)\n\
             threading.Thread(target=serve, daemon=True).start()\n",
            None,
            None,
        )
        .expect("first run");
        py.exec(
            "q.put(41)\nimport time\ntime.sleep(0)\nprint(res)\n",
            None,
            None,
        )
        .expect("second run");
        py.shutdown();
        py.take_output()
    });
    assert_eq!(out, "[42]\n");
}

#[test]
fn the_default_excepthook_reports_like_cpython() {
    let src = "\
import io, sys, threading
sys.stderr = buf = io.StringIO()
def boom():
    raise ValueError('bad')
t = threading.Thread(target=boom, name='w')
t.start(); t.join()
sys.stderr = sys.__stderr__
lines = buf.getvalue().splitlines()
print(lines[0]); print(lines[1]); print(lines[-1])
print(any('line 4, in boom' in l for l in lines))
";
    let (out, err) = run(src, None, false);
    assert_eq!(
        (out.as_str(), err),
        (
            "Exception in thread w:\nTraceback (most recent call last):\nValueError: bad\nTrue\n",
            None
        )
    );
}

#[test]
fn a_pool_outlives_the_run_that_stopped_its_idle_workers() {
    let out = within(60, || {
        let mut py = Interpreter::new_captured();
        py.exec(
            "from concurrent.futures import ThreadPoolExecutor\nex = ThreadPoolExecutor(2)\n\
             print(ex.submit(pow, 2, 8).result())\n",
            None,
            None,
        )
        .expect("first run");
        // The first run's end stopped the idle workers (as CPython's exit does); the pool takes work again.
        py.exec(
            "print(sorted(ex.map(abs, [-3, -1, -2])))\nimport threading\nprint(threading.active_count())\n",
            None,
            None,
        )
        .expect("second run");
        py.exec(
            "ex.shutdown()\nprint(threading.active_count())\n",
            None,
            None,
        )
        .expect("third run");
        py.shutdown();
        py.take_output()
    });
    assert_eq!(out, "256\n[1, 2, 3]\n3\n1\n");
}

#[test]
fn a_new_threads_first_print_lets_its_starter_go_on_first() {
    // CPython's usual order (its GIL passes to the starter while the new thread writes to stdout); a
    // thread that computes first runs on before the starter, as in CPython.
    let src = "\
import threading
log = []
def talk():
    print('thread line')
def work():
    log.append('thread')
t = threading.Thread(target=talk)
t.start()
print('main line')
t.join()
u = threading.Thread(target=work)
u.start()
log.append('main')
u.join()
print(log)
";
    let (out, err) = run(src, None, false);
    assert_eq!(
        (out.as_str(), err),
        ("main line\nthread line\n['thread', 'main']\n", None)
    );
}

/// Runs `src` with a folder holding `files` granted for imports.
fn run_with_modules(src: &'static str, files: &'static [(&'static str, &'static str)]) -> String {
    within(60, move || {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("module written");
        }
        let mut py = Interpreter::new_captured();
        py.set_module_policy(
            ModulePolicy::standard()
                .sleep(Sleep::Virtual)
                .with_path(dir.path()),
        );
        let r = py.run_file("prog.py", src);
        py.shutdown();
        assert!(r.is_ok(), "the program ran: {r:?}");
        py.take_output()
    })
}

#[test]
fn a_module_imported_by_two_threads_at_once_runs_once_and_both_see_it_whole() {
    let out = run_with_modules(
        "import sys, threading\nseen = []\ndef worker(tag):\n    import slowmod\n    \
         seen.append((tag, slowmod.first, getattr(slowmod, 'second', 'MISSING')))\n\
         threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]\n\
         for t in threads:\n    t.start()\nfor t in threads:\n    t.join()\n\
         print(sorted(seen))\nprint('slowmod' in sys.modules)\n",
        &[(
            "slowmod.py",
            "import time\nfirst = 1\ntime.sleep(0.05)\nsecond = 2\nprint('slowmod body ran')\n",
        )],
    );
    // What CPython 3.11 prints for the same program and module.
    assert_eq!(
        out,
        "slowmod body ran\n[(0, 1, 2), (1, 1, 2), (2, 1, 2)]\nTrue\n"
    );
}

#[test]
fn two_threads_importing_modules_that_import_each_other_do_not_deadlock() {
    let out = run_with_modules(
        "import threading\nout = []\ndef a():\n    import moda\n    out.append('a')\n\
         def b():\n    import modb\n    out.append('b')\n\
         ts = [threading.Thread(target=a), threading.Thread(target=b)]\n\
         for t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint(sorted(out))\n",
        &[
            (
                "moda.py",
                "import time\nimport modb\ntime.sleep(0.02)\nA = 1\n",
            ),
            (
                "modb.py",
                "import time\ntime.sleep(0.01)\nimport moda\nB = 2\n",
            ),
        ],
    );
    assert_eq!(out, "['a', 'b']\n");
}
