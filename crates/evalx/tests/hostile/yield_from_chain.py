# cpython: error: RecursionError
# evalx-expect: error: MemoryError (each generator reserves a 16 MiB stack and the live stacks may take half the address space: under the 4 GiB address-space cap that is 128 nested generators, before the depth limit; uncapped it is a RecursionError)
def chain(n):
    if n == 0:
        yield 1
    else:
        yield from chain(n - 1)


print(sum(chain(100000)))
