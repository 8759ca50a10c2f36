x = {}
y = x [ "a" ]
