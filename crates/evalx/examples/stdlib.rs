//! A script that imports the standard library the way everyday programs do — `collections`, `heapq`,
//! `itertools`, `functools`, `random` with a seed, `json`, `re`, `textwrap`, `pprint`, `csv`, `datetime`,
//! `decimal`, `hashlib`, `array` — run by evalx; it prints what CPython 3.11
//! prints for it (the seeded numbers included). The registry's module names are listed first: the list a
//! host's import allow-list chooses from.
//!
//! Run with `cargo run -p evalx --example stdlib`.

use evalx::Interpreter;

const PROGRAM: &str = r#"
from collections import Counter, deque, defaultdict
from functools import lru_cache
import heapq, itertools, json, random

words = "the quick brown fox jumps over the lazy dog the end".split()
print(Counter(words).most_common(2))

graph = defaultdict(list)
for a, b in [(1, 2), (1, 3), (2, 4), (3, 4), (4, 5)]:
    graph[a].append(b)
seen, queue = {1}, deque([1])
while queue:
    node = queue.popleft()
    for nxt in graph[node]:
        if nxt not in seen:
            seen.add(nxt)
            queue.append(nxt)
print(sorted(seen))

print(heapq.nsmallest(3, [7, 2, 9, 4, 1]), list(itertools.combinations("abc", 2)))

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(90))

random.seed(2024)
print(random.randint(1, 6), random.choice(words), round(random.random(), 6))
print(json.dumps({"words": len(words), "first": words[0]}, indent=2, sort_keys=True))

import re, textwrap, pprint
log = "2024-03-01 ERROR disk full; 2024-03-02 INFO ok; 2024-03-05 ERROR fan"
errors = [m.groupdict() for m in re.finditer(r"(?P<day>\d{4}-\d\d-\d\d) ERROR (?P<what>\w+)", log)]
print(re.sub(r"(\d{4})-(\d\d)-(\d\d)", r"\3.\2.\1", log))
print(textwrap.fill("evalx runs everyday Python programs, standard library included, " * 2, width=40))
pprint.pprint({"errors": errors, "count": len(errors)}, width=50)

import csv, io, hashlib
from array import array
from datetime import date, timedelta
from decimal import Decimal
rows = list(csv.DictReader(io.StringIO("item,price,qty\nwidget,2.50,4\ngadget,10.05,1\n")))
total = sum(Decimal(r["price"]) * int(r["qty"]) for r in rows)
due = date(2024, 2, 20) + timedelta(days=14)
print(f"total {total} due {due:%A %d %B %Y}", hashlib.sha256(str(total).encode()).hexdigest()[:12])
samples = array("d", [0.0]) * 4
for i in range(4):
    samples[i] = i * 0.25
print(samples, sum(samples))
"#;

fn main() {
    println!(
        "modules: {}",
        evalx::stdlib::names().collect::<Vec<_>>().join(", ")
    );
    let mut py = Interpreter::new();
    if let Err(e) = py.run_file("stdlib_demo.py", PROGRAM) {
        eprintln!("{}", e.render());
        std::process::exit(1);
    }
}
