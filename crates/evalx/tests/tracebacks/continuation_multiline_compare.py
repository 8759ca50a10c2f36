x = [1]
ok = (len(x) == 1 and
      x[3] > 0)
