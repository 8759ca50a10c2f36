# evalx's getopt: C-style command-line option parsing (getopt, gnu_getopt, GetoptError), written for
# evalx after CPython 3.11's documented behaviour and error texts.
import os

__all__ = ["GetoptError", "error", "getopt", "gnu_getopt"]


class GetoptError(Exception):
    opt = ""
    msg = ""

    def __init__(self, msg, opt=""):
        self.msg = msg
        self.opt = opt
        Exception.__init__(self, msg, opt)

    def __str__(self):
        return self.msg


error = GetoptError


def getopt(args, shortopts, longopts=[]):
    """Splits `args` into ([(option, value), ...], the arguments left) in the Unix getopt(3) way: options end
    at the first argument that is not one."""
    opts = []
    if isinstance(longopts, str):
        longopts = [longopts]
    else:
        longopts = list(longopts)
    args = list(args)
    while args and args[0].startswith("-") and args[0] != "-":
        if args[0] == "--":
            args = args[1:]
            break
        if args[0].startswith("--"):
            opts, args = _long(opts, args[0][2:], longopts, args[1:])
        else:
            opts, args = _short(opts, args[0][1:], shortopts, args[1:])
    return opts, args


def gnu_getopt(args, shortopts, longopts=[]):
    """getopt() where options may follow other arguments (GNU style); a leading '+' in shortopts, or
    POSIXLY_CORRECT in the environment, stops at the first non-option instead."""
    opts = []
    prog_args = []
    if isinstance(longopts, str):
        longopts = [longopts]
    else:
        longopts = list(longopts)
    if shortopts.startswith("+"):
        shortopts = shortopts[1:]
        all_options_first = True
    elif os.environ.get("POSIXLY_CORRECT"):
        all_options_first = True
    else:
        all_options_first = False
    args = list(args)
    while args:
        if args[0] == "--":
            prog_args += args[1:]
            break
        if args[0][:2] == "--":
            opts, args = _long(opts, args[0][2:], longopts, args[1:])
        elif args[0][:1] == "-" and args[0] != "-":
            opts, args = _short(opts, args[0][1:], shortopts, args[1:])
        else:
            if all_options_first:
                prog_args += args
                break
            prog_args.append(args[0])
            args = args[1:]
    return opts, prog_args


def _long(opts, opt, longopts, args):
    eq = opt.find("=")
    if eq >= 0:
        opt, optarg = opt[:eq], opt[eq + 1:]
    else:
        optarg = None
    has_arg, opt = _long_match(opt, longopts)
    if has_arg:
        if optarg is None:
            if not args:
                raise GetoptError("option --%s requires argument" % opt, opt)
            optarg, args = args[0], args[1:]
    elif optarg is not None:
        raise GetoptError("option --%s must not have an argument" % opt, opt)
    opts.append(("--" + opt, optarg or ""))
    return opts, args


def _long_match(opt, longopts):
    """Whether the long option `opt` (possibly an unambiguous prefix) takes an argument, and its full
    name."""
    candidates = [o for o in longopts if o.startswith(opt)]
    if not candidates:
        raise GetoptError("option --%s not recognized" % opt, opt)
    if opt in candidates:
        return False, opt
    if opt + "=" in candidates:
        return True, opt
    if len(candidates) > 1:
        raise GetoptError("option --%s not a unique prefix" % opt, opt)
    full = candidates[0]
    if full.endswith("="):
        return True, full[:-1]
    return False, full


def _short(opts, optstring, shortopts, args):
    while optstring != "":
        opt, optstring = optstring[0], optstring[1:]
        if _short_has_arg(opt, shortopts):
            if optstring == "":
                if not args:
                    raise GetoptError("option -%s requires argument" % opt, opt)
                optstring, args = args[0], args[1:]
            optarg, optstring = optstring, ""
        else:
            optarg = ""
        opts.append(("-" + opt, optarg))
    return opts, args


def _short_has_arg(opt, shortopts):
    for i in range(len(shortopts)):
        if opt == shortopts[i] != ":":
            return shortopts.startswith(":", i + 1)
    raise GetoptError("option -%s not recognized" % opt, opt)
