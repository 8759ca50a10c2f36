# cpython: error: SyntaxError
print(eval('(' * 1000000 + '1' + ')' * 1000000))
