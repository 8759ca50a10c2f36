//! tasklab's drop-in replacement for `find_cuda_helper` 0.2, patched in for the whole dependency graph so that
//! cust builds without a CUDA toolkit and its binaries start without an NVIDIA driver.
//!
//! cust_raw's build script calls [`include_cuda`]; there it generates and compiles `tasklab_cuda_loader`, a
//! static library that loads `libcuda.so.1` with `dlopen` when `cuInit` is first called and forwards every
//! `cu*` function cust_raw declares through a table (assembly trampolines, so no C signature is needed). With no
//! driver, `cuInit` returns `CUDA_ERROR_NO_DEVICE` and `cuGetErrorString` explains why. Everywhere else (cust's
//! own build script) it only registers the build script for re-runs. See the README for the whole story.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// `CUDA_ERROR_NO_DEVICE`: what `cuInit` returns when no driver can be loaded.
pub const NO_DRIVER_CODE: i32 = 100;
/// `CUDA_ERROR_NOT_SUPPORTED`: what a function returns that the installed driver does not export.
pub const MISSING_FUNCTION_CODE: i32 = 801;
/// `CUDA_ERROR_NOT_INITIALIZED`: what every function returns before a successful `cuInit`.
pub const NOT_INITIALIZED_CODE: i32 = 3;

/// Functions written in C in the loader (they load the driver first); every other name is a trampoline.
const IN_C: [&str; 4] = [
    "cuInit",
    "cuDriverGetVersion",
    "cuGetErrorString",
    "cuGetErrorName",
];

/// The build-script entry point cust and cust_raw call. In cust_raw's build script it builds the run-time
/// loader; in any other build script it does nothing but register `build.rs` for re-runs.
///
/// # Panics
/// Only inside a build script, when cust_raw's bindings cannot be read or the loader cannot be compiled: a
/// build script reports failure by panicking, and the message says what went wrong.
pub fn include_cuda() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_PKG_NAME").as_deref() != Ok("cust_raw") {
        return;
    }
    let Some(arch) = std::env::var("CARGO_CFG_TARGET_ARCH")
        .ok()
        .and_then(|a| Arch::from_target(&a))
    else {
        // Not a target the trampolines support: behave like the original helper (link the driver directly).
        println!("cargo:rustc-link-lib=dylib=cuda");
        return;
    };
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let out = std::env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    if let Err(err) = build_loader(&manifest.join("src").join("cuda.rs"), &out, arch) {
        panic!("tasklab find_cuda_helper: could not build the CUDA driver loader: {err}");
    }
}

/// The CPU architectures the assembly trampolines are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    X86_64,
    Aarch64,
}

impl Arch {
    /// Maps Cargo's `CARGO_CFG_TARGET_ARCH` value to a supported architecture.
    pub fn from_target(arch: &str) -> Option<Arch> {
        match arch {
            "x86_64" => Some(Arch::X86_64),
            "aarch64" => Some(Arch::Aarch64),
            _ => None,
        }
    }
}

fn build_loader(bindings: &Path, out: &Path, arch: Arch) -> Result<(), String> {
    let text = std::fs::read_to_string(bindings).map_err(|e| {
        format!(
            "cannot read cust_raw's bindings {}: {e}",
            bindings.display()
        )
    })?;
    let names = declared_functions(&text);
    if !names.iter().any(|n| n == "cuInit") {
        return Err(format!(
            "{} declares no `cuInit`; is this cust_raw?",
            bindings.display()
        ));
    }
    let c_path = out.join("tasklab_cuda_loader.c");
    let s_path = out.join("tasklab_cuda_trampolines.S");
    let codes = known_result_codes(&text);
    if !codes.contains(&0) || !codes.contains(&999) {
        return Err(format!(
            "{} has no readable `cudaError_enum`; is this cust_raw?",
            bindings.display()
        ));
    }
    std::fs::write(&c_path, loader_c(&names, &codes))
        .map_err(|e| format!("cannot write {}: {e}", c_path.display()))?;
    std::fs::write(&s_path, trampolines_asm(&names, arch))
        .map_err(|e| format!("cannot write {}: {e}", s_path.display()))?;
    cc::Build::new()
        .file(&c_path)
        .file(&s_path)
        .warnings(true)
        .try_compile("tasklab_cuda_loader")
        .map_err(|e| e.to_string())?;
    println!("cargo:rustc-link-lib=dylib=dl");
    Ok(())
}

/// The `cu*` functions declared in bindgen output (`pub fn cuName(`), in order, without duplicates.
pub fn declared_functions(bindings: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in bindings.lines() {
        let Some(rest) = line.trim_start().strip_prefix("pub fn ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if name.starts_with("cu") && rest[name.len()..].starts_with('(') && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The values of `cudaError_enum` in bindgen output: the result codes cust_raw's `CUresult` can hold.
pub fn known_result_codes(bindings: &str) -> Vec<i64> {
    let Some(start) = bindings.find("pub enum cudaError_enum") else {
        return Vec::new();
    };
    let body = &bindings[start..];
    let body = &body[..body.find('}').unwrap_or(body.len())];
    body.lines()
        .filter_map(|l| {
            l.split_once('=')
                .and_then(|(_, v)| v.trim().trim_end_matches(',').parse().ok())
        })
        .collect()
}

/// The C half of the loader: the table, the one-time `dlopen`, and the four functions written in C.
pub fn loader_c(names: &[String], codes: &[i64]) -> String {
    let mut c = String::new();
    c.push_str("/* Generated by tasklab's find_cuda_helper: loads libcuda.so.1 at run time. */\n");
    c.push_str(
        "#include <dlfcn.h>\n#include <pthread.h>\n#include <stdio.h>\n#include <string.h>\n\n",
    );
    let _ = writeln!(c, "#define TASKLAB_CU_COUNT {}", names.len());
    let _ = writeln!(
        c,
        "static int tasklab_cu_uninit(void) {{ return {NOT_INITIALIZED_CODE}; }}"
    );
    let _ = writeln!(
        c,
        "static int tasklab_cu_missing(void) {{ return {MISSING_FUNCTION_CODE}; }}"
    );
    c.push_str(
        "__attribute__((visibility(\"hidden\"))) void *tasklab_cu_table[TASKLAB_CU_COUNT] = {\n",
    );
    for _ in names {
        c.push_str("    (void *)tasklab_cu_uninit,\n");
    }
    c.push_str("};\nstatic const char *const tasklab_cu_names[TASKLAB_CU_COUNT] = {\n");
    for name in names {
        let _ = writeln!(c, "    \"{name}\",");
    }
    c.push_str("};\n");
    for name in IN_C {
        let index = names
            .iter()
            .position(|n| n == name)
            .map_or(-1, |i| i as i64);
        let _ = writeln!(c, "#define TASKLAB_IDX_{name} {index}");
    }
    c.push_str("static int tasklab_cu_known(int code) {\n    switch (code) {\n");
    for code in codes {
        let _ = writeln!(c, "    case {code}:");
    }
    c.push_str("        return 1;\n    default:\n        return 0;\n    }\n}\n");
    c.push_str(LOADER_BODY);
    c
}

/// The hand-written part of the C loader (the generated table and names come before it).
const LOADER_BODY: &str = r#"
static pthread_once_t tasklab_once = PTHREAD_ONCE_INIT;
static void *tasklab_driver;
static char tasklab_reason[600];

static void tasklab_load(void) {
    tasklab_driver = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!tasklab_driver) {
        const char *why = dlerror();
        snprintf(tasklab_reason, sizeof tasklab_reason,
                 "no CUDA driver: libcuda.so.1 could not be loaded (%s); install the NVIDIA driver, "
                 "or use the CPU simulator", why ? why : "unknown reason");
        return;
    }
    for (int i = 0; i < TASKLAB_CU_COUNT; i++) {
        void *f = dlsym(tasklab_driver, tasklab_cu_names[i]);
        tasklab_cu_table[i] = f ? f : (void *)tasklab_cu_missing;
    }
}

static int tasklab_loaded(void) {
    pthread_once(&tasklab_once, tasklab_load);
    return tasklab_driver != NULL;
}

/* cust_raw's CUresult is a Rust enum of CUDA 11.4's codes: a newer driver's code outside it must never reach
   Rust. Every call's result passes through here; an unknown code becomes CUDA_ERROR_UNKNOWN (999) and is kept
   so that cuGetErrorString can still say what the driver meant. */
static __thread int tasklab_raw_code;

__attribute__((visibility("hidden"))) int tasklab_cu_result(int code) {
    if (tasklab_cu_known(code)) return code;
    tasklab_raw_code = code;
    return 999;
}

typedef int (*tasklab_init_fn)(unsigned int);
typedef int (*tasklab_version_fn)(int *);
typedef int (*tasklab_string_fn)(int, const char **);

int cuInit(unsigned int flags) {
    if (!tasklab_loaded() || TASKLAB_IDX_cuInit < 0) return 100;
    return tasklab_cu_result(((tasklab_init_fn)tasklab_cu_table[TASKLAB_IDX_cuInit])(flags));
}

int cuDriverGetVersion(int *version) {
    if (!tasklab_loaded() || TASKLAB_IDX_cuDriverGetVersion < 0) {
        if (version) *version = 0;
        return 100;
    }
    return tasklab_cu_result(((tasklab_version_fn)tasklab_cu_table[TASKLAB_IDX_cuDriverGetVersion])(version));
}

static __thread char tasklab_unknown[400];

static int tasklab_describe(int index, int error, const char **out, const char *kind) {
    if (!out) return 1; /* CUDA_ERROR_INVALID_VALUE */
    if (!tasklab_loaded()) {
        *out = tasklab_reason;
        return 0;
    }
    if (index >= 0) {
        const char *text = NULL;
        int status = ((tasklab_string_fn)tasklab_cu_table[index])(error, &text);
        int raw = tasklab_raw_code;
        const char *raw_text = NULL;
        if (error == 999 && raw != 0 &&
            ((tasklab_string_fn)tasklab_cu_table[index])(raw, &raw_text) == 0 && raw_text) {
            snprintf(tasklab_unknown, sizeof tasklab_unknown,
                     "%s (CUDA error %d, newer than the error codes cust knows)", raw_text, raw);
            *out = tasklab_unknown;
            return 0;
        }
        if (status == 0 && text) {
            *out = text;
            return 0;
        }
    }
    snprintf(tasklab_unknown, sizeof tasklab_unknown,
             "CUDA error %d (this driver has no %s for it)", error, kind);
    *out = tasklab_unknown;
    return 0;
}

int cuGetErrorString(int error, const char **out) {
    return tasklab_describe(TASKLAB_IDX_cuGetErrorString, error, out, "description");
}

int cuGetErrorName(int error, const char **out) {
    return tasklab_describe(TASKLAB_IDX_cuGetErrorName, error, out, "name");
}
"#;

/// Stack-argument slots each trampoline forwards (the widest driver function, cuLaunchKernel, uses 5).
const STACK_ARGS: usize = 8;

/// The assembly half: one trampoline per name not written in C. It calls through `tasklab_cu_table` with the
/// caller's register arguments untouched and its first [`STACK_ARGS`] stack slots copied, then passes the result
/// through `tasklab_cu_result`, so no result code outside cust_raw's enum reaches Rust.
pub fn trampolines_asm(names: &[String], arch: Arch) -> String {
    let mut s =
        String::from("/* Generated by tasklab's find_cuda_helper: cu* trampolines. */\n.text\n");
    for (index, name) in names.iter().enumerate() {
        if IN_C.contains(&name.as_str()) {
            continue;
        }
        let offset = index * 8;
        let _ = writeln!(
            s,
            ".globl {name}\n.type {name}, %function\n.p2align 4\n{name}:"
        );
        match arch {
            Arch::X86_64 => {
                // A frame, the caller's first 8 stack arguments copied down (cuLaunchKernel, the widest
                // function, has 5), the call through the table, then the result through tasklab_cu_result.
                s.push_str("    .cfi_startproc\n    push %rbp\n    .cfi_def_cfa_offset 16\n    .cfi_offset %rbp, -16\n");
                s.push_str(
                    "    mov %rsp, %rbp\n    .cfi_def_cfa_register %rbp\n    sub $64, %rsp\n",
                );
                for k in 0..STACK_ARGS {
                    let _ = writeln!(
                        s,
                        "    mov {}(%rbp), %rax\n    mov %rax, {}(%rsp)",
                        16 + 8 * k,
                        8 * k
                    );
                }
                let _ = writeln!(s, "    call *(tasklab_cu_table+{offset})(%rip)");
                s.push_str("    mov %eax, %edi\n    call tasklab_cu_result\n    leave\n    .cfi_def_cfa %rsp, 8\n    ret\n    .cfi_endproc\n");
            }
            Arch::Aarch64 => {
                // The same on AArch64: 8 stack argument slots copied below a frame record.
                s.push_str(
                    "    sub sp, sp, #80\n    stp x29, x30, [sp, #64]\n    add x29, sp, #64\n",
                );
                for k in (0..STACK_ARGS).step_by(2) {
                    let _ = writeln!(
                        s,
                        "    ldp x16, x17, [sp, #{}]\n    stp x16, x17, [sp, #{}]",
                        80 + 8 * k,
                        8 * k
                    );
                }
                let _ = writeln!(s, "    adrp x16, tasklab_cu_table+{offset}");
                let _ = writeln!(s, "    ldr x16, [x16, #:lo12:tasklab_cu_table+{offset}]");
                s.push_str("    blr x16\n    bl tasklab_cu_result\n    ldp x29, x30, [sp, #64]\n    add sp, sp, #80\n    ret\n");
            }
        }
        let _ = writeln!(s, ".size {name}, .-{name}");
    }
    s.push_str(".section .note.GNU-stack,\"\",%progbits\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "extern \"C\" {\n    pub fn cuGetErrorString(error: CUresult, pStr: *mut *const c_char) -> CUresult;\n}\n\
        extern \"C\" {\n    pub fn cuInit(Flags: c_uint) -> CUresult;\n}\n\
        pub fn helper_not_cuda(x: u32) {}\n\
        extern \"C\" {\n    pub fn cuMemAlloc_v2(dptr: *mut CUdeviceptr, bytesize: usize) -> CUresult;\n}\n\
        extern \"C\" {\n    pub fn cuInit(Flags: c_uint) -> CUresult;\n}\n\
        pub enum cudaError_enum {\n    CUDA_SUCCESS = 0,\n    CUDA_ERROR_NO_DEVICE = 100,\n    CUDA_ERROR_UNKNOWN = 999,\n}\n";

    #[test]
    fn finds_each_cu_function_once_in_order() {
        assert_eq!(
            declared_functions(SAMPLE),
            ["cuGetErrorString", "cuInit", "cuMemAlloc_v2"]
        );
    }

    #[test]
    fn c_loader_indexes_the_functions_it_defines() {
        let c = loader_c(&declared_functions(SAMPLE), &known_result_codes(SAMPLE));
        assert!(c.contains("#define TASKLAB_CU_COUNT 3"));
        assert!(c.contains("#define TASKLAB_IDX_cuInit 1"));
        assert!(c.contains("#define TASKLAB_IDX_cuDriverGetVersion -1"));
        assert!(c.contains("\"cuMemAlloc_v2\","));
        assert!(c.contains("    case 0:\n    case 100:\n    case 999:\n        return 1;"));
    }

    #[test]
    fn trampolines_skip_the_c_functions_and_use_the_right_slot() {
        let names = declared_functions(SAMPLE);
        let x86 = trampolines_asm(&names, Arch::X86_64);
        assert!(!x86.contains("cuInit:"));
        assert!(!x86.contains("cuGetErrorString:"));
        assert!(x86.contains(
            "    call *(tasklab_cu_table+16)(%rip)\n    mov %eax, %edi\n    call tasklab_cu_result"
        ));
        assert!(
            x86.contains("    mov 72(%rbp), %rax\n    mov %rax, 56(%rsp)"),
            "the 8th stack slot is copied"
        );
        let arm = trampolines_asm(&names, Arch::Aarch64);
        assert!(arm.contains("ldr x16, [x16, #:lo12:tasklab_cu_table+16]"));
        assert!(arm.contains("    ldp x16, x17, [sp, #128]\n    stp x16, x17, [sp, #48]"));
    }

    #[test]
    fn only_supported_architectures_get_trampolines() {
        assert_eq!(Arch::from_target("x86_64"), Some(Arch::X86_64));
        assert_eq!(Arch::from_target("aarch64"), Some(Arch::Aarch64));
        assert_eq!(Arch::from_target("riscv64"), None);
    }
}
