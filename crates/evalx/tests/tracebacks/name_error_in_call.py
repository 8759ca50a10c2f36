x = 1
prnt(x)
