//! Text of values: `str()`, `repr()`, the type of a value.

use super::*;

impl Interp {
    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(_) => {
                if let Some(m) = self.lookup_special(v, "__str__") {
                    let r = self.call(&m, vec![v.clone()], Vec::new())?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(Exc::type_err(format!(
                            "__str__ returned non-string (type {})",
                            tname(&other)
                        ))),
                    };
                }
                if let Value::Instance(i) = v {
                    if i.class.kind == Kind::Exception {
                        return crate::builtins::exc_str(self, i);
                    }
                    // A mappingproxy prints as its mapping.
                    if let Some(d @ Value::Dict(_)) = &i.native
                        && &*i.class.name == "mappingproxy"
                    {
                        return self.to_str(d);
                    }
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        crate::format::repr(self, v)
    }

    /// The class of a value.
    pub fn type_of(&self, v: &Value) -> Rc<Class> {
        let t = &self.types;
        match v {
            Value::None => t.none.clone(),
            Value::Bool(_) => t.bool_.clone(),
            Value::Int(_) | Value::Big(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Complex(_) => t.exc["complex"].clone(),
            Value::Str(_) => t.str_.clone(),
            Value::Bytes(_) => t.bytes.clone(),
            Value::List(_) => t.list.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::Dict(_) => t.dict.clone(),
            Value::Set(s) => {
                if s.frozen {
                    t.frozenset.clone()
                } else {
                    t.set.clone()
                }
            }
            Value::Range(_) | Value::BigRange(_) => t.range.clone(),
            Value::Func(_) => t.function.clone(),
            Value::Builtin(b) if crate::builtins::is_slot_builtin(b) => {
                t.exc[crate::builtins::native_slot_type(b.name)].clone()
            }
            Value::Builtin(_) => t.builtin_function.clone(),
            Value::Bound(b) => match &b.1 {
                Value::Str(name) => match crate::dunders::bound_builtin_kind(&b.0, name) {
                    "builtin_function_or_method" => t.builtin_function.clone(),
                    kind => t
                        .exc
                        .get(kind)
                        .cloned()
                        .unwrap_or_else(|| t.builtin_function.clone()),
                },
                Value::Builtin(f) if crate::builtins::is_slot_builtin(f) => {
                    match crate::builtins::native_slot_bound_type(f.name) {
                        "method-wrapper" => t.exc["method-wrapper"].clone(),
                        _ => t.builtin_function.clone(),
                    }
                }
                _ => t.method.clone(),
            },
            Value::Class(c) => c.meta.clone().unwrap_or_else(|| t.type_.clone()),
            Value::Instance(i) => i.class.clone(),
            Value::Module(_) => t.module.clone(),
            Value::Iter(i) => {
                let b = i.borrow();
                if matches!(&*b, Iter::Generator(g) if g.kind == GenKind::Generator || g.kind == GenKind::IterCoro)
                {
                    t.generator.clone()
                } else if let Iter::Native(n) = &*b {
                    n.class.clone()
                } else {
                    t.exc
                        .get(crate::builtins::iter_type_name(&b))
                        .cloned()
                        .unwrap_or_else(|| t.iterator.clone())
                }
            }
            Value::Slice(_) => t.slice.clone(),
            Value::View(v) => match v.1 {
                0 => t.exc["dict_keys"].clone(),
                1 => t.exc["dict_values"].clone(),
                _ => t.exc["dict_items"].clone(),
            },
            Value::Ellipsis => t.ellipsis.clone(),
            Value::NotImplemented => t.notimpl.clone(),
            Value::Cell(_) => t.exc["cell"].clone(),
            Value::Undef | Value::Native(_) => t.object.clone(),
        }
    }
}
