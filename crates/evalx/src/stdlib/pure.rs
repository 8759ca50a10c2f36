//! The modules written in Python: their source (in `py/`, written for evalx) is compiled into the binary
//! and run in a fresh module namespace on first import, like the Python-level part of the native
//! modules (`module_from`). Each gets a `build` function here for `MODULES`.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

macro_rules! pure_modules {
    ($($build:ident: $name:literal, $file:literal, $doc:literal;)*) => {
        $(
            pub(crate) fn $build(it: &mut Interp) -> PyResult<Value> {
                let m = super::module_from(it, $name, $doc, &[], include_str!(concat!("py/", $file)))?;
                super::bind_submodule(it, $name, &m)?;
                Ok(m)
            }
        )*
    };
}

pure_modules! {
    numbers: "numbers", "numbers.py", "Abstract Base Classes (ABCs) for numbers, according to PEP 3141.";
    fractions: "fractions", "fractions.py", "Fraction, infinite-precision, rational numbers.";
    statistics: "statistics", "statistics.py", "Basic statistics module.";
    struct_: "struct", "struct.py", "Functions to convert between Python values and C structs.";
    warnings: "warnings", "warnings.py", "Python part of the warnings subsystem.";
    keyword: "keyword", "keyword.py", "Keywords (from \"Grammar/python.gram\")";
    errno: "errno", "errno.py", "This module makes available standard errno system symbols.";
    html: "html", "html.py", "General functions for HTML manipulation.";
    html_entities: "html.entities", "html_entities.py", "HTML character entity references.";
    shlex: "shlex", "shlex.py", "A lexical analyzer class for simple shell-like syntaxes.";
    graphlib: "graphlib", "graphlib.py", "Topological sorting of graphs of hashable nodes.";
    reprlib: "reprlib", "reprlib.py", "Redo the builtin repr() (representation) but with limits on most sizes.";
    gc: "gc", "gc.py", "This module provides access to the garbage collector for reference cycles.";
    calendar: "calendar", "calendar.py", "Calendar printing functions";
    difflib: "difflib", "difflib.py", "Module difflib -- helpers for computing deltas between objects.";
    urllib: "urllib", "urllib.py", "";
    urllib_parse: "urllib.parse", "urllib_parse.py", "Parse (absolute and relative) URLs.";
    argparse: "argparse", "argparse.py", "Command-line parsing library";
    queue: "queue", "queue.py", "A multi-producer, multi-consumer queue.";
    pickle: "pickle", "pickle.py", "Create portable serialized representations of Python objects.";
    tempfile: "tempfile", "tempfile.py", "Temporary files.";
    atexit: "atexit", "atexit.py", "allow programmer to define multiple exit functions to be executed upon normal program termination.";
    // s6-stdlib2.
    unittest: "unittest", "unittest.py", "Unit testing framework: test cases, suites, loaders and a text runner.";
    uuid: "uuid", "uuid.py", "Universally unique identifiers (RFC 4122): the UUID class and uuid1/uuid3/uuid4/uuid5.";
    timeit: "timeit", "timeit.py", "Times small pieces of Python code: Timer, timeit, repeat.";
    secrets: "secrets", "secrets.py", "Random tokens, choices and a constant-time comparison for secrets.";
    gzip: "gzip", "gzip.py", "gzip compression and decompression of bytes in memory.";
    hmac: "hmac", "hmac.py", "HMAC (Keyed-Hashing for Message Authentication) module.";
    colorsys: "colorsys", "colorsys.py", "Conversions between RGB and the YIQ, HLS and HSV colour systems.";
    contextvars: "contextvars", "contextvars.py", "Context variables (PEP 567): ContextVar, Token, Context, copy_context.";
}
