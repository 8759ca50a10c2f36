# cpython: error: SyntaxError
exec('\ufeffprint(1)')
