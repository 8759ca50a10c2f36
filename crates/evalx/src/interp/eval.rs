//! Expressions: the evaluator, calls with arguments, f-strings, displays.

use super::*;

impl Interp {
    /// Evaluates an expression.
    #[inline(always)]
    pub fn eval(&mut self, e: &Ex, fr: &mut Frame) -> PyResult<Value> {
        // Locals, constants and small int operations on int locals are done right here at every call site
        // (an out-of-line call would cost more than the work); everything else goes to `eval_full`.
        match e {
            Ex::Local(i, n) => match &fr.slots[*i as usize] {
                Value::Undef => Err(Interp::note_failure(unbound_local(n), e)),
                v => Ok(v.clone()),
            },
            Ex::Const(v) => Ok(v.clone()),
            Ex::Global(n, c) => self
                .load_global(n, fr, Some(c))
                .map_err(|x| Interp::note_failure(x, e)),
            // `self.x` on a plain user instance in a local, where the access site's cache holds: read here
            // (the commonest attribute read; anything else goes to `eval_full`).
            Ex::Attr(o, _, _, hint, _) => {
                if let Ex::Local(i, _) = &**o
                    && let Value::Instance(inst) = &fr.slots[*i as usize]
                    && inst.class.kind == Kind::User
                    && !inst.class.store_flags().1
                    && let Some(v) = inst.dict.with_cached(hint, Value::clone)
                {
                    return Ok(v);
                }
                self.eval_full(e, fr)
            }
            // `i * i`, `a + b` on int locals: done here (any other operand goes to `eval_full`).
            Ex::BinLL(i, j, op) => {
                if let (Value::Int(p), Value::Int(q)) =
                    (&fr.slots[*i as usize], &fr.slots[*j as usize])
                {
                    let r = match op {
                        BinOp::Add => p.checked_add(*q),
                        BinOp::Sub => p.checked_sub(*q),
                        _ => p.checked_mul(*q),
                    };
                    if let Some(r) = r {
                        return Ok(Value::Int(r));
                    }
                }
                self.eval_full(e, fr)
            }
            // `n - 1`, `i * 7`, `x % 3`, `n < 2` on an int local: done here (any other operand goes to
            // `eval_full`).
            Ex::BinLI(i, _, op @ (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Mod), k) => {
                if let Value::Int(p) = &fr.slots[*i as usize] {
                    let r = match op {
                        BinOp::Add => p.checked_add(*k),
                        BinOp::Sub => p.checked_sub(*k),
                        BinOp::Mul => p.checked_mul(*k),
                        _ if *k > 0 => Some(p.rem_euclid(*k)),
                        _ => None,
                    };
                    if let Some(r) = r {
                        return Ok(Value::Int(r));
                    }
                }
                self.eval_full(e, fr)
            }
            Ex::CmpLI(
                i,
                _,
                op @ (CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge | CmpOp::Eq | CmpOp::Ne),
                k,
            ) => {
                if let Value::Int(p) = &fr.slots[*i as usize] {
                    return Ok(Value::bool(match op {
                        CmpOp::Lt => p < k,
                        CmpOp::Le => p <= k,
                        CmpOp::Gt => p > k,
                        CmpOp::Ge => p >= k,
                        CmpOp::Eq => p == k,
                        _ => p != k,
                    }));
                }
                self.eval_full(e, fr)
            }
            _ => self.eval_full(e, fr),
        }
    }

    /// Evaluates any expression; a failure notes the failing node for the traceback's carets.
    #[inline(never)]
    pub(crate) fn eval_full(&mut self, e: &Ex, fr: &mut Frame) -> PyResult<Value> {
        match self.eval_node(e, fr) {
            Ok(v) => Ok(v),
            Err(x) => Err(Interp::note_failure(x, e)),
        }
    }

    #[inline(always)]
    fn eval_node(&mut self, e: &Ex, fr: &mut Frame) -> PyResult<Value> {
        match e {
            Ex::Local(i, n) => match &fr.slots[*i as usize] {
                Value::Undef => Err(unbound_local(n)),
                v => Ok(v.clone()),
            },
            Ex::Const(v) => Ok(v.clone()),
            // `eval` has already tried the int path of `+ - * %`; an int `//` by a positive constant is the one
            // fast case left.
            Ex::BinLI(i, n, op, k) => {
                let x = &fr.slots[*i as usize];
                if let (Value::Int(p), BinOp::FloorDiv) = (x, op) {
                    if *k > 0 {
                        return Ok(Value::Int(p.div_euclid(*k)));
                    }
                }
                let x = match x {
                    Value::Undef => return Err(unbound_local(n)),
                    Value::Cell(_) => self.load_deref(*i, fr)?,
                    v => v.clone(),
                };
                if let Some(r) = num::float_fast(&x, *op, &Value::Int(*k)) {
                    return Ok(r);
                }
                self.binop(&x, *op, &Value::Int(*k))
            }
            // Reached from `eval` only after its int path (every op a `BinLL` can have) found an operand that is
            // not an int, or an overflow.
            Ex::BinLL(i, j, op) => {
                let (x, y) = (&fr.slots[*i as usize], &fr.slots[*j as usize]);
                if let Some(r) = num::float_fast(x, *op, y) {
                    return Ok(r);
                }
                let x = match x {
                    Value::Undef => return Err(unbound_local(&fr.code.slot_names[*i as usize])),
                    v => v.clone(),
                };
                let y = match y {
                    Value::Undef => return Err(unbound_local(&fr.code.slot_names[*j as usize])),
                    v => v.clone(),
                };
                self.binop(&x, *op, &y)
            }
            Ex::CmpLI(i, n, op, k) => {
                let x = &fr.slots[*i as usize];
                if let Value::Int(p) = x {
                    return Ok(Value::bool(match op {
                        CmpOp::Lt => p < k,
                        CmpOp::Le => p <= k,
                        CmpOp::Gt => p > k,
                        CmpOp::Ge => p >= k,
                        CmpOp::Eq => p == k,
                        _ => p != k,
                    }));
                }
                let x = match x {
                    Value::Undef => return Err(unbound_local(n)),
                    v => v.clone(),
                };
                self.compare(&x, *op, &Value::Int(*k))
            }
            Ex::Bin(a, op, b) => {
                let x = self.eval(a, fr)?;
                let y = self.eval(b, fr)?;
                if let (Value::Int(p), Value::Int(q)) = (&x, &y) {
                    let r = match op {
                        BinOp::Add => p.checked_add(*q),
                        BinOp::Sub => p.checked_sub(*q),
                        BinOp::Mul => p.checked_mul(*q),
                        // A positive divisor: Python's floor modulo is the Euclidean remainder, its floor
                        // division the Euclidean quotient.
                        BinOp::Mod if *q > 0 => Some(p.rem_euclid(*q)),
                        BinOp::FloorDiv if *q > 0 => Some(p.div_euclid(*q)),
                        _ => None,
                    };
                    if let Some(r) = r {
                        return Ok(Value::Int(r));
                    }
                } else if let Some(r) = num::float_fast(&x, *op, &y) {
                    // `float_fast` took both operands as ints or floats, which own nothing: no drop calls.
                    std::mem::forget(x);
                    std::mem::forget(y);
                    return Ok(r);
                }
                self.binop(&x, *op, &y)
            }
            Ex::Cmp(a, op, b) => {
                let x = self.eval(a, fr)?;
                let y = self.eval(b, fr)?;
                // `x is None` / `x is not None`: answered here, with no call to `compare`.
                if let CmpOp::Is | CmpOp::IsNot = op {
                    let same = match (&x, &y) {
                        (Value::None, Value::None) => true,
                        (Value::None, _) | (_, Value::None) => false,
                        _ => x.is(&y),
                    };
                    return Ok(Value::bool(same == (*op == CmpOp::Is)));
                }
                if let (Value::Int(p), Value::Int(q)) = (&x, &y) {
                    return Ok(Value::bool(match op {
                        CmpOp::Lt => p < q,
                        CmpOp::Le => p <= q,
                        CmpOp::Gt => p > q,
                        CmpOp::Ge => p >= q,
                        CmpOp::Eq => p == q,
                        CmpOp::Ne => p != q,
                        _ => return self.compare(&x, *op, &y),
                    }));
                }
                // Two floats compare as IEEE doubles (NaN unequal to everything), as CPython's float_richcompare.
                if let (Value::Float(p), Value::Float(q)) = (&x, &y) {
                    let (p, q) = (p.get(), q.get());
                    let r = match op {
                        CmpOp::Lt => Some(p < q),
                        CmpOp::Le => Some(p <= q),
                        CmpOp::Gt => Some(p > q),
                        CmpOp::Ge => Some(p >= q),
                        CmpOp::Eq => Some(p == q),
                        CmpOp::Ne => Some(p != q),
                        _ => None,
                    };
                    if let Some(r) = r {
                        // Two floats own nothing: no drop calls for them.
                        std::mem::forget(x);
                        std::mem::forget(y);
                        return Ok(Value::bool(r));
                    }
                }
                self.compare(&x, *op, &y)
            }
            Ex::Global(n, c) => self.load_global(n, fr, Some(c)),
            Ex::Name(n, c) => self.load_name(n, fr, Some(c)),
            Ex::Deref(i, _) => self.load_deref(*i, fr),
            Ex::ClassDeref(n, i) => {
                if let Some(l) = &fr.locals {
                    if let Some(v) = l.borrow().get_str(n) {
                        return Ok(v.clone());
                    }
                }
                self.load_deref(*i, fr)
            }
            Ex::Call(f, args) => {
                let fv = self.eval(f, fr)?;
                if let Value::Func(func) = &fv {
                    let code = &func.code;
                    // A plain `def f(a, b)` called with as many positional arguments: they are evaluated
                    // straight into the new frame's slots.
                    // Missing trailing parameters take their defaults (`def f(a, b=bisect)` called as `f(x)`).
                    if code.plain
                        && args.len() <= code.nparams
                        && args.len() + func.defaults.len() >= code.nparams
                    {
                        let mut slots = self.take_vec();
                        self.eval_into(args, code.nslots(), &mut slots, fr)?;
                        let missing = code.nparams - args.len();
                        if missing > 0 {
                            let d = &func.defaults;
                            slots.extend(d[d.len() - missing..].iter().cloned());
                        }
                        if code.nslots() > slots.len() {
                            // Unbound locals written in place (`resize` clones its fill value item by item).
                            let n = slots.len();
                            slots.extend((n..code.nslots()).map(|_| Value::Undef));
                        }
                        let mut frame = Self::frame_for(func, slots);
                        let r = self.run_function_frame_ref(&mut frame);
                        self.give_vec(std::mem::take(&mut frame.slots));
                        // Finalizers of what the callee's locals held run before the caller goes on.
                        if finalize::pending() {
                            self.run_finalizers()?;
                        }
                        return r;
                    }
                }
                // `list(x for x in xs)`, `set(...)`, `any(...)`: the generator expression runs on this stack
                // and hands each item straight to the consumer (see `consume_genexpr`).
                if let [Ex::Comp(def, outer)] = &args[..] {
                    if def.code.is_generator {
                        if let Some(kind) = self.sink_kind(&fv) {
                            return self.consume_genexpr(kind, def, outer, fr);
                        }
                    }
                }
                // One argument to a built-in function (`len(x)`, `abs(x)`) or to `str`: the argument stays
                // in a local instead of going through a pooled argument vector.
                if let [arg] = &args[..] {
                    if matches!(&fv, Value::Builtin(b) if b.this.is_none())
                        || matches!(&fv, Value::Class(c) if matches!(c.kind, Kind::Str | Kind::Float | Kind::Int))
                    {
                        return self.call_one(&fv, arg, fr);
                    }
                }
                let mut av = self.take_vec();
                self.eval_into(args, 0, &mut av, fr)?;
                self.call_vec(&fv, av)
            }
            Ex::CallMethod(o, name, args, h, fast, mc) => {
                if let Ex::CallFrame(callee, fargs) = &**o
                    && fargs.len() != 1
                    && let Some(r) = self.super_call(callee, fargs, name, *h, args, mc, fr)
                {
                    return r;
                }
                let ov = self.eval(o, fr)?;
                if *fast != Fast::None {
                    if let Some(r) = self.fast_method(*fast, &ov, args, fr) {
                        return r;
                    }
                    // An instance of a subclass of a built-in container (`class C(list)`) whose classes
                    // and own attributes do not redefine the method: the built-in's fast path, on the
                    // value it carries.
                    if let Value::Instance(inst) = &ov
                        && inst.class.kind == Kind::User
                        && let Some(native) = &inst.native
                        && matches!(native, Value::List(_) | Value::Dict(_) | Value::Set(_))
                        && inst.dict.lacks_cached(name, *h, &mc.1)
                        && inst.class.lookup_site(name, *h, mc.class_site()).is_none()
                        && let Some(r) = self.fast_method(*fast, native, args, fr)
                    {
                        return r;
                    }
                }
                // `Strength.stronger(a, b)`: a function, static method or class method of a user class,
                // found as `Ex::Attr` finds a class attribute, is called with no bound method in between (a
                // class method's function gets the class first).
                if let Value::Class(c) = &ov
                    && c.kind == Kind::User
                    && !crate::dunders::is_dunder(name)
                    && &**name != "mro"
                    && let Some(m) = c.lookup_site(name, *h, mc.class_site())
                {
                    let (f, first) = match m {
                        Value::Builtin(b) if b.name == "<classmethod>" => match &b.this {
                            Some(f @ Value::Func(_)) => (f.clone(), true),
                            _ => (self.bind_descriptor(Value::Builtin(b), &ov)?, false),
                        },
                        Value::Builtin(b) if b.name == "<staticmethod>" => {
                            (self.bind_descriptor(Value::Builtin(b), &ov)?, false)
                        }
                        x @ Value::Instance(_) => (self.bind_descriptor(x, &ov)?, false),
                        x => (x, false),
                    };
                    let mut av = self.take_vec();
                    if let Value::Func(func) = &f {
                        av.reserve(func.code.nslots().max(args.len() + 1));
                    }
                    if first {
                        av.push(ov.clone());
                    }
                    self.eval_into(args, 0, &mut av, fr)?;
                    return match &f {
                        Value::Func(func) => self.call_function(func, av, Vec::new()),
                        _ => self.call_vec(&f, av),
                    };
                }
                // A method found on a user class (not shadowed by the instance): the receiver goes straight
                // into the first argument slot. The lookup precedes the arguments, as CPython's LOAD_METHOD.
                let method = match &ov {
                    Value::Instance(inst)
                        if inst.class.kind == Kind::User
                            && inst.dict.lacks_cached(name, *h, &mc.1) =>
                    {
                        Self::method_cached(&inst.class, name, *h, mc)
                    }
                    _ => None,
                };
                if let Some(f) = method {
                    // The receiver moves into the first slot; room is made for all the callee's slots.
                    let mut av = self.take_vec();
                    av.reserve(f.code.nslots().max(args.len() + 1));
                    av.push(ov);
                    self.eval_into(args, 0, &mut av, fr)?;
                    return self.call_function(&f, av, Vec::new());
                }
                let mut av = self.take_vec();
                self.eval_into(args, 0, &mut av, fr)?;
                if let Value::Instance(inst) = &ov {
                    if inst.class.kind == Kind::User {
                        let own = inst.dict.get(name, *h);
                        if let Some(f) = own {
                            return self.call_vec(&f, av);
                        }
                        if let Some(Value::Func(f)) = inst.class.lookup_named(name, *h) {
                            av.insert(0, ov.clone());
                            return self.call_function(&f, av, Vec::new());
                        }
                    }
                }
                self.call_method_vec(&ov, name, av)
            }
            Ex::CallFrame(f, args) => {
                let fv = self.eval(f, fr)?;
                let (pos, kw) = self.eval_args(&fv, args, fr)?;
                if let Value::Builtin(b) = &fv {
                    if b.this.is_none() && crate::compile::FRAME_BUILTINS.contains(&b.name) {
                        return crate::builtins::frame_call(self, b.name, pos, kw, fr);
                    }
                }
                self.call(&fv, pos, kw)
            }
            Ex::CallKw(f, args) => {
                let fv = self.eval(f, fr)?;
                let (pos, kw) = self.eval_args(&fv, args, fr)?;
                self.call(&fv, pos, kw)
            }
            Ex::Attr(o, n, h, hint, site) => {
                // `self.x` on a plain user instance in a local: read through the slot, without taking a
                // reference to the instance.
                if let Ex::Local(i, _) = &**o
                    && let Value::Instance(inst) = &fr.slots[*i as usize]
                    && inst.class.kind == Kind::User
                    && !inst.class.store_flags().1
                {
                    if let Some(v) = inst.dict.get_cached(n, *h, hint) {
                        return Ok(v);
                    }
                    let ov = fr.slots[*i as usize].clone();
                    if let Value::Instance(inst) = &ov
                        && let Some(x) = inst.class.lookup_site(n, *h, site)
                    {
                        return self.bind_descriptor(x, &ov);
                    }
                    return self.get_attr(&ov, n);
                }
                // `self.a.x`: when both access sites' caches hold, the inner instance is read in place,
                // without a reference of its own.
                if let Ex::Attr(o2, _, _, hint2, _) = &**o
                    && let Ex::Local(i, _) = &**o2
                    && let Value::Instance(outer) = &fr.slots[*i as usize]
                    && outer.class.kind == Kind::User
                    && !outer.class.store_flags().1
                    && let Some(Some(v)) = outer.dict.with_cached(hint2, |a| match a {
                        Value::Instance(inst)
                            if inst.class.kind == Kind::User && !inst.class.store_flags().1 =>
                        {
                            inst.dict.with_cached(hint, Value::clone)
                        }
                        _ => None,
                    })
                {
                    return Ok(v);
                }
                let ov = self.eval(o, fr)?;
                if let Value::Instance(inst) = &ov {
                    if inst.class.kind == Kind::User && !inst.class.store_flags().1 {
                        if let Some(v) = inst.dict.get_cached(n, *h, hint) {
                            return Ok(v);
                        }
                        if let Some(x) = inst.class.lookup_site(n, *h, site) {
                            return self.bind_descriptor(x, &ov);
                        }
                    }
                }
                // `Strength.REQUIRED`: a user class's attribute by an ordinary name (the names `type`
                // answers itself are dunders, and `mro`), looked up along the MRO by the site's hash,
                // as `generic_getattr` does after hashing the name.
                if let Value::Class(c) = &ov
                    && c.kind == Kind::User
                    && !crate::dunders::is_dunder(n)
                    && &**n != "mro"
                {
                    match c.lookup_site(n, *h, site) {
                        Some(Value::Builtin(b))
                            if b.name == "<staticmethod>" || b.name == "<classmethod>" =>
                        {
                            return self.bind_descriptor(Value::Builtin(b), &ov);
                        }
                        Some(x @ Value::Instance(_)) => return self.bind_descriptor(x, &ov),
                        Some(x) => return Ok(x),
                        None => {}
                    }
                }
                self.get_attr(&ov, n)
            }
            Ex::Index(o, i) => {
                let ov = self.eval(o, fr)?;
                // `xs[a:b]` on a list: the bounds stay on the stack (no slice object).
                if let (Value::List(l), Ex::Slice(a, b, c)) = (&ov, &**i) {
                    let mut f = |x: &Option<Box<Ex>>, s: &mut Self| -> PyResult<Value> {
                        match x {
                            Some(x) => s.eval(x, fr),
                            None => Ok(Value::None),
                        }
                    };
                    let bounds = (f(a, self)?, f(b, self)?, f(c, self)?);
                    return crate::methods::list_slice(self, l, &bounds);
                }
                let iv = self.eval(i, fr)?;
                match (&ov, &iv) {
                    (Value::List(l), Value::Int(k)) => {
                        let b = l.borrow();
                        let n = b.len() as i64;
                        let k2 = if *k < 0 { k + n } else { *k };
                        if k2 >= 0 && k2 < n {
                            return Ok(b[k2 as usize].clone());
                        }
                    }
                    // `t[i]` on a tuple (nqueens' `pool[i]`, `vec[i]`): no call to the general `get_item`.
                    (Value::Tuple(t), Value::Int(k)) => {
                        let n = t.len() as i64;
                        let k2 = if *k < 0 { k + n } else { *k };
                        if k2 >= 0 && k2 < n {
                            return Ok(t[k2 as usize].clone());
                        }
                    }
                    // `a[i]` on an `array.array` (scimark): the item, with no call.
                    (Value::Instance(_), Value::Int(_)) => {
                        if let Some(x) = crate::stdlib::array::item_fast(&ov, &iv) {
                            return Ok(x);
                        }
                    }
                    _ => {}
                }
                self.get_item(&ov, &iv)
            }
            other => self.eval_rest(other, fr),
        }
    }

    /// The frame of a comprehension or generator expression: its outermost iterable (evaluated here, in the
    /// enclosing scope) in slot 0 and its closure cells.
    pub(crate) fn comp_frame(
        &mut self,
        def: &FnDef,
        outer: &Ex,
        fr: &mut Frame,
    ) -> PyResult<Frame> {
        let it = self.eval(outer, fr)?;
        // An async comprehension's outer iterable is an async iterator, which its code steps itself.
        let it = if def.code.aiter_arg {
            it
        } else {
            self.iter(&it)?
        };
        let code = def.code.clone();
        let mut slots = self.take_vec();
        slots.resize(code.nslots(), Value::Undef);
        slots[0] = it;
        for (k, &i) in def.closure.iter().enumerate() {
            slots[code.free_start + k] = fr.slots[i as usize].clone();
        }
        for &c in &code.cell_slots {
            let v = std::mem::replace(&mut slots[c as usize], Value::Undef);
            slots[c as usize] = Value::Cell(Rc::new(RefCell::new(v)));
        }
        Ok(Frame {
            slots,
            globals: fr.globals.clone(),
            locals: None,
            code: code.clone(),
            line: code.firstline,
        })
    }

    /// The user function `name` resolves to along `cls`'s MRO, through the call site's cache.
    #[inline]
    pub(crate) fn method_cached(
        cls: &Rc<Class>,
        name: &RcStr,
        h: u64,
        mc: &MethodCache,
    ) -> Option<Rc<Function>> {
        let stamp = (Rc::as_ptr(cls) as usize, crate::value::class_epoch());
        if let Some(f) = mc.get(stamp.0, stamp.1) {
            return Some(f);
        }
        match cls.lookup_named(name, h) {
            Some(Value::Func(f)) => {
                mc.put(stamp.0, stamp.1, &f);
                Some(f)
            }
            _ => None,
        }
    }

    /// Inline paths for the commonest built-in methods; `None` when the receiver or arity does not fit.
    pub(crate) fn fast_method(
        &mut self,
        fast: Fast,
        ov: &Value,
        args: &[Ex],
        fr: &mut Frame,
    ) -> Option<PyResult<Value>> {
        match (fast, ov, args.len()) {
            (Fast::Append, Value::List(l), 1) => {
                let v = match self.eval(&args[0], fr) {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                let mut b = l.borrow_mut();
                if let Some(m) = self.limits.max_len {
                    if b.len() >= m {
                        return Some(Err(Exc::new(
                            "MemoryError",
                            format!("list longer than the host limit of {m}"),
                        )));
                    }
                }
                b.push(v);
                Some(Ok(Value::None))
            }
            (Fast::Get, Value::Dict(d), 1 | 2) => {
                let k = match self.eval(&args[0], fr) {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                let dflt = match args.get(1) {
                    Some(a) => match self.eval(a, fr) {
                        Ok(v) => v,
                        Err(e) => return Some(Err(e)),
                    },
                    None => Value::None,
                };
                let key = match self.dict_key(k, d) {
                    Ok(k) => k,
                    Err(e) => return Some(Err(e)),
                };
                Some(Ok(d.borrow().map().get(&key).cloned().unwrap_or(dflt)))
            }
            (Fast::Upper | Fast::Lower, Value::Str(s), 0) if s.is_ascii() => {
                // One pass over a possibly big str: sized against the limits first (see `admit_pass`).
                Some(
                    self.admit_pass(s.len(), 1.0)
                        .map(|()| Value::Str(RcStr::ascii_case(s, fast == Fast::Upper))),
                )
            }
            (Fast::Items | Fast::Keys | Fast::Values, Value::Dict(d), 0) => {
                let w = match fast {
                    Fast::Keys => 0,
                    Fast::Values => 1,
                    _ => 2,
                };
                Some(Ok(Value::View(Rc::new((d.clone(), w)))))
            }
            (Fast::Pop, Value::List(l), 0) => {
                let r = l.borrow_mut().pop();
                Some(r.ok_or_else(|| Exc::new("IndexError", "pop from empty list")))
            }
            (Fast::Add, Value::Set(s), 1) if !s.frozen => {
                let v = match self.eval(&args[0], fr) {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                let k = match self.set_key(v, s) {
                    Ok(k) => k,
                    Err(e) => return Some(Err(e)),
                };
                s.items.add(k);
                Some(Ok(Value::None))
            }
            _ => None,
        }
    }

    /// Evaluates call arguments onto the end of `out` (a pooled vector), reserving room for `room` values
    /// (at least the arguments) first so each push is a plain store: `Vec::push` stayed an out-of-line call
    /// here. On an error `out` goes back to the pool (left empty).
    #[inline(always)]
    pub(crate) fn eval_into(
        &mut self,
        args: &[Ex],
        room: usize,
        out: &mut Vec<Value>,
        fr: &mut Frame,
    ) -> PyResult<()> {
        out.reserve(room.max(args.len()));
        for a in args {
            let v = match self.eval(a, fr) {
                Ok(v) => v,
                Err(e) => {
                    self.give_vec(std::mem::take(out));
                    return Err(e);
                }
            };
            let n = out.len();
            // SAFETY: `reserve` made room for `args.len()` more values and each argument adds one, so slot
            // `n` is allocated; it is written before the length covers it.
            unsafe {
                out.as_mut_ptr().add(n).write(v);
                out.set_len(n + 1);
            }
        }
        Ok(())
    }

    #[inline(never)]
    pub(crate) fn eval_args(
        &mut self,
        fv: &Value,
        args: &[ArgX],
        fr: &mut Frame,
    ) -> PyResult<(Vec<Value>, Vec<(RcStr, Value)>)> {
        {
            let mut pos = Vec::new();
            let mut kw: Vec<(RcStr, Value)> = Vec::new();
            for a in args {
                match a {
                    ArgX::Pos(e) => pos.push(self.eval(e, fr)?),
                    ArgX::Star(e) => {
                        let v = self.eval(e, fr)?;
                        if !self.is_iterable(&v) {
                            return Err(Exc::type_err(format!(
                                "{} argument after * must be an iterable, not {}",
                                self.callable_name(fv),
                                tname(&v)
                            )));
                        }
                        pos.extend(self.collect(&v)?);
                    }
                    ArgX::Kw(n, e) => {
                        let v = self.eval(e, fr)?;
                        if kw.iter().any(|(k, _)| k == n) {
                            return Err(Exc::type_err(format!(
                                "{} got multiple values for keyword argument '{n}'",
                                self.callable_name(fv)
                            )));
                        }
                        kw.push((n.clone(), v));
                    }
                    ArgX::StarStar(e) => {
                        let v = self.eval(e, fr)?;
                        let v = crate::stdlib::mapping_as_dict(self, v)?;
                        let Value::Dict(d) = &v else {
                            return Err(Exc::type_err(format!(
                                "{} argument after ** must be a mapping, not {}",
                                self.callable_name(fv),
                                tname(&v)
                            )));
                        };
                        let items: Vec<(Key, Value)> = d
                            .borrow()
                            .map()
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        for (k, v) in items {
                            let Value::Str(s) = k.0 else {
                                return Err(Exc::type_err("keywords must be strings"));
                            };
                            if kw.iter().any(|(x, _)| *x == s) {
                                return Err(Exc::type_err(format!(
                                    "{} got multiple values for keyword argument '{s}'",
                                    self.callable_name(fv)
                                )));
                            }
                            kw.push((s, v));
                        }
                    }
                }
            }
            Ok((pos, kw))
        }
    }

    #[inline(never)]
    pub(crate) fn eval_rest(&mut self, e: &Ex, fr: &mut Frame) -> PyResult<Value> {
        match e {
            Ex::Unary(op, a) => {
                let v = self.eval(a, fr)?;
                self.unary(*op, &v)
            }
            Ex::And(a, b) => {
                let v = self.eval(a, fr)?;
                if !self.truthy(&v)? {
                    Ok(v)
                } else {
                    self.eval(b, fr)
                }
            }
            Ex::Or(a, b) => {
                let v = self.eval(a, fr)?;
                if self.truthy(&v)? {
                    Ok(v)
                } else {
                    self.eval(b, fr)
                }
            }
            Ex::CmpChain(a, rest) => {
                let mut left = self.eval(a, fr)?;
                for (op, e) in rest {
                    let right = self.eval(e, fr)?;
                    // Ints and floats (`0 <= x < self.width`): answered here, no `compare` and no `truthy`.
                    if let Some(t) = num_order_fast(&left, *op, &right) {
                        if !t {
                            return Ok(Value::bool(false));
                        }
                        left = right;
                        continue;
                    }
                    let r = self.compare(&left, *op, &right)?;
                    if !self.truthy(&r)? {
                        return Ok(r);
                    }
                    left = right;
                }
                Ok(Value::bool(true))
            }
            Ex::Slice(a, b, c) => {
                let mut f = |x: &Option<Box<Ex>>, s: &mut Self| -> PyResult<Value> {
                    match x {
                        Some(x) => s.eval(x, fr),
                        None => Ok(Value::None),
                    }
                };
                let a = f(a, self)?;
                let b = f(b, self)?;
                let c = f(c, self)?;
                Ok(Value::Slice(Rc::new((a, b, c))))
            }
            Ex::List(items) => Ok(Value::list(self.build_items(items, fr)?)),
            Ex::Tuple(items) => Ok(Value::tuple(self.build_items(items, fr)?)),
            Ex::Set(items) => {
                let vals = self.build_items(items, fr)?;
                let s = crate::settable::SetItems::default();
                for v in vals {
                    let k = self.items_key(v, &s)?;
                    s.add(k);
                }
                // CPython builds a display of more than two constants from a frozenset constant (which its
                // compiler rebuilds once more from its own iteration order when merging constants), merged
                // into the new set: that can lay the keys out differently from adding them one by one.
                let consts = items.len() > 2
                    && items
                        .iter()
                        .all(|i| matches!(i, ArgX::Pos(e) if folds_to_const(e)));
                let s = if consts {
                    let again = crate::settable::SetItems::from_keys(s.borrow().keys().cloned());
                    let out = crate::settable::SetItems::default();
                    out.merge(&again);
                    out
                } else {
                    s
                };
                Ok(Value::Set(Rc::new(SetObj {
                    items: s,
                    frozen: false,
                })))
            }
            Ex::Dict(items) => {
                let mut d = Dict::new();
                for (k, v) in items {
                    match k {
                        Some(k) => {
                            let kv = self.eval(k, fr)?;
                            let vv = self.eval(v, fr)?;
                            let key = self.map_key(kv, d.map())?;
                            d.map_mut().insert(key, vv);
                        }
                        None => {
                            let m = self.eval(v, fr)?;
                            let m = crate::stdlib::mapping_as_dict(self, m)?;
                            match &m {
                                Value::Dict(src) => {
                                    let m = src.borrow().map().clone();
                                    let m = self.canon_keys(m, d.map())?;
                                    for (k, v) in m {
                                        d.map_mut().insert(k, v);
                                    }
                                }
                                _ => {
                                    return Err(Exc::type_err(format!(
                                        "'{}' object is not a mapping",
                                        tname(&m)
                                    )));
                                }
                            }
                        }
                    }
                }
                Ok(Value::dict(d))
            }
            Ex::IfExp(c, a, b) => {
                let v = self.eval(c, fr)?;
                if self.truthy(&v)? {
                    self.eval(a, fr)
                } else {
                    self.eval(b, fr)
                }
            }
            Ex::MakeFunc(def) => self.make_function(def, fr),
            Ex::Comp(def, outer) => {
                let frame = self.comp_frame(def, outer, fr)?;
                if frame.code.is_generator {
                    return self.make_generator(frame);
                }
                self.run_function_frame(frame)
            }
            Ex::FStr(parts) => {
                let mut s = String::new();
                self.fstr(parts, fr, &mut s)?;
                Ok(Value::Str(s.into()))
            }
            Ex::Yield(v) => {
                let v = match v {
                    Some(v) => self.eval(v, fr)?,
                    None => Value::None,
                };
                self.yield_value(v, fr)
            }
            Ex::YieldFrom(src) => {
                let v = self.eval(src, fr)?;
                let it = self.iter(&v)?;
                self.delegate(it, fr)
            }
            Ex::Await(e) => {
                let v = self.eval(e, fr)?;
                self.await_value(v, fr)
            }
            Ex::AsyncYield(v) => {
                let v = match v {
                    Some(v) => self.eval(v, fr)?,
                    None => Value::None,
                };
                self.async_yield(v, fr)
            }
            Ex::Walrus(t, v) => {
                let v = self.eval(v, fr)?;
                self.assign(t, v.clone(), fr)?;
                Ok(v)
            }
            Ex::Line(line, e) => {
                let saved = fr.line;
                fr.line = *line;
                let r = self.eval(e, fr);
                if r.is_ok() {
                    fr.line = saved;
                }
                r
            }
            _ => Err(Exc::new("SystemError", "unexpected expression node")),
        }
    }

    pub(crate) fn fstr(
        &mut self,
        parts: &[FPartX],
        fr: &mut Frame,
        s: &mut String,
    ) -> PyResult<()> {
        for p in parts {
            match p {
                FPartX::Lit(l) => s.push_str(l),
                FPartX::Field(e, conv, spec) => {
                    let v = self.eval(e, fr)?;
                    let v = match conv {
                        Some('r') => Value::Str(self.repr(&v)?.into()),
                        Some('s') => Value::Str(self.to_str(&v)?.into()),
                        Some('a') => Value::Str(crate::format::ascii(&self.repr(&v)?).into()),
                        _ => v,
                    };
                    let mut sp = String::new();
                    self.fstr(spec, fr, &mut sp)?;
                    let out = self.format_value(&v, &sp)?;
                    self.charge((out.len() >> 6) as u64)?;
                    s.push_str(&out);
                }
            }
        }
        Ok(())
    }

    /// `format(v, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Value::Instance(_) = v {
            if let Some(m) = self.lookup_special(v, "__format__") {
                let r = self.call(&m, vec![v.clone(), Value::str(spec)], Vec::new())?;
                return match r {
                    Value::Str(s) => Ok(s.to_string()),
                    other => Err(Exc::type_err(format!(
                        "__format__ must return a str, not {}",
                        tname(&other)
                    ))),
                };
            }
            let s = self.to_str(v)?;
            if spec.is_empty() {
                return Ok(s);
            }
            return Err(Exc::type_err(format!(
                "unsupported format string passed to {}.__format__",
                tname(v)
            )));
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        crate::format::format_spec(self, v, spec)
    }

    pub(crate) fn build_items(&mut self, items: &[ArgX], fr: &mut Frame) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            match it {
                ArgX::Pos(e) => out.push(self.eval(e, fr)?),
                ArgX::Star(e) => {
                    let v = self.eval(e, fr)?;
                    out.extend(self.collect(&v)?);
                }
                _ => {}
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ generators
}

/// Whether CPython's compiler folds `e` into a constant (literals, and operators and tuples over them).
fn folds_to_const(e: &Ex) -> bool {
    match e {
        Ex::Const(_) => true,
        Ex::Unary(_, a) => folds_to_const(a),
        Ex::Bin(a, _, b) => folds_to_const(a) && folds_to_const(b),
        Ex::Tuple(items) => items
            .iter()
            .all(|i| matches!(i, ArgX::Pos(x) if folds_to_const(x))),
        _ => false,
    }
}

/// `a op b` for an ordering or equality `op` between two ints, two floats or an int and a float (IEEE
/// rules for floats: NaN unequal to everything); `None` for anything else (the general `compare`).
#[inline]
fn num_order_fast(a: &Value, op: CmpOp, b: &Value) -> Option<bool> {
    use std::cmp::Ordering::*;
    let o = match (a, b) {
        (Value::Int(p), Value::Int(q)) => Some(p.cmp(q)),
        (Value::Float(_) | Value::Int(_), Value::Float(_) | Value::Int(_)) => num::num_cmp(a, b),
        _ => return None,
    };
    Some(match (op, o) {
        (CmpOp::Lt, Some(o)) => o == Less,
        (CmpOp::Le, Some(o)) => o != Greater,
        (CmpOp::Gt, Some(o)) => o == Greater,
        (CmpOp::Ge, Some(o)) => o != Less,
        (CmpOp::Eq, Some(o)) => o == Equal,
        (CmpOp::Ne, Some(o)) => o != Equal,
        // NaN: every ordering and `==` false, `!=` true.
        (CmpOp::Ne, None) => true,
        (CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge | CmpOp::Eq, None) => false,
        _ => return None,
    })
}
