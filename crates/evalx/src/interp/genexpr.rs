//! Generator expressions passed straight to a consumer (`list(...)`, `tuple(...)`, `set(...)`,
//! `frozenset(...)`, `any(...)`, `all(...)`, `sum(...)`, `min(...)`, `max(...)`): the expression's frame
//! runs on the caller's stack, and each `yield` hands its item to the consumer at once instead of
//! suspending a coroutine.
//!
//! What a program sees is unchanged: the items are computed and consumed one at a time in the same order
//! (a set hashes each item as it arrives, `any`/`all` stop at the deciding item and leave the rest
//! unevaluated), an error raised inside keeps the `<genexpr>` frame in its traceback, and a `StopIteration`
//! escaping the expression becomes `RuntimeError`, as from a generator. An error of the consumer itself (an
//! unhashable item for `set`, an item `sum` cannot add) stops the expression and is raised in the caller,
//! without a `<genexpr>` traceback entry, as CPython raises it from the consumer. The generator object itself is
//! never made, so nothing can observe that it was skipped. Not used while the debugger traces.

use super::*;

/// Which consumer takes the items.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SinkKind {
    List,
    Tuple,
    Set,
    FrozenSet,
    Any,
    All,
    /// `sum(...)`: each item is added to the running total as it arrives (as `sum` adds what `next` gives).
    Sum,
    /// `min(...)`/`max(...)`: the items are gathered, then compared as `min`/`max` of a list.
    Min,
    Max,
}

/// The consumer of one generator expression being run in place.
pub(crate) struct GenSink {
    /// The generator expression's frame: only its own `yield`s feed this sink.
    pub(crate) frame: *const Frame,
    kind: SinkKind,
    items: Vec<Value>,
    /// `set(...)`/`frozenset(...)`: the set's own table, filled as items arrive (hashed once each).
    set: Option<crate::settable::SetItems>,
    /// `any`/`all`: the answer, once an item decided it.
    verdict: Option<bool>,
    /// `sum`: the running total.
    acc: Value,
    /// The consumer's own error, raised in the caller once the expression's frame is gone.
    failed: Option<Box<Exc>>,
}

/// The message of the uncatchable error that stops a generator expression once `any`/`all` has its answer.
pub(crate) const DECIDED_MARK: &str = "\u{0}evalx: generator expression consumer decided";

impl Interp {
    /// The consumer `f` is, when it is one that takes a generator expression's items in place.
    #[inline]
    pub(crate) fn sink_kind(&self, f: &Value) -> Option<SinkKind> {
        #[cfg(not(feature = "untraced"))]
        if self.tracing {
            return None;
        }
        match f {
            Value::Class(c) if Rc::ptr_eq(c, &self.types.list) => Some(SinkKind::List),
            Value::Class(c) if Rc::ptr_eq(c, &self.types.tuple) => Some(SinkKind::Tuple),
            Value::Class(c) if Rc::ptr_eq(c, &self.types.set) => Some(SinkKind::Set),
            Value::Class(c) if Rc::ptr_eq(c, &self.types.frozenset) => Some(SinkKind::FrozenSet),
            Value::Builtin(b)
                if b.this.is_none() && b.name == "any" && self.is_builtin(f, "any") =>
            {
                Some(SinkKind::Any)
            }
            Value::Builtin(b)
                if b.this.is_none() && b.name == "all" && self.is_builtin(f, "all") =>
            {
                Some(SinkKind::All)
            }
            Value::Builtin(b)
                if b.this.is_none() && b.name == "sum" && self.is_builtin(f, "sum") =>
            {
                Some(SinkKind::Sum)
            }
            Value::Builtin(b)
                if b.this.is_none() && b.name == "min" && self.is_builtin(f, "min") =>
            {
                Some(SinkKind::Min)
            }
            Value::Builtin(b)
                if b.this.is_none() && b.name == "max" && self.is_builtin(f, "max") =>
            {
                Some(SinkKind::Max)
            }
            _ => None,
        }
    }

    /// True when `f` is the object the builtins namespace holds under `name`.
    fn is_builtin(&self, f: &Value, name: &str) -> bool {
        matches!(self.builtins.borrow().get_str(name), Some(v) if v.is(f))
    }

    /// Runs the generator expression `def` (over `outer`) into the consumer `kind` and returns its result.
    pub(crate) fn consume_genexpr(
        &mut self,
        kind: SinkKind,
        def: &FnDef,
        outer: &Ex,
        fr: &mut Frame,
    ) -> PyResult<Value> {
        let mut frame = self.comp_frame(def, outer, fr)?;
        let sink = Box::new(GenSink {
            frame: &frame as *const Frame,
            kind,
            items: Vec::new(),
            set: matches!(kind, SinkKind::Set | SinkKind::FrozenSet)
                .then(crate::settable::SetItems::default),
            verdict: None,
            acc: Value::Int(0),
            failed: None,
        });
        let outer_sink = self.sink.replace(sink);
        let r = self.run_function_frame_ref(&mut frame);
        let sink = std::mem::replace(&mut self.sink, outer_sink);
        self.give_vec(std::mem::take(&mut frame.slots));
        let Some(sink) = sink else {
            return Err(Exc::new(
                "SystemError",
                "generator expression consumer lost",
            ));
        };
        let mut sink = sink;
        if let Some(e) = sink.failed.take() {
            crate::teardown::release(std::mem::take(&mut sink.items).into_iter());
            return Err(e);
        }
        match r {
            Ok(_) => {}
            Err(e) if matches!(&e.kind, ExcKind::Limit(m) if m == DECIDED_MARK) => {}
            Err(e) => {
                // What the consumer had collected when a limit (or an exception) stopped it: a big partial
                // result is freed a chunk at a time under a deadline, not between the limit and the host.
                crate::teardown::release(std::mem::take(&mut sink.items).into_iter());
                let cls = self.exc_class(&e);
                if cls.is_subclass(&self.types.exc["StopIteration"]) {
                    return Err(Exc::new("RuntimeError", "generator raised StopIteration"));
                }
                return Err(e);
            }
        }
        let GenSink {
            kind,
            items,
            set,
            verdict,
            acc,
            ..
        } = *sink;
        Ok(match kind {
            SinkKind::List => Value::list(items),
            SinkKind::Tuple => Value::tuple(items),
            SinkKind::Set | SinkKind::FrozenSet => Value::Set(Rc::new(SetObj {
                items: set.unwrap_or_default(),
                frozen: kind == SinkKind::FrozenSet,
            })),
            SinkKind::Any => Value::bool(verdict.unwrap_or(false)),
            SinkKind::All => Value::bool(verdict.unwrap_or(true)),
            SinkKind::Sum => acc,
            SinkKind::Min | SinkKind::Max => {
                let want_max = kind == SinkKind::Max;
                let name = if want_max { "max" } else { "min" };
                crate::builtins::minmax(self, &[Value::list(items)], &[], name, want_max)?
            }
        })
    }

    /// A `yield` of the generator expression being consumed in place: the item goes to the consumer.
    pub(crate) fn sink_item(&mut self, v: Value) -> PyResult<Value> {
        let Some(mut sink) = self.sink.take() else {
            return Err(Exc::new(
                "SystemError",
                "generator expression consumer lost",
            ));
        };
        let r = match self.feed(&mut sink, v) {
            Ok(()) => Ok(Value::None),
            Err(e) if matches!(&e.kind, ExcKind::Limit(m) if m == DECIDED_MARK) => Err(e),
            // The consumer's own error: kept for the caller, and the expression stopped.
            Err(e) => {
                sink.failed = Some(e);
                Err(limit(DECIDED_MARK.to_string()))
            }
        };
        self.sink = Some(sink);
        r
    }

    fn feed(&mut self, sink: &mut GenSink, v: Value) -> PyResult<()> {
        match sink.kind {
            SinkKind::List | SinkKind::Tuple | SinkKind::Min | SinkKind::Max => {
                if sink.items.len() == sink.items.capacity() {
                    self.grow_list(&mut sink.items)?;
                }
                sink.items.push(v);
            }
            SinkKind::Set | SinkKind::FrozenSet => {
                if let Some(set) = &sink.set {
                    let k = self.items_key(v, set)?;
                    set.add(k);
                }
            }
            SinkKind::Any | SinkKind::All => {
                let t = match &v {
                    Value::Bool(b) => b.get(),
                    _ => self.truthy(&v)?,
                };
                if t == (sink.kind == SinkKind::Any) {
                    sink.verdict = Some(t);
                    return Err(limit(DECIDED_MARK.to_string()));
                }
            }
            SinkKind::Sum => {
                let acc = std::mem::replace(&mut sink.acc, Value::None);
                sink.acc = crate::builtins::add_fast(self, acc, &v)?;
            }
        }
        Ok(())
    }
}
