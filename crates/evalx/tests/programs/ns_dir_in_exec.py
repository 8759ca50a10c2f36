exec('print(dir())', {'a': 1})
exec('print(dir())', {'a': 1}, {'b': 2})
