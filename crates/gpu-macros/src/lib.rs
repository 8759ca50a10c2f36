//! `#[gpu::kernel]`: write a kernel once, as a Rust function of the kernel language, and get both a simulator
//! kernel and PTX (generated here, at build time: no nvcc, no nightly Rust) behind one typed launcher.
//! Use it through the `gpu` crate, which re-exports it and documents the language; see `gpu`'s README.
//!
//! ```
//! use gpu::{Array1, Device, LaunchConfig, kernel};
//!
//! #[kernel]
//! fn saxpy(alpha: f32, x: Array1<f32>, y: Array1<f32>, out: Array1<f32>) {
//!     let i = grid1();
//!     if i < out.len() {
//!         out[i] = alpha * x[i] + y[i];
//!     }
//! }
//!
//! let device = Device::simulator();
//! let x = device.to_device(&[1.0f32, 2.0, 3.0], &[3])?;
//! let out = device.zeros::<f32>(&[3])?;
//! saxpy.launch(&LaunchConfig::new(1, 32), (2.0, &x, &x, &out))?;
//! assert_eq!(out.copy_to_host()?, [3.0, 6.0, 9.0]);
//! assert!(saxpy::PTX.contains(".entry saxpy("));
//! # Ok::<(), gpu::Error>(())
//! ```

mod kmath;
mod model;
mod plain;
mod ptx;
mod simulator;

use model::{Kernel, ParamKind};
use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;

/// The Rust side of the kernel language's `exp`, `ln`, `sin` and `cos` (`fn exp_f64(x: f64) -> f64`, ...):
/// the same operation sequence the PTX generator emits. The `gpu` crate expands it once, in `gpu::math`.
#[doc(hidden)]
#[proc_macro]
pub fn __kernel_math(_: TokenStream) -> TokenStream {
    let fns = kmath::FUNCTIONS.iter().filter_map(|f| kmath::rust_fn(f));
    quote!(#(#fns)*).into()
}

/// Compiles a function of the kernel language into a launcher struct of the same name, with
/// `launch(&cfg, (args...))` running it on the device of its arrays: the simulator or CUDA. See the `gpu`
/// crate's documentation of `kernel` for the language.
#[proc_macro_attribute]
pub fn kernel(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = syn::parse_macro_input!(item as syn::ItemFn);
    match model::parse(attr.into(), item).and_then(|k| expand(&k)) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(kernel: &Kernel) -> syn::Result<proc_macro2::TokenStream> {
    let ptx = ptx::module(kernel)?;
    let name = kernel.name();
    let name_str = name.to_string();
    let vis = &kernel.item.vis;
    let attrs = &kernel.item.attrs;

    // The simulator's closure body.
    let mut rewrite = simulator::Rewrite {
        arrays: kernel
            .params
            .iter()
            .filter_map(|p| match p.kind {
                ParamKind::Array { ndim, .. } => {
                    Some((p.name.to_string(), simulator::Kind::View(ndim)))
                }
                ParamKind::Scalar(_) => None,
            })
            .collect(),
        shared_slots: 0,
        uses_barrier: false,
        uses_atomics: false,
        local_bytes: 0,
        fast: None,
    };
    let arrays = rewrite.arrays.clone();
    let mut body = (*kernel.item.block).clone();
    rewrite.visit_block_mut(&mut body);
    let barriers = if rewrite.uses_barrier {
        quote!(::gpu::Barriers::Sync)
    } else {
        quote!(::gpu::Barriers::None)
    };
    let local_bytes = rewrite.local_bytes;

    let generic = kernel.generic.as_ref().map(|g| &g.name);
    let type_of = |e: &model::Elem| -> proc_macro2::TokenStream {
        match e {
            model::Elem::Concrete(s) => {
                let t = format_ident!("{}", s.rust());
                quote!(#t)
            }
            model::Elem::Param => {
                let g = generic.cloned().unwrap_or_else(|| format_ident!("T"));
                quote!(#g)
            }
        }
    };
    let mut arg_types = Vec::new();
    let mut names = Vec::new();
    let mut checks = Vec::new();
    let mut views = Vec::new();
    let mut cuda_args = Vec::new();
    let mut first_array = None;
    for p in &kernel.params {
        let n = &p.name;
        let n_str = n.to_string();
        names.push(n.clone());
        match &p.kind {
            ParamKind::Array { ndim, elem } => {
                let t = type_of(elem);
                arg_types.push(quote!(&::gpu::DeviceArray<#t>));
                if first_array.is_none() {
                    first_array = Some(n.clone());
                }
                checks.push(quote!(::gpu::__private::check_array(Self::NAME, #n_str, #n, &__device, #ndim)?;));
                let claim = format_ident!("__claim_{}", n_str);
                views.push(quote!(let (#claim, #n) = ::gpu::__private::claimed_view(#n)?;));
                cuda_args.push(quote!(__args.push(::gpu::KernelArg::from(#n));));
                for d in 0..*ndim {
                    cuda_args
                        .push(quote!(__args.push(::gpu::KernelArg::U64(#n.shape()[#d] as u64));));
                }
            }
            ParamKind::Scalar(elem) => {
                let t = type_of(elem);
                arg_types.push(quote!(#t));
                cuda_args.push(quote!(__args.push(::gpu::__private::ToArg::to_arg(#n));));
            }
        }
    }
    let array_names: Vec<&syn::Ident> = kernel
        .params
        .iter()
        .filter(|p| matches!(p.kind, ParamKind::Array { .. }))
        .map(|p| &p.name)
        .collect();
    let first = first_array.ok_or_else(|| syn::Error::new(name.span(), "no array parameter"))?;
    let entries: Vec<String> = kernel
        .instances()
        .iter()
        .map(|&i| kernel.entry(i))
        .collect();
    let types: Vec<&str> = kernel
        .instances()
        .iter()
        .filter_map(|i| i.map(|s| s.rust()))
        .collect();
    let (generics, entry) = match generic {
        Some(g) => (
            quote!(<#g: ::gpu::__private::KernelScalar>),
            quote!(::gpu::__private::entry_for::<#g>(Self::NAME, &[#(#types),*])?),
        ),
        None => (quote!(), quote!(::std::string::String::from(Self::NAME))),
    };
    let doc = format!(
        "The `#[gpu::kernel]` `{name_str}`: launch it with `{name_str}.launch(&cfg, (args...))`. PTX entries: {}.",
        entries.join(", ")
    );
    let stmts = &body.stmts;
    // Kernels without barriers or shared memory run in span form: the body in a loop over a run of threads,
    // with no per-thread call or context; the others per thread, as coroutines when they synchronise.
    // Atomics report a fault's thread from thread-local memory, so a body using them stores it per thread.
    let run_fast = if rewrite.uses_atomics {
        quote!(::gpu::__private::run_span)
    } else {
        quote!(::gpu::__private::run_span_fast)
    };
    // When the arrays of each rank share one shape (as most kernels' do), a second copy of the span loop
    // rebuilds them from one copy of the extents: a bound tested once serves every array's access.
    let mut groups: Vec<Vec<&syn::Ident>> = vec![Vec::new(); 3];
    for p in &kernel.params {
        if let ParamKind::Array { ndim, .. } = &p.kind {
            groups[ndim.clamp(&1, &3) - 1].push(&p.name);
        }
    }
    let groups: Vec<(syn::Ident, Vec<&syn::Ident>)> = groups
        .into_iter()
        .enumerate()
        .filter(|(_, g)| g.len() >= 2)
        .map(|(k, g)| (format_ident!("__dims{}", k + 1), g))
        .collect();
    let uniform_launch = if groups.is_empty() {
        quote!()
    } else {
        let tests = groups.iter().flat_map(|(_, g)| {
            let first = g[0];
            g[1..]
                .iter()
                .map(move |o| quote!(#first.dims() == #o.dims()))
        });
        let dim_vars: Vec<&syn::Ident> = groups.iter().map(|(d, _)| d).collect();
        let dim_firsts: Vec<&syn::Ident> = groups.iter().map(|(_, g)| g[0]).collect();
        let rebuild = groups
            .iter()
            .flat_map(|(d, g)| g.iter().map(move |n| quote!(let #n = #n.uniform(#d);)));
        quote! {
            if #(#tests)&&* {
                #(let #dim_vars = #dim_firsts.dims();)*
                return __device.launch_sim_span(Self::NAME, cfg, move |__s: &::gpu::ThreadSpan| {
                    #(let #names = #names;)*
                    #(let #dim_vars = #dim_vars;)*
                    #(#rebuild)*
                    #run_fast(__s, move |__t: &::gpu::__private::SpanThread| {
                        #(#stmts)*
                    })
                });
            }
        }
    };
    let sim_launch = if !rewrite.uses_barrier && rewrite.shared_slots == 0 {
        // Twice: with the race check's views, and with plain ones when the check is off (no per-access
        // branch on it, so the loop keeps its values in registers).
        quote! {
            ::gpu::__private::check_local(Self::NAME, Self::LOCAL_BYTES)?;
            if __device.racecheck() {
                __device.launch_sim_span(Self::NAME, cfg, move |__s: &::gpu::ThreadSpan| {
                    ::gpu::__private::run_span(__s, |__t: &::gpu::__private::SpanThread| {
                        #(#stmts)*
                    })
                })
            } else {
                #(let #array_names = ::gpu::__private::fast_deferred(#array_names);)*
                #uniform_launch
                __device.launch_sim_span(Self::NAME, cfg, move |__s: &::gpu::ThreadSpan| {
                    // Copies local to the span, so that the optimiser keeps them in registers across the
                    // kernel's stores instead of reloading them through the closure.
                    #(let #names = #names;)*
                    #run_fast(__s, move |__t: &::gpu::__private::SpanThread| {
                        #(#stmts)*
                    })
                })
            }
        }
    } else {
        quote! {
            if __device.racecheck() {
                __device.launch_sim_local(Self::NAME, cfg, #barriers, Self::LOCAL_BYTES, move |__t: &::gpu::ThreadCtx<'_>| {
                    #(#stmts)*
                })
            } else {
                #(let #array_names = ::gpu::__private::fast_deferred(#array_names);)*
                __device.launch_sim_local(Self::NAME, cfg, #barriers, Self::LOCAL_BYTES, move |__t: &::gpu::ThreadCtx<'_>| {
                    // Shared arrays without the race check's branch and bookkeeping.
                    let __t = &::gpu::__private::FastCtx(__t);
                    #(#stmts)*
                })
            }
        }
    };
    let plain_launch =
        if !rewrite.uses_barrier && rewrite.shared_slots == 0 && !rewrite.uses_atomics {
            plain_launch(kernel, &arrays)
        } else {
            quote!()
        };
    let sig_inputs = &kernel.item.sig.inputs;
    let generics_plain = &kernel.item.sig.generics;
    Ok(quote! {
        #(#attrs)*
        #[doc = #doc]
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, Default)]
        #vis struct #name;

        impl #name {
            /// The kernel's name.
            pub const NAME: &'static str = #name_str;
            /// The PTX module generated from the kernel (one entry per element type).
            pub const PTX: &'static str = #ptx;
            /// The PTX entry names.
            pub const ENTRIES: &'static [&'static str] = &[#(#entries),*];
            /// Bytes of local arrays per thread (an upper bound), which sizes the simulator's stacks.
            pub const LOCAL_BYTES: usize = #local_bytes;

            /// The kernel's signature as written (only its types are used: they name the arguments).
            #[allow(dead_code, unused_variables, clippy::too_many_arguments, non_snake_case)]
            fn __signature #generics_plain(#sig_inputs) {}

            /// Launches the kernel over `cfg` on the device its arrays live on: the simulator runs the Rust
            /// body, CUDA the generated PTX. Arguments are checked first: every array on one device and
            /// of the declared number of dimensions.
            ///
            /// # Errors
            /// `gpu::Error::BadArguments` for a wrong array, `BadLaunch` for a configuration outside the
            /// device's limits, `KernelFailed` when a simulated thread faults, `Cuda` when the driver refuses.
            #[allow(clippy::too_many_arguments, unused_mut, unused_variables, clippy::unused_unit, clippy::unnecessary_cast, clippy::manual_div_ceil, clippy::needless_return, clippy::assign_op_pattern, clippy::collapsible_if)]
            #vis fn launch #generics(&self, cfg: &::gpu::LaunchConfig, args: (#(#arg_types,)*)) -> ::gpu::Result<()> {
                self.__launch(::std::option::Option::None, cfg, args)
            }

            /// [`Self::launch`] on `stream` (numba's `kernel[grid, block, stream](...)`): on CUDA it runs
            /// after the work queued on that stream before it; the simulator runs it at once, as every launch.
            ///
            /// # Errors
            /// As [`Self::launch`], and `gpu::Error::WrongDevice` for a stream of another device.
            #[allow(clippy::too_many_arguments)]
            #vis fn launch_on #generics(&self, stream: &::gpu::Stream, cfg: &::gpu::LaunchConfig, args: (#(#arg_types,)*)) -> ::gpu::Result<()> {
                self.__launch(::std::option::Option::Some(stream), cfg, args)
            }

            #[allow(clippy::too_many_arguments, unused_mut, unused_variables, clippy::unused_unit, clippy::unnecessary_cast, clippy::manual_div_ceil, clippy::needless_return, clippy::assign_op_pattern, clippy::collapsible_if)]
            fn __launch #generics(&self, __stream: ::std::option::Option<&::gpu::Stream>, cfg: &::gpu::LaunchConfig, args: (#(#arg_types,)*)) -> ::gpu::Result<()> {
                let (#(#names,)*) = args;
                let __device = #first.device().clone();
                if let ::std::option::Option::Some(__s) = __stream {
                    if !__s.device().same_as(&__device) {
                        return ::std::result::Result::Err(::gpu::Error::WrongDevice {
                            what: ::std::format!("the stream of the launch of `{}`", Self::NAME),
                            array: __s.device().name().to_string(),
                            device: __device.name().to_string(),
                        });
                    }
                }
                let __entry = #entry;
                #(#checks)*
                if __device.backend() == ::gpu::Backend::Simulator {
                    #plain_launch
                    #(#views)*
                    #sim_launch
                } else {
                    // Keyed by the kernel's full path: two kernels of one name in different modules differ.
                    let __module = __device.__kernel_module(::std::concat!(::std::module_path!(), "::", #name_str), Self::PTX)?;
                    let mut __args: ::std::vec::Vec<::gpu::KernelArg> = ::std::vec::Vec::new();
                    #(#cuda_args)*
                    match __stream {
                        ::std::option::Option::Some(__s) => __module.launch_on(__s, &__entry, cfg, &__args),
                        ::std::option::Option::None => __module.launch(&__entry, cfg, &__args),
                    }
                }
            }
        }
    })
}

/// The plain form of a barrier-free kernel's launch (`gpu`'s `plain.rs`), tried before the atomic form when
/// the kernel qualifies (`plain.rs` here): it returns from the launcher when every array could be taken, and
/// otherwise gives them back and lets the atomic form run. Each span runs the body twice over: the threads
/// whose own elements are all in bounds with those accesses as plain slice indexing (`__fast_a[__k]`,
/// bounds known from the loop: the compiler vectorises it), then the rest with the checked accessors.
fn plain_launch(
    kernel: &Kernel,
    arrays: &std::collections::HashMap<String, simulator::Kind>,
) -> proc_macro2::TokenStream {
    let ranks = kernel
        .params
        .iter()
        .filter_map(|p| match p.kind {
            ParamKind::Array { ndim, .. } => Some((p.name.to_string(), ndim)),
            ParamKind::Scalar(_) => None,
        })
        .collect();
    let params: std::collections::HashSet<String> = kernel
        .item
        .sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            syn::FnArg::Typed(pt) => match &*pt.pat {
                syn::Pat::Ident(pi) if pi.mutability.is_none() => Some(pi.ident.to_string()),
                _ => None,
            },
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    if let Some(stride) = plain::grid_stride(&kernel.item.block, &params) {
        return match plain::analyse_stride(&stride, ranks) {
            Some(plain) => plain_stride_launch(kernel, arrays, &stride, &plain),
            None => quote!(),
        };
    }
    let Some(plain) = plain::analyse(&kernel.item.block, ranks) else {
        return quote!();
    };
    let mut fast = simulator::Rewrite {
        arrays: arrays.clone(),
        shared_slots: 0,
        uses_barrier: false,
        uses_atomics: false,
        local_bytes: 0,
        fast: Some(plain.clone()),
    };
    let mut fast_body = (*kernel.item.block).clone();
    fast.visit_block_mut(&mut fast_body);
    let mut slow = simulator::Rewrite { fast: None, ..fast };
    let mut slow_body = (*kernel.item.block).clone();
    slow.visit_block_mut(&mut slow_body);
    let (fast_stmts, slow_stmts) = (&fast_body.stmts, &slow_body.stmts);

    let mut take = Vec::new();
    let mut names = Vec::new();
    let mut per_span = Vec::new();
    let mut limits = Vec::new();
    let mut own = Vec::new();
    let mut slices = Vec::new();
    for p in &kernel.params {
        let n = &p.name;
        let n_str = n.to_string();
        let ParamKind::Array { ndim, .. } = p.kind else {
            continue;
        };
        names.push(n.clone());
        let f = format_ident!("__fast_{}", n_str);
        if plain.written.contains(&n_str) {
            take.push(quote!(__p.write(#n)));
            per_span.push(quote!(let #n = #n.own(__tok);));
            limits.push(quote!(let __n = __n.min(#n.in_bounds());));
            slices.push(quote!(let #f = #n.first(__n);));
            own.push(quote!((#n.dims(), #ndim)));
        } else {
            take.push(quote!(__p.read(#n)));
            if plain.own_read.contains(&n_str) {
                per_span.push(quote!(let #f = #n.own(__tok, #ndim);));
                limits.push(quote!(let __n = __n.min(#f.len());));
                slices.push(quote!(let #f = &#f[..__n];));
                own.push(quote!((#n.dims(), #ndim)));
            }
        }
    }
    let scalars: Vec<&syn::Ident> = kernel
        .params
        .iter()
        .filter(|p| matches!(p.kind, ParamKind::Scalar(_)))
        .map(|p| &p.name)
        .collect();
    quote! {
        if let ::std::option::Option::Some(__p) = ::gpu::__private::PlainLaunch::new(&__device, cfg) {
            if let (#(::std::option::Option::Some(#names),)*) = (#(#take,)*) {
                ::gpu::__private::check_local(Self::NAME, Self::LOCAL_BYTES)?;
                return __p.run(Self::NAME, move |__tok: &::gpu::__private::SpanToken<'_>| {
                    #(let #scalars = #scalars;)*
                    #(#per_span)*
                    let __n = __tok.span().len();
                    #(#limits)*
                    #(#slices)*
                    ::gpu::__private::run_plain_span(
                        __tok.span(),
                        __n,
                        [#(#own),*],
                        |__t: &::gpu::__private::SpanThread, __k: usize| {
                            #(#fast_stmts)*
                        },
                        |__t: &::gpu::__private::SpanThread| {
                            #(#slow_stmts)*
                        },
                    )
                });
            }
        }
    }
}

/// [`plain_launch`] of a grid-stride kernel (`plain::Stride`): each span runs the loop pass by pass, all
/// its threads at once: in pass `p` its threads own the consecutive indices `x + p * S` (`gpu`'s
/// `PlainWrite::own_pass`), so a pass is the span loop of a one-pass kernel, vectorised the same way. The
/// passes stop at the first one whose first index reaches the bound (the bound is the same for every
/// thread, and the indices grow along the span).
fn plain_stride_launch(
    kernel: &Kernel,
    arrays: &std::collections::HashMap<String, simulator::Kind>,
    stride: &plain::Stride,
    plain: &plain::Plain,
) -> proc_macro2::TokenStream {
    let prefix = &stride.prefix;
    let loop_body = &stride.body;
    let block: syn::Block = syn::parse_quote!({
        #(#prefix)*
        #(#loop_body)*
    });
    let mut fast = simulator::Rewrite {
        arrays: arrays.clone(),
        shared_slots: 0,
        uses_barrier: false,
        uses_atomics: false,
        local_bytes: 0,
        fast: Some(plain.clone()),
    };
    let mut fast_body = block.clone();
    fast.visit_block_mut(&mut fast_body);
    let mut slow = simulator::Rewrite { fast: None, ..fast };
    let mut slow_body = block;
    slow.visit_block_mut(&mut slow_body);
    let mut bound: syn::Block = {
        let b = &stride.bound;
        syn::parse_quote!({ #b })
    };
    slow.visit_block_mut(&mut bound);
    let (fast_stmts, slow_stmts) = (&fast_body.stmts, &slow_body.stmts);
    let var = &stride.var;

    let mut take = Vec::new();
    let mut names = Vec::new();
    let mut per_pass = Vec::new();
    let mut limits = Vec::new();
    let mut slices = Vec::new();
    for p in &kernel.params {
        let n = &p.name;
        let n_str = n.to_string();
        let ParamKind::Array { .. } = p.kind else {
            continue;
        };
        names.push(n.clone());
        let f = format_ident!("__fast_{}", n_str);
        if plain.written.contains(&n_str) {
            take.push(quote!(__p.write(#n)));
            per_pass.push(quote!(let #n = #n.own_pass(__tok, __pass);));
            limits.push(quote!(let __n = __n.min(#n.in_bounds());));
            slices.push(quote!(let #f = #n.first(__n);));
        } else {
            take.push(quote!(__p.read(#n)));
            if plain.own_read.contains(&n_str) {
                per_pass.push(quote!(let #f = #n.own_pass(__tok, __pass);));
                limits.push(quote!(let __n = __n.min(#f.len());));
                slices.push(quote!(let #f = &#f[..__n];));
            }
        }
    }
    let scalars: Vec<&syn::Ident> = kernel
        .params
        .iter()
        .filter(|p| matches!(p.kind, ParamKind::Scalar(_)))
        .map(|p| &p.name)
        .collect();
    quote! {
        if let ::std::option::Option::Some(__p) = ::gpu::__private::PlainLaunch::new(&__device, cfg) {
            if let (#(::std::option::Option::Some(#names),)*) = (#(#take,)*) {
                ::gpu::__private::check_local(Self::NAME, Self::LOCAL_BYTES)?;
                return __p.run(Self::NAME, move |__tok: &::gpu::__private::SpanToken<'_>| {
                    #(let #scalars = #scalars;)*
                    let __span = __tok.span();
                    let __gs = __span.gridsize1();
                    let __bound: usize = {
                        let __t = &::gpu::__private::SpanThread::first(__span);
                        #bound
                    };
                    let mut __passes: u32 = 0;
                    let mut __pass = 0usize;
                    loop {
                        if ::gpu::__private::loop_guard(&mut __passes) {
                            return;
                        }
                        let ::std::option::Option::Some(__start) = __pass
                            .checked_mul(__gs)
                            .and_then(|__o| __o.checked_add(__span.grid_x().start))
                        else {
                            return;
                        };
                        if __start >= __bound {
                            return;
                        }
                        let __off = __start - __span.grid_x().start;
                        {
                            #(#per_pass)*
                            let __n = __span.len().min(__bound - __start);
                            #(#limits)*
                            #(#slices)*
                            ::gpu::__private::run_plain_pass(
                                __span,
                                __n,
                                |__t: &::gpu::__private::SpanThread, __k: usize| {
                                    let #var: usize = __start + __k;
                                    #(#fast_stmts)*
                                },
                                |__t: &::gpu::__private::SpanThread| {
                                    // (Past `usize` only when the bound is near it: that thread's loop
                                    // has ended.)
                                    if let ::std::option::Option::Some(#var) = __t.grid1().checked_add(__off) {
                                        if #var < __bound {
                                            #(#slow_stmts)*
                                        }
                                    }
                                },
                            );
                        }
                        __pass += 1;
                    }
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(item: syn::ItemFn, attr: proc_macro2::TokenStream) -> syn::Result<String> {
        model::parse(attr, item).and_then(|k| ptx::module(&k))
    }

    #[test]
    fn a_generic_kernel_gets_one_typed_entry_per_type() {
        let ptx = compile(
            syn::parse_quote! {
                fn add<T>(a: Array1<T>, b: Array1<T>) {
                    let i = grid1();
                    if i < a.len() { b[i] += a[i]; }
                }
            },
            quote!(T = [i64, f32]),
        )
        .expect("compiles");
        assert!(
            ptx.contains(".visible .entry add_i64(") && ptx.contains(".visible .entry add_f32(")
        );
        assert!(
            ptx.contains("add.s64") && ptx.contains("add.rn.f32"),
            "{ptx}"
        );
        assert!(ptx.contains("ld.global.f32") && ptx.contains("st.global.s64"));
    }

    #[test]
    fn outside_the_language_is_a_compile_error_with_a_reason() {
        let cases: Vec<(syn::ItemFn, &str)> = vec![
            (
                syn::parse_quote!(
                    fn k(a: Array1<f32>) {
                        let v = vec![1.0f32];
                    }
                ),
                "macros are not part of the kernel language",
            ),
            (
                syn::parse_quote!(
                    fn k(a: Array1<f32>) {
                        let x: f32 = 1;
                    }
                ),
                "an integer literal where a float is expected",
            ),
            (
                syn::parse_quote!(
                    fn k(a: Array1<f32>) {
                        a[0] = 1.0f64;
                    }
                ),
                "expected f32, found f64",
            ),
            (
                syn::parse_quote!(
                    fn k(n: u32) {}
                ),
                "at least one array parameter",
            ),
            (
                syn::parse_quote!(
                    fn k(a: Array1<f32>) -> f32 {
                        1.0
                    }
                ),
                "returns nothing",
            ),
            (
                syn::parse_quote!(
                    fn k(a: Array1<f32>) {
                        let s = a.iter();
                    }
                ),
                "arrays have .len() and .shape(axis)",
            ),
        ];
        for (item, expected) in cases {
            let err = compile(item, quote!()).expect_err(expected);
            assert!(
                err.to_string().contains(expected),
                "{err} (wanted {expected})"
            );
        }
    }

    #[test]
    fn conditions_short_circuit_and_loops_branch() {
        let ptx = compile(
            syn::parse_quote! {
                fn k(a: Array1<u32>, n: u32) {
                    let i = grid1();
                    if i < a.len() && a[i] > 0 {
                        let mut s = 0u32;
                        for j in 0..n { if j == 3 { continue; } s += j; }
                        while s > 10 { s = s / 2; }
                        a[i] = s;
                    }
                }
            },
            quote!(),
        )
        .expect("compiles");
        // The array read sits after the branch that skips it when `i < a.len()` is false.
        let skip = ptx.find("@!%p").expect("a conditional branch");
        let read = ptx.find("ld.global.u32").expect("the read");
        assert!(skip < read, "{ptx}");
        assert!(ptx.contains("div.u32") && ptx.contains("bra.uni"));
    }
}
