x = []
x.apend(1)
