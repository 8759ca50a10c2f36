//! `threading`, `queue` and `concurrent.futures` on evalx's green threads: a pool computes squares, a
//! producer/consumer pair hands items over a bounded queue, and a program whose threads wait for each
//! other forever gets a `RuntimeError` naming them instead of hanging. The host's virtual sleep makes a
//! one-hour `Timer` fire at once.
//!
//! Run with `cargo run -p evalx --example green_threads`.

use evalx::hostenv::Sleep;
use evalx::{Error, Interpreter, ModulePolicy};

const POOL_AND_QUEUE: &str = r#"
import queue, threading
from concurrent.futures import ThreadPoolExecutor

with ThreadPoolExecutor(max_workers=4) as ex:
    print("squares:", list(ex.map(lambda x: x * x, range(8))))

q = queue.Queue(maxsize=2)
got = []
def consume():
    while (item := q.get()) is not None:
        got.append(item)
c = threading.Thread(target=consume)
c.start()
for i in range(5):
    q.put(i)
q.put(None)
c.join()
print("consumed:", got)

t = threading.Timer(3600, print, args=("an hour later (virtually)",))
t.start()
t.join()
"#;

const DEADLOCK: &str = r#"
import threading
a, b = threading.Lock(), threading.Lock()
both = threading.Barrier(2)
def one():
    with a:
        both.wait()
        b.acquire()
def two():
    with b:
        both.wait()
        a.acquire()
t1 = threading.Thread(target=one, name="first", daemon=True)
t2 = threading.Thread(target=two, name="second", daemon=True)
t1.start(); t2.start()
t1.join()
"#;

fn main() {
    let mut py = Interpreter::new();
    py.set_module_policy(ModulePolicy::standard().sleep(Sleep::Virtual));
    if let Err(e) = py.run_file("pool.py", POOL_AND_QUEUE) {
        eprintln!("{}", e.render());
    }
    let mut py = Interpreter::new();
    match py.run_file("deadlock.py", DEADLOCK) {
        Err(Error::Exception(e)) => println!("{}", e.summary()),
        other => println!("unexpected: {other:?}"),
    }
}
