//! Generators: creating, resuming, throwing into and closing them (stackful coroutines).

use super::*;

impl Interp {
    pub(crate) fn make_generator(&mut self, frame: Frame) -> PyResult<Value> {
        if frame.code.coro != 0 || frame.code.iterable_coro.get() {
            return self.make_coroutine(frame);
        }
        let name = frame.code.name.clone();
        let qualname = frame.code.qualname.clone();
        let co = self.new_gen_co(frame)?;
        Ok(Value::Iter(Rc::new(RefCell::new(Iter::Generator(
            Box::new(GenState {
                co: Some(co),
                name,
                qualname,
                finished: false,
                kind: GenKind::Generator,
                pending: None,
                code: None,
                frames: Vec::new(),
            }),
        )))))
    }

    /// The stackful coroutine that runs a generator's (or coroutine's) frame.
    pub(crate) fn new_gen_co(
        &mut self,
        frame: Frame,
    ) -> PyResult<Coroutine<GenIn, Value, PyResult<Value>, DefaultStack>> {
        let stack = match self.gen_stacks.pop() {
            Some(s) => s,
            None => DefaultStack::new(GEN_STACK)
                .map_err(|_| Exc::new("MemoryError", "cannot allocate a generator stack"))?,
        };
        let co = Coroutine::with_stack(stack, move |y: &Yielder<GenIn, Value>, input: GenIn| {
            let (ip, _first, thrown) = input;
            // SAFETY: `ip` is the address of the `Interp` that called `resume`; it stays borrowed by that
            // call (and unused by it) for as long as this coroutine runs, and every later resume passes the
            // same address.
            let it: &mut Interp = unsafe { &mut *(ip as *mut Interp) };
            it.yielder = y as *const Yielder<GenIn, Value> as usize;
            let mut frame = frame;
            if let Some(e) = thrown {
                return Err(e);
            }
            it.run_function_frame_gen(&mut frame)
        });
        Ok(co)
    }

    pub(crate) fn yield_value(&mut self, v: Value, fr: &mut Frame) -> PyResult<Value> {
        if self.yielder == 0 {
            return Err(Exc::new("SystemError", "yield outside a running generator"));
        }
        // A traced generator reports each `yield` as a return and each resumption as a call (CPython's
        // trace events), so `s` shows `--Return--` at the yield and `--Call--` when it runs again.
        #[cfg(not(feature = "untraced"))]
        if self.tracing {
            self.trace_yield(fr, &v)?;
        }
        let me = self.yielder;
        let floor = self.stack_floor;
        let depth = self.depth;
        // SAFETY: `me` was set from the live `Yielder` of the coroutine we are running on.
        let y: &Yielder<GenIn, Value> = unsafe { &*(me as *const Yielder<GenIn, Value>) };
        let (_ip, sent, thrown) = y.suspend(v);
        // Whoever resumed us changed this interpreter's state while we were suspended; `black_box` makes the
        // compiler treat `self` as modified, so the restores below really happen and no field is reused
        // from before the suspension.
        let this: &mut Interp = std::hint::black_box(self);
        this.yielder = me;
        this.stack_floor = floor;
        crate::guard::set_floor(this.stack_floor);
        this.depth = depth;
        #[cfg(not(feature = "untraced"))]
        if this.tracing {
            this.trace_call(fr)?;
        }
        let _ = &fr;
        match thrown {
            Some(e) => Err(e),
            None => Ok(sent),
        }
    }

    /// `generator.throw(exc)`: raises `exc` at the suspended `yield`.
    pub fn throw_gen(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        exc: Box<Exc>,
    ) -> PyResult<Result<Value, Value>> {
        let finished = matches!(&*g.borrow(), Iter::Generator(st) if st.finished);
        if finished {
            return Err(exc);
        }
        self.resume_gen_with(g, Value::None, Some(exc))
    }

    /// `generator.close()`: raises `GeneratorExit` at the `yield` so `finally` blocks run.
    pub fn close_gen(&mut self, g: &Rc<RefCell<Iter>>) -> PyResult<()> {
        let started = match &mut *g.borrow_mut() {
            Iter::Generator(st) => {
                if st.finished {
                    return Ok(());
                }
                let started = st.co.as_ref().is_some_and(|c| c.started());
                if !started {
                    st.finished = true;
                    st.co = None;
                    st.pending = None;
                }
                started
            }
            _ => return Ok(()),
        };
        if !started {
            return Ok(());
        }
        match self.resume_gen_with(g, Value::None, Some(Exc::new("GeneratorExit", ""))) {
            Ok(Ok(_)) => {
                let noun = match &*g.borrow() {
                    Iter::Generator(st) => st.kind.noun(),
                    _ => "generator",
                };
                Err(Exc::new(
                    "RuntimeError",
                    format!("{noun} ignored GeneratorExit"),
                ))
            }
            Ok(Err(_)) => Ok(()),
            Err(e) => {
                let cls = self.exc_class(&e);
                if cls.is_subclass(&self.types.exc["GeneratorExit"])
                    || cls.is_subclass(&self.types.exc["StopIteration"])
                {
                    Ok(())
                } else {
                    Err(e)
                }
            }
        }
    }

    /// Resumes a generator; `Ok(Ok(v))` = yielded, `Ok(Err(ret))` = finished with return value.
    pub fn resume_gen(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        sent: Value,
    ) -> PyResult<Result<Value, Value>> {
        self.resume_gen_with(g, sent, None)
    }

    pub(crate) fn resume_gen_with(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        sent: Value,
        thrown: Option<Box<Exc>>,
    ) -> PyResult<Result<Value, Value>> {
        let (co, qn, gen_frames) = {
            let mut b = g.borrow_mut();
            match &mut *b {
                Iter::Generator(st) => {
                    if st.finished {
                        return Ok(Err(Value::None));
                    }
                    match st.co.take() {
                        Some(co) => (co, st.kind, std::mem::take(&mut st.frames)),
                        None => match st.pending.take() {
                            // A coroutine's first step: its stack is made now.
                            Some(f) => {
                                let kind = st.kind;
                                drop(b);
                                let co = match self.new_gen_co(*f) {
                                    Ok(co) => co,
                                    Err(e) => {
                                        if let Iter::Generator(st) = &mut *g.borrow_mut() {
                                            st.finished = true;
                                        }
                                        return Err(e);
                                    }
                                };
                                (co, kind, Vec::new())
                            }
                            None => {
                                return Err(Exc::value_err(format!(
                                    "{} already executing",
                                    st.kind.noun()
                                )));
                            }
                        },
                    }
                }
                _ => return Err(Exc::type_err("not a generator")),
            }
        };
        let _ = qn;
        let mut co = co;
        if !co.started() && !matches!(sent, Value::None) {
            if let Iter::Generator(st) = &mut *g.borrow_mut() {
                st.co = Some(co);
            }
            return Err(Exc::type_err(format!(
                "can't send non-None value to a just-started {}",
                qn.noun()
            )));
        }
        let saved_y = self.yielder;
        let saved_floor = self.stack_floor;
        let saved_depth = self.depth;
        let saved_frames = self.frames.len();
        self.frames.extend(gen_frames);
        let saved_handling = self.handling.len();
        {
            let _ = &co;
        }
        let ip = self as *mut Interp as usize;
        self.stack_floor = 0;
        crate::guard::set_floor(self.stack_floor);
        let r = co.resume((ip, sent, thrown));
        self.yielder = saved_y;
        self.stack_floor = saved_floor;
        crate::guard::set_floor(self.stack_floor);
        self.depth = saved_depth;
        let gen_frames = self.frames.split_off(saved_frames.min(self.frames.len()));
        self.handling.truncate(saved_handling);
        match r {
            CoroutineResult::Yield(v) => {
                if let Iter::Generator(st) = &mut *g.borrow_mut() {
                    st.co = Some(co);
                    st.frames = gen_frames;
                }
                Ok(Ok(v))
            }
            CoroutineResult::Return(res) => {
                if let Iter::Generator(st) = &mut *g.borrow_mut() {
                    st.finished = true;
                }
                if self.gen_stacks.len() < 16 {
                    self.gen_stacks.push(co.into_stack());
                }
                match res {
                    Ok(v) => Ok(Err(v)),
                    Err(mut e) => {
                        let cls = self.exc_class(&e);
                        if cls.is_subclass(&self.types.exc["StopIteration"]) {
                            e = Exc::new(
                                "RuntimeError",
                                format!("{} raised StopIteration", qn.noun()),
                            );
                        } else if qn == GenKind::AsyncGen
                            && cls.is_subclass(&self.types.exc["StopAsyncIteration"])
                        {
                            e = Exc::new(
                                "RuntimeError",
                                "async generator raised StopAsyncIteration",
                            );
                        }
                        Err(e)
                    }
                }
            }
        }
    }

    pub(crate) fn run_function_frame_gen(&mut self, fr: &mut Frame) -> PyResult<Value> {
        use corosensei::stack::Stack;
        let _ = self.gen_stacks.first().map(|s| s.limit());
        // Our own stack floor: the current stack pointer minus what a generator stack safely holds.
        self.stack_floor = sp().saturating_sub(GEN_STACK - STACK_MARGIN);
        crate::guard::set_floor(self.stack_floor);
        self.run_function_frame_ref(fr)
    }

    // ------------------------------------------------------------------ calls
}
