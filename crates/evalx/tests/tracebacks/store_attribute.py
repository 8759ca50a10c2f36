x = 1
x.y = 5
