import sys
print(sys.flags.optimize, sys.flags.dev_mode, sys.flags.int_max_str_digits, len(sys.flags), type(sys.flags).__name__)
print(sys.implementation.name, sys.implementation.cache_tag, sys.implementation.version[:2])
print(isinstance(sys.executable, str))
print(sys.flags[0], sys.flags.debug)
