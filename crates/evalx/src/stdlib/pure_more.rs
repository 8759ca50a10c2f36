//! More modules written in Python (session 7): like `pure`, each module's source in `py/` (written for
//! evalx) is compiled into the binary and run in a fresh module namespace on first import. File access
//! in them (`shutil`, `zipfile`, `linecache`) goes through evalx's `os` and `open()`, so the host's file
//! policy decides every path.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

macro_rules! py_modules {
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

py_modules! {
    shutil: "shutil", "shutil.py", "Utility functions for copying and archiving files and directory trees.";
    zipfile: "zipfile", "zipfile.py", "Read and write ZIP files.";
    configparser: "configparser", "configparser.py", "Configuration file parser.";
    getopt: "getopt", "getopt.py", "Parser for command line options.";
    linecache: "linecache", "linecache.py", "Cache lines from Python source files.";
    copyreg: "copyreg", "copyreg.py", "Helper to provide extensibility for pickle.";
    html_parser: "html.parser", "html_parser.py", "A parser for HTML and XHTML.";
    ipaddress: "ipaddress", "ipaddress.py", "A fast, lightweight IPv4/IPv6 manipulation library in Python.";
    platform: "platform", "platform.py", "A fixed, sandbox-safe identity of the platform evalx runs on.";
    locale: "locale", "locale.py", "Locale support (the fixed C locale, UTF-8).";
}
