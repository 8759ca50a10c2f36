//! numba.cuda-style device arrays and kernel launches over cust, with a CPU simulator backend. (Not yet implemented: its issue fills it in.)
