/* A tiny fake CUDA driver (libcuda.so.1) for CI machines without a GPU: just enough of the driver API for the
 * gpu crate's CUDA backend. "Device memory" is host memory and the only kernel it runs is mat_add_i64, computed
 * thread by thread over the launch's grid and blocks, so wrong launch arguments give wrong results. Setting
 * MOCK_CUDA_SYNC_RESULT=46 makes cuStreamSynchronize of the device's own stream return that code (one CUDA
 * 11.4's enum does not know). Streams and events are checked handles; an event's time is the mock's clock.
 * Built and used by tests/mock_driver.rs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned long long dptr;

int cuInit(unsigned flags) { return flags == 0 ? 0 : 1; }
int cuDriverGetVersion(int *v) { *v = 13000; return 0; }
int cuGetErrorString(int e, const char **s) {
    switch (e) {
    case 0: *s = "no error"; break;
    case 46: *s = "mock: CUDA-capable device(s) busy or unavailable"; break;
    case 218: *s = "mock: a PTX JIT compilation failed"; break;
    case 999: *s = "mock: unknown error"; break;
    default: *s = "mock: some error"; break;
    }
    return 0;
}
int cuGetErrorName(int e, const char **s) { (void)e; *s = "CUDA_ERROR_MOCK"; return 0; }
int cuDeviceGetCount(int *n) { *n = 1; return 0; }
int cuDeviceGet(int *d, int ordinal) { if (ordinal != 0) return 101; *d = 0; return 0; }
int cuDeviceGetName(char *name, int len, int dev) { (void)dev; snprintf(name, (size_t)len, "Mock GPU"); return 0; }
int cuDeviceGetAttribute(int *v, int attr, int dev) {
    (void)dev;
    switch (attr) {
    case 1: case 2: case 3: *v = 1024; break; /* threads per block, block x, block y */
    case 4: *v = 64; break;                   /* block z */
    case 5: *v = 2147483647; break;           /* grid x */
    case 6: case 7: *v = 65535; break;        /* grid y, z */
    case 8: *v = 49152; break;                /* shared memory per block */
    default: *v = 0; break;
    }
    return 0;
}
static int ctx_token, stream_token, module_token;
int cuDevicePrimaryCtxRetain(void **c, int d) { (void)d; *c = &ctx_token; return 0; }
int cuDevicePrimaryCtxRelease_v2(int d) { (void)d; return 0; }
int cuCtxSetCurrent(void *c) { return c == &ctx_token ? 0 : 201; }
/* Streams: the first one created is the device's own (MOCK_CUDA_SYNC_RESULT applies to it alone); later ones
 * are allocated, so a destroyed or foreign stream is refused (CUDA_ERROR_INVALID_HANDLE, 400). */
#define STREAM_MAGIC 0x5354524dU
#define EVENT_MAGIC 0x45564e54U
struct mock_stream { unsigned magic; };
struct mock_event { unsigned magic; int recorded; double ms; };
static double mock_clock_ms; /* each kernel launch takes 1.5 ms of the mock's time */
static int valid_stream(void *s) {
    return s == &stream_token || (s != NULL && ((struct mock_stream *)s)->magic == STREAM_MAGIC);
}
static int valid_event(void *e) { return e != NULL && ((struct mock_event *)e)->magic == EVENT_MAGIC; }
int cuStreamCreateWithPriority(void **s, unsigned flags, int prio) {
    static int created;
    (void)prio;
    if (!created++) { *s = &stream_token; return 0; }
    if (flags != 1) return 1; /* this crate's own streams are CU_STREAM_NON_BLOCKING */
    struct mock_stream *m = malloc(sizeof *m);
    if (!m) return 2;
    m->magic = STREAM_MAGIC;
    *s = m;
    return 0;
}
int cuStreamDestroy_v2(void *s) {
    if (s == &stream_token) return 0;
    if (!valid_stream(s)) return 400;
    ((struct mock_stream *)s)->magic = 0;
    free(s);
    return 0;
}
int cuStreamSynchronize(void *s) {
    const char *code = getenv("MOCK_CUDA_SYNC_RESULT");
    if (!valid_stream(s)) return 400;
    return code && s == &stream_token ? atoi(code) : 0;
}
int cuStreamQuery(void *s) { return valid_stream(s) ? 0 : 400; }
int cuStreamWaitEvent(void *s, void *e, unsigned flags) {
    if (!valid_stream(s) || !valid_event(e) || flags != 0) return 400;
    return ((struct mock_event *)e)->recorded ? 0 : 400;
}
int cuEventCreate(void **e, unsigned flags) {
    if (flags != 0) return 1;
    struct mock_event *m = calloc(1, sizeof *m);
    if (!m) return 2;
    m->magic = EVENT_MAGIC;
    *e = m;
    return 0;
}
int cuEventDestroy_v2(void *e) {
    if (!valid_event(e)) return 400;
    ((struct mock_event *)e)->magic = 0;
    free(e);
    return 0;
}
int cuEventRecord(void *e, void *s) {
    if (!valid_event(e) || !valid_stream(s)) return 400;
    ((struct mock_event *)e)->recorded = 1;
    ((struct mock_event *)e)->ms = mock_clock_ms;
    return 0;
}
int cuEventSynchronize(void *e) { return valid_event(e) && ((struct mock_event *)e)->recorded ? 0 : 400; }
int cuEventQuery(void *e) { return valid_event(e) && ((struct mock_event *)e)->recorded ? 0 : 400; }
int cuEventElapsedTime(float *ms, void *a, void *b) {
    if (!valid_event(a) || !valid_event(b)) return 400;
    struct mock_event *x = a, *y = b;
    if (!x->recorded || !y->recorded) return 400;
    *ms = (float)(y->ms - x->ms);
    return 0;
}
int cuModuleLoadDataEx(void **m, const void *image, unsigned n, void *opts, void *vals) {
    (void)n; (void)opts; (void)vals;
    if (!strstr((const char *)image, ".entry")) return 218; /* CUDA_ERROR_INVALID_PTX */
    *m = &module_token;
    return 0;
}
int cuModuleUnload(void *m) { return m == &module_token ? 0 : 400; }
static char functions[16][64];
static int function_count;
int cuModuleGetFunction(void **f, void *m, const char *name) {
    if (m != &module_token || function_count == 16) return 400;
    snprintf(functions[function_count], 64, "%s", name);
    *f = functions[function_count++];
    return 0;
}
int cuMemAlloc_v2(dptr *p, size_t n) { void *m = malloc(n); if (!m) return 2; *p = (dptr)(uintptr_t)m; return 0; }
int cuMemFree_v2(dptr p) { free((void *)(uintptr_t)p); return 0; }
int cuMemsetD8_v2(dptr p, unsigned char v, size_t n) { memset((void *)(uintptr_t)p, v, n); return 0; }
int cuMemcpyHtoD_v2(dptr d, const void *s, size_t n) { memcpy((void *)(uintptr_t)d, s, n); return 0; }
int cuMemcpyDtoH_v2(void *d, dptr s, size_t n) { memcpy(d, (const void *)(uintptr_t)s, n); return 0; }
int cuMemcpyHtoDAsync_v2(dptr d, const void *s, size_t n, void *st) {
    if (!valid_stream(st)) return 400;
    memcpy((void *)(uintptr_t)d, s, n);
    return 0;
}
int cuMemcpyDtoHAsync_v2(void *d, dptr s, size_t n, void *st) {
    if (!valid_stream(st)) return 400;
    memcpy(d, (const void *)(uintptr_t)s, n);
    return 0;
}
int cuMemcpyDtoDAsync_v2(dptr d, dptr s, size_t n, void *st) {
    if (!valid_stream(st)) return 400;
    memcpy((void *)(uintptr_t)d, (const void *)(uintptr_t)s, n);
    return 0;
}

/* Eleven arguments: the last five reach the driver on the stack, through the loader's trampoline. */
int cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                   unsigned shared, void *stream, void **params, void **extra) {
    if (!valid_stream(stream) || extra != NULL || params == NULL || shared != 0) return 1;
    mock_clock_ms += 1.5;
    if (strcmp((const char *)f, "mat_add_i64") != 0) return 500; /* CUDA_ERROR_NOT_FOUND */
    /* The #[gpu::kernel] ABI: each 2-D array is its pointer then its two extents (u64). */
    const long long *a = (const long long *)(uintptr_t)*(dptr *)params[0];
    const long long *b = (const long long *)(uintptr_t)*(dptr *)params[3];
    long long *c = (long long *)(uintptr_t)*(dptr *)params[6];
    unsigned long long rows = *(unsigned long long *)params[1], cols = *(unsigned long long *)params[2];
    for (unsigned long long z = 0; z < (unsigned long long)gz * bz; z++)
        for (unsigned long long y = 0; y < (unsigned long long)gy * by; y++)
            for (unsigned long long x = 0; x < (unsigned long long)gx * bx; x++)
                if (y < rows && x < cols) c[y * cols + x] = a[y * cols + x] + b[y * cols + x];
    return 0;
}
