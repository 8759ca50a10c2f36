//! More modules written in Python: like `pure`, each module's source in `py/` (written for evalx) is
//! compiled into the binary and run in a fresh module namespace on first import. File access in them
//! (`shutil`, `zipfile`, `linecache`, `tarfile`, `tokenize.open`) goes through evalx's `os` and `open()`,
//! so the host's file policy decides every path.

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
    shutil: "shutil", "shutil.py", "Copying, moving and deleting files and folder trees, and zip archives, over the host's file policy.";
    zipfile: "zipfile", "zipfile.py", "ZIP archives: reading and writing stored or deflated members, in memory or in granted files.";
    configparser: "configparser", "configparser.py", "INI-style configuration: sections of options, interpolation, and the mapping protocol.";
    getopt: "getopt", "getopt.py", "Unix-style command-line option parsing: getopt and gnu_getopt.";
    linecache: "linecache", "linecache.py", "Lines of text files by number, read once and cached.";
    copyreg: "copyreg", "copyreg.py", "The registry of reduction functions that copy and pickle consult.";
    html_parser: "html.parser", "html_parser.py", "HTMLParser: a tokenizer for HTML that calls a handler method for each tag, text run and comment.";
    ipaddress: "ipaddress", "ipaddress.py", "IPv4 and IPv6 addresses, networks and interfaces.";
    platform: "platform", "platform.py", "A fixed, sandbox-safe identity of the platform evalx runs on.";
    locale: "locale", "locale.py", "Locale support (the fixed C locale, UTF-8).";
    stat: "stat", "stat.py", "Constants and functions that interpret os.stat() results: file types, permission bits, filemode.";
    optparse: "optparse", "optparse.py", "The classic command-line option parser: OptionParser, Option, OptionGroup, Values.";
    sched: "sched", "sched.py", "An event scheduler: timed calls run in order of time, then priority.";
    cmd: "cmd", "cmd.py", "Cmd: a base class for line-oriented command interpreters.";
    fileinput: "fileinput", "fileinput.py", "The lines of several files (or stdin) read as one stream.";
    filecmp: "filecmp", "filecmp.py", "Comparing files and folders: cmp, cmpfiles, dircmp.";
    xml: "xml", "xml_pkg.py", "The XML package (evalx has xml.etree.ElementTree).";
    xml_etree: "xml.etree", "xml_etree_pkg.py", "The element tree package.";
    xml_etree_element_tree: "xml.etree.ElementTree", "xml_etree_ElementTree.py", "The element tree: building, parsing, searching and serializing XML.";
    token: "token", "token.py", "The token type numbers of Python's tokenizer and their names.";
    tarfile: "tarfile", "tarfile.py", "Tar archives (ustar, GNU and pax formats, plain or gzip-compressed): reading, writing, appending, extracting over the host's file policy.";
    subprocess: "subprocess", "subprocess.py", "Processes: evalx's sandbox runs none, so every call that would start one raises PermissionError; the constants, exceptions and CompletedProcess are CPython's.";
    socket: "socket", "socket.py", "Sockets: evalx's sandbox has no network, so every operation that would reach it raises PermissionError; the constants, exceptions and address conversions are CPython's.";
    signal: "signal", "signal.py", "Signal handlers: CPython's names, numbers and checks; raise_signal() runs the installed handler at once, and no signal arrives from outside evalx's sandbox.";
    getpass: "getpass", "getpass.py", "getpass() (no terminal to control: CPython's echoing fallback over sys.stdin) and getuser() from the host's environment.";
    tokenize: "tokenize", "tokenize.py", "Python source split into tokens: comments, newlines, indentation, operators with their exact types.";
}
