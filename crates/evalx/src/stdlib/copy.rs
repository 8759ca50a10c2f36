//! `copy`: `copy`, `deepcopy` (with a memo that keeps shared and cyclic structure, and the
//! `__copy__`/`__deepcopy__` hooks) and `Error`.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{Instance, Kind, Value, no_user_hash};
use std::rc::Rc;

/// `_blank(cls)`: an instance of the user class `cls` with an empty `__dict__` and no `__init__` run
/// (what `copy` fills in; CPython gets it from `cls.__reduce_ex__`).
fn blank(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_blank", args, kw, 1, 1)?;
    match &args[0] {
        Value::Class(c) if c.kind == Kind::User => Ok(Value::Instance(Rc::new(Instance {
            class: c.clone(),
            dict: Instance::new_dict(c),
            hash: no_user_hash(),
            native: None,
        }))),
        other => Err(Exc::type_err(format!(
            "cannot pickle '{}' object",
            crate::builtins::type_name(other)
        ))),
    }
}

const SOURCE: &str = r#"
class Error(Exception):
    pass

error = Error

_ATOMIC = (type(None), int, float, bool, str, bytes, range, type, type(len),
           type(lambda: 0), type(Ellipsis), type(NotImplemented), frozenset)

def copy(x):
    cls = type(x)
    if cls in _ATOMIC or cls is tuple:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    c = getattr(cls, '__copy__', None)
    if c is not None:
        return c(x)
    new = _blank(cls)
    try:
        state = x.__dict__
    except AttributeError:
        state = {}
    for k, v in state.items():
        setattr(new, k, v)
    return new

def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _ATOMIC:
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        if d in memo:
            return memo[d]
        y = x
        for k, j in zip(x, items):
            if k is not j:
                y = tuple(items)
                break
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for a in x:
            y.add(deepcopy(a, memo))
    else:
        c = getattr(x, '__deepcopy__', None)
        if c is not None:
            y = c(memo)
        else:
            y = _blank(cls)
            memo[d] = y
            try:
                state = x.__dict__
            except AttributeError:
                state = {}
            for k, v in state.items():
                setattr(y, k, deepcopy(v, memo))
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y

def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "copy",
        "Generic (shallow and deep) copying operations.",
        &[("_blank", blank)],
        SOURCE,
    )
}
