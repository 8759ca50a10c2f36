"""Zero-copy check on a GPU machine: PyTorch CUDA tensors handed to the gpu crate's `zero_copy` cdylib by
device pointer (numba's `as_cuda_array`) and by DLPack; the results are read back through PyTorch.

Usage: python3 crates/gpu/tests/zero_copy.py path/to/libzero_copy.so
"""

import ctypes
import sys

import torch
import torch.utils.dlpack


def main(path):
    lib = ctypes.CDLL(path)
    lib.tasklab_last_error.restype = ctypes.c_char_p
    lib.tasklab_mat_add_i64.argtypes = [ctypes.c_uint64] * 5
    lib.tasklab_mat_add_dlpack_f32.argtypes = [ctypes.c_void_p] * 3
    assert lib.tasklab_uses_cuda() == 1, "the library did not find CUDA"

    a = torch.arange(12, dtype=torch.int64).reshape(3, 4).cuda()
    b = torch.arange(12, 24, dtype=torch.int64).reshape(3, 4).cuda()
    c = torch.full((3, 4), -1, dtype=torch.int64, device="cuda")
    rc = lib.tasklab_mat_add_i64(a.data_ptr(), b.data_ptr(), c.data_ptr(), 3, 4)
    assert rc == 0, lib.tasklab_last_error()
    print(c.cpu().numpy())
    assert torch.equal(c, a + b), c

    # In place: a_nb and a share memory, so a kernel's writes are PyTorch's values.
    rc = lib.tasklab_mat_add_i64(a.data_ptr(), a.data_ptr(), a.data_ptr(), 3, 4)
    assert rc == 0, lib.tasklab_last_error()
    assert torch.equal(a, 2 * torch.arange(12, device="cuda").reshape(3, 4)), a

    # A shape larger than the allocation is refused with a message, not a crash. (PyTorch's caching allocator
    # carves tensors out of larger segments, so the driver can only check against the segment: 9.6 GB is past any.)
    rc = lib.tasklab_mat_add_i64(a.data_ptr(), a.data_ptr(), a.data_ptr(), 30000, 40000)
    assert rc == 1 and b"past the end" in lib.tasklab_last_error(), lib.tasklab_last_error()

    # DLPack: the library consumes the capsules' tensors and calls their deleters.
    get = ctypes.pythonapi.PyCapsule_GetPointer
    get.restype, get.argtypes = ctypes.c_void_p, [ctypes.py_object, ctypes.c_char_p]
    rename = ctypes.pythonapi.PyCapsule_SetName
    rename.restype, rename.argtypes = ctypes.c_int, [ctypes.py_object, ctypes.c_char_p]
    x = torch.rand(257, 129, device="cuda")
    y = torch.rand(257, 129, device="cuda")
    z = torch.zeros(257, 129, device="cuda")
    caps = [torch.utils.dlpack.to_dlpack(t) for t in (x, y, z)]
    ptrs = [get(cap, b"dltensor") for cap in caps]
    for cap in caps:
        rename(cap, b"used_dltensor")  # the consumer owns them now (DLPack protocol)
    rc = lib.tasklab_mat_add_dlpack_f32(*ptrs)
    assert rc == 0, lib.tasklab_last_error()
    assert torch.equal(z, x + y)
    print("zero-copy: ok (device pointers, in place, bounds check, DLPack)")


if __name__ == "__main__":
    main(sys.argv[1])
