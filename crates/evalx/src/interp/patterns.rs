//! The `match` statement at run time: each case's pattern is tried against the subject in order
//! (PEP 634's rules: sequences exclude str/bytes, mappings look keys up with `get`, class patterns use
//! `isinstance` and `__match_args__`); names are bound only once the whole pattern matched, then the
//! guard decides.

use super::*;
use crate::compile::matching::{CaseX, PatX};

type Binds<'a> = Vec<(&'a Target, Value)>;

impl Interp {
    pub(crate) fn exec_match(
        &mut self,
        subject: &Ex,
        cases: &[CaseX],
        fr: &mut Frame,
    ) -> PyResult<Flow> {
        let v = self.eval(subject, fr)?;
        let mut binds: Binds<'_> = Vec::new();
        for c in cases {
            binds.clear();
            fr.line = c.line;
            if self.match_pat(&c.pat, &v, &mut binds, fr)? {
                for (t, x) in binds.drain(..) {
                    self.assign(t, x, fr)?;
                }
                if let Some(g) = &c.guard {
                    let gv = self.eval(g, fr)?;
                    if !self.truthy(&gv)? {
                        continue;
                    }
                }
                return self.exec_block(&c.body, fr);
            }
        }
        Ok(Flow::Normal)
    }

    /// Whether an instance counts as a sequence or mapping for patterns: `isinstance` of
    /// `collections.abc.Sequence`/`Mapping` (what CPython's type flags say for registered classes).
    fn abc_is(&mut self, v: &Value, abc: &str) -> PyResult<bool> {
        let m = self.import("collections.abc")?;
        let Some(cls) = self.get_attr_opt(&m, abc)? else {
            return Ok(false);
        };
        let r = crate::builtins::functions::b_isinstance(self, &[v.clone(), cls], &[])?;
        Ok(matches!(r, Value::Bool(b) if b.get()))
    }

    fn match_pat<'a>(
        &mut self,
        p: &'a PatX,
        v: &Value,
        binds: &mut Binds<'a>,
        fr: &mut Frame,
    ) -> PyResult<bool> {
        match p {
            PatX::Value(e) => {
                let x = self.eval(e, fr)?;
                self.eq(v, &x)
            }
            PatX::Singleton(s) => Ok(match (v, s) {
                (Value::None, Value::None) => true,
                (Value::Bool(a), Value::Bool(b)) => a.get() == b.get(),
                _ => false,
            }),
            PatX::Capture(None) => Ok(true),
            PatX::Capture(Some(t)) => {
                binds.push((t, v.clone()));
                Ok(true)
            }
            PatX::Sequence(items, star) => {
                let is_seq = match v {
                    Value::List(_) | Value::Tuple(_) | Value::Range(_) | Value::BigRange(_) => true,
                    Value::Instance(_) => self.abc_is(v, "Sequence")?,
                    _ => false,
                };
                if !is_seq {
                    return Ok(false);
                }
                let seq = self.collect(v)?;
                let n = seq.len();
                match star {
                    None => {
                        if n != items.len() {
                            return Ok(false);
                        }
                        for (pi, x) in items.iter().zip(seq.iter()) {
                            if !self.match_pat(pi, x, binds, fr)? {
                                return Ok(false);
                            }
                        }
                    }
                    Some((si, st)) => {
                        let after = items.len() - si - 1;
                        if n < items.len() - 1 {
                            return Ok(false);
                        }
                        for (pi, x) in items[..*si].iter().zip(seq.iter()) {
                            if !self.match_pat(pi, x, binds, fr)? {
                                return Ok(false);
                            }
                        }
                        for (pi, x) in items[si + 1..].iter().zip(seq[n - after..].iter()) {
                            if !self.match_pat(pi, x, binds, fr)? {
                                return Ok(false);
                            }
                        }
                        if let Some(t) = st {
                            binds.push((t, Value::list(seq[*si..n - after].to_vec())));
                        }
                    }
                }
                Ok(true)
            }
            PatX::Mapping(items, rest) => {
                let is_map = match v {
                    Value::Dict(_) => true,
                    Value::Instance(_) => self.abc_is(v, "Mapping")?,
                    _ => false,
                };
                if !is_map {
                    return Ok(false);
                }
                let mut keys = Vec::with_capacity(items.len());
                let sentinel = Value::list(Vec::new());
                for (k, pi) in items {
                    let key = self.eval(k, fr)?;
                    let got = self.call_method(v, "get", vec![key.clone(), sentinel.clone()])?;
                    if got.is(&sentinel) {
                        return Ok(false);
                    }
                    keys.push(key);
                    if !self.match_pat(pi, &got, binds, fr)? {
                        return Ok(false);
                    }
                }
                if let Some(t) = rest {
                    let d = Value::Class(self.types.dict.clone());
                    let copy = self.call(&d, vec![v.clone()], Vec::new())?;
                    for k in keys {
                        self.call_method(&copy, "pop", vec![k])?;
                    }
                    binds.push((t, copy));
                }
                Ok(true)
            }
            PatX::Class(c, pos, kw) => self.match_class(c, pos, kw, v, binds, fr),
            PatX::Or(alts) => {
                for a in alts {
                    let mark = binds.len();
                    if self.match_pat(a, v, binds, fr)? {
                        return Ok(true);
                    }
                    binds.truncate(mark);
                }
                Ok(false)
            }
            PatX::As(inner, t) => {
                if !self.match_pat(inner, v, binds, fr)? {
                    return Ok(false);
                }
                binds.push((t, v.clone()));
                Ok(true)
            }
        }
    }

    fn match_class<'a>(
        &mut self,
        c: &Ex,
        pos: &'a [PatX],
        kw: &'a [(RcStr, PatX)],
        v: &Value,
        binds: &mut Binds<'a>,
        fr: &mut Frame,
    ) -> PyResult<bool> {
        let cls = self.eval(c, fr)?;
        let Value::Class(class) = &cls else {
            return Err(Exc::type_err("called match pattern must be a type"));
        };
        let inst = crate::builtins::functions::b_isinstance(self, &[v.clone(), cls.clone()], &[])?;
        if !matches!(inst, Value::Bool(b) if b.get()) {
            return Ok(false);
        }
        let mut names: Vec<RcStr> = Vec::new();
        if !pos.is_empty() {
            let match_args = self.get_attr_opt(&cls, "__match_args__")?;
            let self_match = match_args.is_none()
                && matches!(
                    class.kind,
                    Kind::Bool
                        | Kind::Bytes
                        | Kind::Dict
                        | Kind::Float
                        | Kind::FrozenSet
                        | Kind::Int
                        | Kind::List
                        | Kind::Set
                        | Kind::Str
                        | Kind::Tuple
                );
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            if self_match {
                if pos.len() > 1 {
                    return Err(Exc::type_err(format!(
                        "{}() accepts 1 positional sub-pattern ({} given)",
                        class.name,
                        pos.len()
                    )));
                }
                if !self.match_pat(&pos[0], v, binds, fr)? {
                    return Ok(false);
                }
            } else {
                let args = match match_args {
                    None => Vec::new(),
                    Some(Value::Tuple(t)) => t.to_vec(),
                    Some(other) => {
                        return Err(Exc::type_err(format!(
                            "{}.__match_args__ must be a tuple (got {})",
                            class.name,
                            tname(&other)
                        )));
                    }
                };
                if pos.len() > args.len() {
                    return Err(Exc::type_err(format!(
                        "{}() accepts {} positional sub-pattern{} ({} given)",
                        class.name,
                        args.len(),
                        plural(args.len()),
                        pos.len()
                    )));
                }
                for (a, pi) in args.iter().zip(pos.iter()) {
                    let Value::Str(name) = a else {
                        return Err(Exc::type_err(format!(
                            "__match_args__ elements must be strings (got {})",
                            tname(a)
                        )));
                    };
                    names.push(name.clone());
                    let Some(x) = self.get_attr_opt(v, name)? else {
                        return Ok(false);
                    };
                    if !self.match_pat(pi, &x, binds, fr)? {
                        return Ok(false);
                    }
                }
            }
        }
        for (name, pi) in kw {
            if names.contains(name) {
                return Err(Exc::type_err(format!(
                    "{}() got multiple sub-patterns for attribute '{name}'",
                    class.name
                )));
            }
            names.push(name.clone());
            let Some(x) = self.get_attr_opt(v, name)? else {
                return Ok(false);
            };
            if !self.match_pat(pi, &x, binds, fr)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
