//! `subprocess` and `socket` in evalx's sandbox: importing succeeds (as a script that imports them for an
//! optional feature expects), and every call that would start a process or reach the network raises a
//! `PermissionError` naming the sandbox, the way `os.system()` does; a host that wants the import itself
//! refused denies the module, and the import then says so.

mod support;

use evalx::ModulePolicy;
use support::run;

#[test]
fn process_and_network_calls_raise_permission_error() {
    let out = run(
        ModulePolicy::standard(),
        "import subprocess, socket\n\
         calls = [(subprocess.run, (['ls'],)), (subprocess.check_output, ('ls',)), (subprocess.Popen, (['ls'],)),\n\
         \x20        (subprocess.call, ('ls',)), (subprocess.getoutput, ('ls',)),\n\
         \x20        (socket.socket, ()), (socket.create_connection, (('example.com', 80),)),\n\
         \x20        (socket.getaddrinfo, ('example.com', 80)), (socket.gethostname, ())]\n\
         for f, a in calls:\n\
         \x20   try:\n\
         \x20       f(*a)\n\
         \x20   except PermissionError as e:\n\
         \x20       print(e)\n",
    );
    assert_eq!(
        out,
        "subprocess.run() is not available: evalx's sandbox runs no processes\n\
         subprocess.check_output() is not available: evalx's sandbox runs no processes\n\
         subprocess.Popen() is not available: evalx's sandbox runs no processes\n\
         subprocess.call() is not available: evalx's sandbox runs no processes\n\
         subprocess.getoutput() is not available: evalx's sandbox runs no processes\n\
         socket.socket() is not available: evalx's sandbox has no network\n\
         socket.create_connection() is not available: evalx's sandbox has no network\n\
         socket.getaddrinfo() is not available: evalx's sandbox has no network\n\
         socket.gethostname() is not available: evalx's sandbox has no network\n"
    );
}

#[test]
fn a_host_can_refuse_the_import_itself() {
    let out = run(
        ModulePolicy::standard().deny("subprocess").deny("socket"),
        "try:\n\
         \x20   import subprocess\n\
         except ImportError as e:\n\
         \x20   print('refused', 'policy' in str(e))\n\
         import socket\n",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "refused True", "{out}");
    assert!(
        lines[1].starts_with("!!! ImportError") && lines[1].contains("socket"),
        "{out}"
    );
}
